import Foundation
import Testing
@testable import ServerlessCompletion

/// What the ops tests share: the repository, the built `kubectl-serverless`, running programs.
enum Ops {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `kubectl-serverless` built beside this test bundle (SwiftPM puts every product of a
    /// configuration in one directory).
    static let binary: String? = {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        for configuration in ["debug", "release"] {
            directories.append(repository.appendingPathComponent(".build/\(configuration)"))
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("kubectl-serverless").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static func requireBinary() throws -> String {
        try #require(binary, "kubectl-serverless is not built beside the tests; run `swift build --build-tests`")
    }

    /// The live command tree, from the built binary.
    static func tree() throws -> CommandInfo {
        let result = try run(try requireBinary(), ["--experimental-dump-help"])
        #expect(result.status == 0)
        return try CommandInfo.tree(fromDump: result.stdout)
    }

    static let tools = ["kubectl", "mandoc", "man", "bash", "zsh", "fish"]

    static func which(_ tool: String) -> String? {
        KubectlNameSource.onPath(tool, path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs a program to completion (stdin empty), with a deadline so a hung shell fails the test.
    static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil,
                    directory: URL? = nil, timeout: TimeInterval = 60) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : (which(program) ?? program))
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = Collected(), stderr = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { stdout.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { stderr.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)  // SIGTERM may be blocked in the child (inherited mask)
            process.waitUntilExit()
            group.wait()
            throw TimedOut(command: ([program] + arguments).joined(separator: " "))
        }
        process.waitUntilExit()
        group.wait()
        return Result(stdout: String(decoding: stdout.data, as: UTF8.self), stderr: String(decoding: stderr.data, as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// Written by one reader thread, read after the group is done.
    final class Collected: @unchecked Sendable { var data = Data() }

    struct TimedOut: Error, CustomStringConvertible {
        let command: String
        var description: String { "timed out: \(command)" }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A directory holding only the plugin and the committed helper, put first on PATH the way a
    /// user's PATH would hold them.
    static func pluginPath() throws -> URL {
        let directory = try temporaryDirectory()
        let binary = try requireBinary()
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("kubectl-serverless").path,
                                                   withDestinationPath: binary)
        let helper = directory.appendingPathComponent(KubectlCompletionHelper.fileName).path
        try FileManager.default.copyItem(atPath: repository.appendingPathComponent("completions/\(KubectlCompletionHelper.fileName)").path,
                                         toPath: helper)
        return directory
    }

    static func environment(path directory: URL, extra: [String: String] = [:]) -> [String: String] {
        var env = ["PATH": directory.path + ":/usr/local/bin:/usr/bin:/bin", "HOME": directory.path, "LANG": "C.UTF-8"]
        if let kubectl = which("kubectl") {
            let kubectlDirectory = (kubectl as NSString).deletingLastPathComponent
            if !["/usr/local/bin", "/usr/bin", "/bin"].contains(kubectlDirectory) { env["PATH"]! += ":" + kubectlDirectory }
        }
        env["KUBECONFIG"] = directory.appendingPathComponent("no-such-kubeconfig").path
        env.merge(extra) { $1 }
        return env
    }

    /// Candidates and directive of a Cobra `__complete` answer.
    static func parse(_ output: String) -> (values: [String], descriptions: [String: String], directive: Int?) {
        var lines = output.split(whereSeparator: \.isNewline).map(String.init)
        var directive: Int?
        if let last = lines.last, last.hasPrefix(":"), let value = Int(last.dropFirst()) {
            directive = value
            lines.removeLast()
        }
        var descriptions: [String: String] = [:]
        let values = lines.map { line -> String in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { descriptions[parts[0]] = parts[1] }
            return parts.first ?? ""
        }
        return (values, descriptions, directive)
    }
}
