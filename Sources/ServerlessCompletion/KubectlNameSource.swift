import Foundation
import ServerlessKubernetes
import ServerlessSupport

/// Live names from kubectl itself: the kubeconfig's contexts, clusters and users, and
/// namespaces and KEDA objects from the API server through `kubectl get --raw` (one request,
/// no discovery round trips). Any failure, or no answer within `timeout`, gives no names.
public struct KubectlNameSource: LiveNameSource {
    public var kubectl: String
    public var timeout: Duration

    /// kubectl as kubectl itself announces it to plugins (`KUBECTL_PATH`), else the one on PATH.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(2)) {
        if let path = environment["KUBECTL_PATH"], !path.isEmpty {
            kubectl = path
        } else {
            kubectl = Self.onPath("kubectl", path: environment["PATH"] ?? "") ?? "kubectl"
        }
        self.timeout = timeout
    }

    public init(kubectl: String, timeout: Duration) {
        self.kubectl = kubectl
        self.timeout = timeout
    }

    public func names(_ kind: LiveNameKind, scope: LiveNameScope) async -> [String] {
        switch kind {
        case .contexts:
            return lines(run(["config", "get-contexts", "-o", "name"] + configFlags(scope)))
        case .clusters:
            return Array(lines(run(["config", "get-clusters"] + configFlags(scope))).dropFirst())  // NAME header
        case .users:
            return Array(lines(run(["config", "get-users"] + configFlags(scope))).dropFirst())
        case .namespaces:
            return itemNames(run(["get", "--raw", "/api/v1/namespaces"] + requestFlags(scope)))
        case .scaledObjects, .scaledJobs:
            let resource = kind == .scaledObjects ? "scaledobjects" : "scaledjobs"
            let namespace = scope.namespace ?? contextNamespace(scope) ?? "default"
            guard let escaped = namespace.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-."))) else { return [] }
            // Only objects `checkpoints` can read: those with an azure-eventhub trigger.
            return itemNames(run(["get", "--raw", "/apis/keda.sh/v1alpha1/namespaces/\(escaped)/\(resource)"] + requestFlags(scope))) {
                $0["spec"]["triggers"].array.contains { $0["type"].string == "azure-eventhub" }
            }
        }
    }

    /// The namespace the selected context sets, as kubectl would default `-n`: read in-process
    /// with kubectl's own loading rules (one kubectl start less per <TAB>), else asked of kubectl.
    package func contextNamespace(_ scope: LiveNameScope) -> String? {
        if let config = try? KubeconfigLoader.merged(overrides: KubeconfigOverrides(kubeconfig: scope.kubeconfig, context: scope.context)) {
            guard let name = scope.context ?? config.currentContext, let context = config.contexts[name] else { return nil }
            return context.namespace
        }
        let out = run(["config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}"] + configFlags(scope))
        return lines(out).first
    }

    package func configFlags(_ scope: LiveNameScope) -> [String] {
        var flags: [String] = []
        if let kubeconfig = scope.kubeconfig { flags += ["--kubeconfig", kubeconfig] }
        if let context = scope.context { flags += ["--context", context] }
        return flags
    }

    package func requestFlags(_ scope: LiveNameScope) -> [String] {
        var flags = configFlags(scope)
        if let cluster = scope.cluster { flags += ["--cluster", cluster] }
        if let user = scope.user { flags += ["--user", user] }
        let seconds = max(1, Int(timeout.components.seconds) - 1)
        return flags + ["--request-timeout=\(seconds)s"]
    }

    package func lines(_ output: String?) -> [String] {
        (output ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    package func itemNames(_ output: String?, where include: (Value) -> Bool = { _ in true }) -> [String] {
        guard let output, let list = try? JSON.parse(output) else { return [] }
        return list["items"].array.filter(include).compactMap { $0["metadata"]["name"].string }
    }

    /// Runs kubectl with stderr discarded; nil unless it exits 0 within the timeout.
    package func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl)
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Read while waiting, so a large answer cannot fill the pipe and stall kubectl.
        let reader = OutputCollector(stdout.fileHandleForReading)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let deadline = Date().addingTimeInterval(seconds)
        // Polled rather than a termination handler: those can arrive late when many processes run at once.
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            // SIGKILL: kubectl may have inherited a mask that blocks SIGTERM from this thread.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        let data = reader.finish()
        // An answer this big is no list of names anyone can pick from, and parsing it would outlast the timeout.
        guard process.terminationStatus == 0, data.count <= Self.maxAnswerBytes else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Larger kubectl answers give no names (a 70 MB body took 26 s to parse in a debug build).
    package static let maxAnswerBytes = 4 << 20

    package static func onPath(_ name: String, path: String) -> String? {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Drains a pipe on a background thread.
private final class OutputCollector: @unchecked Sendable {
    private var data = Data()
    private let finished = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            finished.signal()
        }
    }

    func finish() -> Data {
        finished.wait()
        return data
    }
}
