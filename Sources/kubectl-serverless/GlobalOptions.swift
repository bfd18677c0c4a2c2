import ArgumentParser
import ServerlessIO
import ServerlessKubernetes
import ServerlessSupport

/// kubectl's own flags, with kubectl's names and meanings, shared by every subcommand
/// (cli-runtime's ConfigFlags, as an option group).
struct GlobalOptions: ParsableArguments {
    @Option(help: "Path to the kubeconfig file to use.")
    var kubeconfig: String?

    @Option(help: "The name of the kubeconfig context to use.")
    var context: String?

    @Option(help: "The name of the kubeconfig cluster to use.")
    var cluster: String?

    @Option(help: "The name of the kubeconfig user to use.")
    var user: String?

    @Option(name: .shortAndLong, help: "The namespace scope for this request.")
    var namespace: String?

    @Option(name: .shortAndLong, help: "The address and port of the Kubernetes API server.")
    var server: String?

    @Option(help: "Bearer token for authentication to the API server.")
    var token: String?

    @Option(name: .customLong("certificate-authority"), help: "Path to a cert file for the certificate authority.")
    var certificateAuthority: String?

    @Option(name: .customLong("client-certificate"), help: "Path to a client certificate file for TLS.")
    var clientCertificate: String?

    @Option(name: .customLong("client-key"), help: "Path to a client key file for TLS.")
    var clientKey: String?

    @Option(name: .customLong("tls-server-name"), help: "Server name to use for server certificate validation.")
    var tlsServerName: String?

    @Flag(name: .customLong("insecure-skip-tls-verify"),
          help: "Do not verify the API server's certificate. This makes your HTTPS connections insecure.")
    var insecureSkipTLSVerify = false

    @Option(name: .customLong("as"), help: "Username to impersonate for the operation.")
    var impersonateUser: String?

    @Option(name: .customLong("as-group"), help: "Group to impersonate for the operation (repeatable).")
    var impersonateGroups: [String] = []

    @Option(name: .customLong("request-timeout"),
            help: "Bound on every remote request (API server, storage, Event Hubs): 30s, 1m, 0 for none.")
    var requestTimeout: String = "0"

    @Flag(name: .customLong("no-headers"), help: "Print tables without headers.")
    var noHeaders = false

    @Flag(name: .customLong("no-color"), help: "Never colour the output (NO_COLOR does the same).")
    var noColor = false

    @Flag(name: .shortAndLong, help: "Log requests and timings to stderr; repeat for more detail. Never shows secrets.")
    var verbose: Int

    /// `--request-timeout` parsed the way kubectl does: a bare integer is seconds, else a Go duration.
    func timeout() throws -> Duration? {
        try RequestTimeout.parse(requestTimeout)
    }

    /// The flags as kubectl's loading rules take them.
    var kubeconfigOverrides: KubeconfigOverrides {
        KubeconfigOverrides(
            kubeconfig: kubeconfig, context: context, cluster: cluster, user: user, namespace: namespace,
            server: server, token: token.map(Secret.init), certificateAuthority: certificateAuthority,
            insecureSkipTLSVerify: insecureSkipTLSVerify, tlsServerName: tlsServerName,
            clientCertificate: clientCertificate, clientKey: clientKey, impersonate: impersonateUser,
            impersonateGroups: impersonateGroups, requestTimeout: requestTimeout)
    }

    /// Where `-f` manifests without `metadata.namespace` go, as `kubectl apply -f` places them:
    /// `-n`, else the kubeconfig context's namespace, else `default`. Reads no cluster.
    func manifestPlacement() throws -> NamespacePlacement {
        NamespacePlacement(namespace: try KubeconfigLoader.defaultNamespace(overrides: kubeconfigOverrides))
    }

    /// A client for the cluster the kubeconfig and flags select.
    func apiClient() throws -> KubeAPIClient {
        let config = try KubeconfigLoader.load(overrides: kubeconfigOverrides)
        return KubeAPIClient(config: config, baseOptions: TransportOptions(log: requestLog)) { options in
            try CurlTransport(options: options)
        }
    }

    var requestLog: RequestLog? {
        verbose > 0 ? RequestLog { Terminal.error($0) } : nil
    }
}
