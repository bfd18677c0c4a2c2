import Foundation

/// What kubeconfig loading reads from the process: environment variables, the home directory,
/// the working directory, the service-account mount. Tests pass their own.
public struct KubeEnvironment: Sendable {
    public var variables: [String: String]
    /// Home for `~/.kube/config`; defaults to `HOME`.
    public var home: String?
    /// Anchors relative `--kubeconfig`, `KUBECONFIG` entries and flag paths.
    public var currentDirectory: String
    /// Where a pod's service-account token, CA and namespace are mounted.
    public var serviceAccountDirectory: String

    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    public init(variables: [String: String], home: String? = nil, currentDirectory: String,
                serviceAccountDirectory: String = KubeEnvironment.defaultServiceAccountDirectory) {
        self.variables = variables
        self.home = home ?? variables["HOME"]
        self.currentDirectory = currentDirectory
        self.serviceAccountDirectory = serviceAccountDirectory
    }

    public static var process: KubeEnvironment {
        KubeEnvironment(variables: ProcessInfo.processInfo.environment,
                        currentDirectory: FileManager.default.currentDirectoryPath)
    }

    package func absolute(_ path: String) -> String {
        KubePaths.resolve(path, against: currentDirectory)
    }

    package var tokenPath: String { serviceAccountDirectory + "/token" }
    package var caPath: String { serviceAccountDirectory + "/ca.crt" }
    package var namespacePath: String { serviceAccountDirectory + "/namespace" }

    /// client-go's `inClusterClientConfig.Possible`.
    package var inClusterPossible: Bool {
        var isDirectory: ObjCBool = false
        return !(variables["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty
            && !(variables["KUBERNETES_SERVICE_PORT"] ?? "").isEmpty
            && FileManager.default.fileExists(atPath: tokenPath, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// `POD_NAMESPACE`, then the mounted namespace file, then `default`.
    package var inClusterNamespace: String {
        if let namespace = variables["POD_NAMESPACE"], !namespace.isEmpty { return namespace }
        if let text = try? String(contentsOfFile: namespacePath, encoding: .utf8) {
            let namespace = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !namespace.isEmpty { return namespace }
        }
        return "default"
    }
}
