import Foundation
import ServerlessSupport

/// `kubectl_complete-serverless`: the executable kubectl (1.26+) looks up on PATH and runs for
/// `kubectl serverless <TAB>`. Krew cannot install it (krew issue #812), so the plugin writes it
/// itself: a two-line script handing the words to the plugin's `__complete`.
public enum KubectlCompletionHelper {
    public static let fileName = "kubectl_complete-serverless"

    public static let script = """
        #!/bin/sh
        # kubectl (1.26+) runs this for `kubectl serverless <TAB>`; the plugin answers in Cobra's __complete protocol.
        exec kubectl-serverless __complete "$@"

        """

    /// Where the helper goes: `--dir`, else beside the plugin as kubectl found it on PATH (for a
    /// krew install, `~/.krew/bin`, where krew's own link lives), else `${KREW_ROOT:-~/.krew}/bin`.
    public static func directory(explicit: String?, invokedAs argv0: String, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if argv0.contains("/") {
            let directory = (argv0 as NSString).deletingLastPathComponent
            // Inside krew's store the directory changes with every upgrade: use krew's bin instead.
            if !directory.contains("/.krew/store/") && !directory.contains("/store/serverless/") {
                return directory.isEmpty ? "/" : directory
            }
        } else if let found = KubectlNameSource.onPath(argv0, path: environment["PATH"] ?? "") {
            return (found as NSString).deletingLastPathComponent
        }
        return krewBin(environment)
    }

    package static func krewBin(_ environment: [String: String]) -> String {
        if let root = environment["KREW_ROOT"], !root.isEmpty { return root + "/bin" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.krew/bin"
    }

    public enum Outcome: Equatable, Sendable {
        case created, updated, unchanged
    }

    public struct InstallFailed: UserFacingError {
        public let path: String
        public let reason: String
        public var category: FailureCategory { .input }
        public var message: String { "cannot write \(path): \(reason)" }
        public var hint: String? { "choose a directory on PATH you can write to with --dir DIR" }
    }

    /// Writes the helper into `directory` (creating it), executable; does nothing when an
    /// identical executable helper is already there.
    @discardableResult
    public static func install(into directory: String) throws -> Outcome {
        let files = FileManager.default
        let path = (directory as NSString).appendingPathComponent(fileName)
        let existing = try? String(contentsOfFile: path, encoding: .utf8)
        let isLink = (try? files.destinationOfSymbolicLink(atPath: path)) != nil
        if existing == script, !isLink, files.isExecutableFile(atPath: path) { return .unchanged }
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = path + ".tmp-\(getpid())"
            try Data(script.utf8).write(to: URL(fileURLWithPath: temporary))
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                try? files.removeItem(atPath: temporary)
                throw InstallFailed(path: path, reason: reason)
            }
        } catch let failure as InstallFailed {
            throw failure
        } catch {
            throw InstallFailed(path: path, reason: (error as NSError).localizedDescription)
        }
        return existing == nil && !isLink ? .created : .updated
    }

    /// Whether kubectl will find the helper: its directory is on PATH.
    public static func isOnPath(_ directory: String, environment: [String: String]) -> Bool {
        let wanted = URL(fileURLWithPath: directory).standardizedFileURL.path
        return (environment["PATH"] ?? "").split(separator: ":").contains {
            URL(fileURLWithPath: String($0)).standardizedFileURL.path == wanted
        }
    }
}
