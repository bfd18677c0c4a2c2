import Foundation

/// A kubeconfig's text for the test API servers: clusters, users and contexts in kubectl's layout, relative
/// paths (`certs/ca.crt`) resolving beside the file. The test cluster's own (`KubeTestCluster.kubeconfig`)
/// is `standard(server:)`; a test that needs another context or one thing changed starts from it or builds its own.
struct TestKubeconfig {
    struct Cluster {
        var name = "test"
        var server: String
        var certificateAuthority = "certs/ca.crt"
    }

    struct User {
        var name: String
        /// The fields of `user:`, as a flow mapping's inside (`token: "..."`).
        var fields: String

        /// The bearer token user the test API server accepts (`KubeTestCluster.token` unless another is given).
        static func token(_ token: String = KubeTestCluster.token) -> User {
            User(name: "token-user", fields: "token: \"\(token)\"")
        }

        /// The client-certificate user, its files under `certs/` as kube_certs.py writes them.
        static let certificate = User(name: "cert-user", fields: "client-certificate: certs/client.crt, client-key: certs/client.key")
    }

    struct Context {
        var name: String
        var cluster = "test"
        var user = "token-user"
        var namespace: String?
    }

    var currentContext: String
    var clusters: [Cluster]
    var users: [User]
    var contexts: [Context]

    /// The test cluster's: context `token` (current, bearer token) and `cert` (client certificate, namespace fn).
    static func standard(server: String) -> TestKubeconfig {
        TestKubeconfig(currentContext: "token", clusters: [Cluster(server: server)], users: [.token(), .certificate],
                       contexts: [Context(name: "token"), Context(name: "cert", user: "cert-user", namespace: "fn")])
    }

    var text: String {
        var lines = ["apiVersion: v1", "kind: Config", "current-context: \(currentContext)", "clusters:"]
        for cluster in clusters {
            lines += ["- name: \(cluster.name)",
                      "  cluster: {server: \"\(cluster.server)\", certificate-authority: \"\(cluster.certificateAuthority)\"}"]
        }
        lines.append("users:")
        for user in users { lines += ["- name: \(user.name)", "  user: {\(user.fields)}"] }
        lines.append("contexts:")
        for context in contexts {
            let namespace = context.namespace.map { ", namespace: \($0)" } ?? ""
            lines += ["- name: \(context.name)", "  context: {cluster: \(context.cluster), user: \(context.user)\(namespace)}"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Written as `name` into `directory` (a test cluster's, so `certs/` resolves); the file's path.
    func write(_ name: String, in directory: TempDir) throws -> String {
        try directory.write(name, text)
    }
}
