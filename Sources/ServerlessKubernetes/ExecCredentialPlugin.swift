import Foundation
import ServerlessSupport

/// A client-go credential plugin (`users[].user.exec`): run the command, read an `ExecCredential`
/// from its stdout. Its stderr goes to the user's terminal, as with kubectl.
public struct ExecCredentialPlugin: Sendable {
    public static let v1 = "client.authentication.k8s.io/v1"
    public static let v1beta1 = "client.authentication.k8s.io/v1beta1"

    public let config: Kubeconfig.ExecConfig
    /// The cluster for `provideClusterInfo`.
    public let cluster: Kubeconfig.Cluster
    /// The parent environment the plugin inherits (kubectl passes its own).
    public let environment: [String: String]

    public init(config: Kubeconfig.ExecConfig, cluster: Kubeconfig.Cluster, environment: [String: String]) {
        self.config = config
        self.cluster = cluster
        self.environment = environment
    }

    /// What a plugin run produced.
    public struct Credential: Sendable {
        public var token: Secret?
        public var clientCertificatePEM: [UInt8]?
        public var clientKeyPEM: Secret?
        public var expiration: Date?

        public func isValid(at now: Date) -> Bool {
            guard let expiration else { return true }
            return now < expiration
        }
    }

    /// The `KUBERNETES_EXEC_INFO` the plugin receives. We never hand a plugin a terminal.
    public var execInfo: Value {
        var spec: [(key: String, value: Value)] = []
        if config.provideClusterInfo {
            var info: [(key: String, value: Value)] = [("server", .string(cluster.server ?? ""))]
            if let name = cluster.tlsServerName { info.append(("tls-server-name", .string(name))) }
            if cluster.insecureSkipTLSVerify { info.append(("insecure-skip-tls-verify", .bool(true))) }
            if let data = cluster.certificateAuthorityData {
                info.append(("certificate-authority-data", .string(Data(data).base64EncodedString())))
            } else if let path = cluster.certificateAuthority, let data = FileManager.default.contents(atPath: path) {
                // client-go hands the plugin the CA's bytes, even when the kubeconfig names a file.
                info.append(("certificate-authority-data", .string(data.base64EncodedString())))
            }
            if let proxy = cluster.proxyURL { info.append(("proxy-url", .string(proxy))) }
            if cluster.disableCompression { info.append(("disable-compression", .bool(true))) }
            if let extra = cluster.execExtension { info.append(("config", extra)) }
            spec.append(("cluster", .object(info)))
        }
        spec.append(("interactive", .bool(false)))
        return .object([("apiVersion", .string(config.apiVersion)), ("kind", .string("ExecCredential")),
                        ("spec", .object(spec))])
    }

    public func run() async throws -> Credential {
        if config.interactiveMode == "Always" {
            throw ExecPluginError.needsTerminal(command: config.command)
        }
        guard let executable = resolveExecutable() else {
            throw ExecPluginError.notFound(command: config.command, installHint: config.installHint)
        }
        var env = environment
        for variable in config.env { env[variable.name] = variable.value }
        env["KUBERNETES_EXEC_INFO"] = JSON.text(execInfo, pretty: false)

        let output = try await Self.execute(executable: executable, arguments: config.args, environment: env,
                                            command: config.command)
        return try parse(output)
    }

    package func resolveExecutable() -> String? {
        let fileManager = FileManager.default
        if config.command.contains("/") {
            return fileManager.isExecutableFile(atPath: config.command) ? config.command : nil
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(config.command)"
            if fileManager.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Parses the plugin's stdout (an `ExecCredential` of the configured apiVersion).
    package func parse(_ output: [UInt8]) throws -> Credential {
        let value: Value
        do {
            value = try JSON.parse(output)
        } catch {
            throw ExecPluginError.badOutput(command: config.command, reason: "its output is not JSON")
        }
        let returned = value["apiVersion"].string ?? ""
        guard returned == config.apiVersion else {
            throw ExecPluginError.badOutput(command: config.command,
                reason: "it is configured to use API version \(config.apiVersion), but returned version \(returned.isEmpty ? "(none)" : returned)")
        }
        guard value["kind"].string == "ExecCredential" else {
            throw ExecPluginError.badOutput(command: config.command, reason: "it did not return an ExecCredential")
        }
        let status = value["status"]
        guard case .object = status else {
            throw ExecPluginError.badOutput(command: config.command, reason: "it didn't return a status field")
        }
        var credential = Credential()
        credential.token = status["token"].string.nonEmpty.map(Secret.init)
        let cert = status["clientCertificateData"].string.nonEmpty
        let key = status["clientKeyData"].string.nonEmpty
        guard (cert == nil) == (key == nil) else {
            throw ExecPluginError.badOutput(command: config.command, reason: "it returned only a certificate or a key, not both")
        }
        credential.clientCertificatePEM = cert.map { Array($0.utf8) }
        credential.clientKeyPEM = key.map(Secret.init)
        guard credential.token != nil || cert != nil else {
            throw ExecPluginError.badOutput(command: config.command, reason: "it didn't return a token or a certificate and key")
        }
        if let stamp = status["expirationTimestamp"].string.nonEmpty {
            guard let date = RFC3339.date(stamp) else {
                throw ExecPluginError.badOutput(command: config.command, reason: "its expirationTimestamp is not an RFC 3339 time")
            }
            credential.expiration = date
        }
        return credential
    }

    /// Runs the command without a shell, stdin closed, stdout captured, stderr passed through.
    package static func execute(executable: String, arguments: [String], environment: [String: String],
                        command: String) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = environment
                process.standardInput = FileHandle.nullDevice
                let stdout = Pipe()
                process.standardOutput = stdout
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: ExecPluginError.notFound(command: command, installHint: nil))
                    return
                }
                let data = stdout.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                if process.terminationReason == .exit && process.terminationStatus == 0 {
                    continuation.resume(returning: Array(data))
                } else {
                    continuation.resume(throwing: ExecPluginError.failed(command: command, exitCode: process.terminationStatus))
                }
            }
        }
    }
}

public enum ExecPluginError: UserFacingError, Equatable {
    case notFound(command: String, installHint: String?)
    case failed(command: String, exitCode: Int32)
    case badOutput(command: String, reason: String)
    case needsTerminal(command: String)

    /// A plugin that ran and failed could not get a login (expired, IdP unreachable); the rest is setup.
    public var category: FailureCategory {
        if case .failed = self { return .remote }
        return .input
    }

    public var message: String {
        switch self {
        case let .notFound(command, _):
            return "exec credential plugin \"\(command)\" was not found: it is named in the kubeconfig user's exec section but is not installed or not on PATH"
        case let .failed(command, code):
            return "exec credential plugin \"\(command)\" failed with exit code \(code)"
        case let .badOutput(command, reason):
            return "exec credential plugin \"\(command)\" gave unusable credentials: \(reason)"
        case let .needsTerminal(command):
            return "exec credential plugin \"\(command)\" has interactiveMode Always, but kubectl-serverless never gives it a terminal"
        }
    }

    public var hint: String? {
        switch self {
        case let .notFound(_, installHint): return installHint
        case .needsTerminal: return "log in with the plugin first (e.g. run it once in a terminal), or set interactiveMode: IfAvailable"
        case .failed: return "its own message above says why; run it by hand to check the login"
        default: return nil
        }
    }
}

/// RFC 3339 timestamps with or without fractional seconds.
package enum RFC3339 {
    package static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
