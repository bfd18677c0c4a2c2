import ServerlessIO
import ServerlessSupport

/// Everything needed to talk to one API server, resolved from kubeconfig files, flags and the pod
/// environment exactly once. The API client reads only this.
public struct KubeClientConfig: Sendable {
    /// The context used (`--context` or `current-context`); nil in-cluster or with none.
    public var contextName: String?
    public var clusterName: String?
    public var userName: String?
    /// `https://host:port`, no trailing slash.
    public var server: String
    /// The namespace commands default to, and whether the user chose it (`-n` or the context).
    public var namespace: String
    public var namespaceIsExplicit: Bool
    public var tls: TLSOptions
    public var proxy: String?
    public var requestTimeout: Duration?
    public var credentials: Credentials
    public var impersonation: Impersonation?
    public var inCluster: Bool
    /// The cluster entry as finally merged (for exec plugins' `provideClusterInfo`).
    public var cluster: Kubeconfig.Cluster

    public struct Credentials: Sendable {
        public var token: Secret?
        /// Re-read as it rotates (service-account tokens), the token above is the fallback.
        public var tokenFile: String?
        public var username: String?
        public var password: Secret?
        public var exec: Kubeconfig.ExecConfig?

        public init(token: Secret? = nil, tokenFile: String? = nil, username: String? = nil,
                    password: Secret? = nil, exec: Kubeconfig.ExecConfig? = nil) {
            self.token = token
            self.tokenFile = tokenFile
            self.username = username
            self.password = password
            self.exec = exec
        }
    }

    public struct Impersonation: Sendable, Equatable {
        public var user: String
        public var uid: String?
        public var groups: [String]

        /// `Impersonate-User`, `Impersonate-Uid`, one `Impersonate-Group` per group.
        public var headers: [(name: String, value: String)] {
            [("Impersonate-User", user)] + (uid.map { [("Impersonate-Uid", $0)] } ?? [])
                + groups.map { ("Impersonate-Group", $0) }
        }
    }

    public init(contextName: String? = nil, clusterName: String? = nil, userName: String? = nil, server: String,
                namespace: String = "default", namespaceIsExplicit: Bool = false, tls: TLSOptions = TLSOptions(),
                proxy: String? = nil, requestTimeout: Duration? = nil, credentials: Credentials = Credentials(),
                impersonation: Impersonation? = nil, inCluster: Bool = false,
                cluster: Kubeconfig.Cluster = Kubeconfig.Cluster()) {
        self.contextName = contextName
        self.clusterName = clusterName
        self.userName = userName
        self.server = server
        self.namespace = namespace
        self.namespaceIsExplicit = namespaceIsExplicit
        self.tls = tls
        self.proxy = proxy
        self.requestTimeout = requestTimeout
        self.credentials = credentials
        self.impersonation = impersonation
        self.inCluster = inCluster
        self.cluster = cluster
    }

    /// How the transport reaches this API server. `base` brings the CLI's retry policy, log and
    /// limits; TLS, proxy and timeout come from the kubeconfig and flags.
    public func transportOptions(base: TransportOptions = TransportOptions()) -> TransportOptions {
        var options = base
        options.tls = tls
        options.proxy = proxy
        options.requestTimeout = requestTimeout
        return options
    }

    /// What `ObjectStore.Source.cluster(context:)` shows.
    public var sourceName: String {
        if inCluster { return "in-cluster" }
        return contextName ?? clusterName ?? server
    }
}
