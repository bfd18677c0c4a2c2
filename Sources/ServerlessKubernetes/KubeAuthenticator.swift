import Foundation
import ServerlessSupport

/// Turns a config's credentials into what each request carries: the `Authorization` header,
/// impersonation headers, and a client certificate when an exec plugin hands one out.
/// Token files are re-read at most once a minute (bound tokens rotate); exec credentials are kept
/// until they expire, and fetched again once after a 401.
public actor KubeAuthenticator {
    public struct RequestCredentials: Sendable {
        public var headers: [(name: String, value: String)]
        /// From an exec plugin; overrides the kubeconfig's client certificate.
        public var clientCertificatePEM: [UInt8]?
        public var clientKeyPEM: Secret?
        /// Changes whenever the exec plugin ran again, so a transport built for an older certificate is replaced.
        public var generation: Int
    }

    private let config: KubeClientConfig
    private let environment: [String: String]
    private let now: @Sendable () -> Date
    private var fileToken: (token: String, readAt: Date)?
    private var execCredential: ExecCredentialPlugin.Credential?
    private var generation = 0
    private var execRun: Task<ExecCredentialPlugin.Credential, Error>?
    /// How many times the exec plugin ran (tests check the cache).
    public private(set) var execRuns = 0

    package static let tokenFileRefresh: TimeInterval = 60

    public init(config: KubeClientConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.environment = environment
        self.now = now
    }

    public var canRefresh: Bool { config.credentials.exec != nil }

    public func credentials() async throws -> RequestCredentials {
        var headers: [(name: String, value: String)] = []
        var certificate: [UInt8]?
        var key: Secret?
        let credentials = config.credentials
        if let token = bearerToken() {
            headers.append(("Authorization", "Bearer " + token))
        } else if let username = credentials.username {
            let pair = Data((username + ":" + (credentials.password?.value ?? "")).utf8).base64EncodedString()
            headers.append(("Authorization", "Basic " + pair))
        } else if let exec = credentials.exec {
            let credential = try await execCredentials(exec)
            if let token = credential.token { headers.append(("Authorization", "Bearer " + token.value)) }
            certificate = credential.clientCertificatePEM
            key = credential.clientKeyPEM
        }
        headers += config.impersonation?.headers ?? []
        return RequestCredentials(headers: headers, clientCertificatePEM: certificate, clientKeyPEM: key,
                                  generation: generation)
    }

    /// After a 401: forget exec credentials so the next request runs the plugin again.
    /// Returns whether anything changed (so one retry is worth making).
    public func invalidate() -> Bool {
        guard config.credentials.exec != nil, execCredential != nil else { return false }
        execCredential = nil
        return true
    }

    private func bearerToken() -> String? {
        let credentials = config.credentials
        if let path = credentials.tokenFile {
            if let cached = fileToken, now().timeIntervalSince(cached.readAt) < Self.tokenFileRefresh {
                return cached.token
            }
            if let token = try? TokenFile.read(path), !token.isEmpty {
                fileToken = (token, now())
                return token
            }
        }
        return credentials.token?.value
    }

    private func execCredentials(_ exec: Kubeconfig.ExecConfig) async throws -> ExecCredentialPlugin.Credential {
        if let cached = execCredential, cached.isValid(at: now()) { return cached }
        // Requests in flight together share one plugin run.
        if let running = execRun { return try await running.value }
        let plugin = ExecCredentialPlugin(config: exec, cluster: config.cluster, environment: environment)
        execRuns += 1
        let run = Task { try await plugin.run() }
        execRun = run
        defer { execRun = nil }
        let credential = try await run.value
        execCredential = credential
        generation += 1
        return credential
    }
}
