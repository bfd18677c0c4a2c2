import Foundation

/// Tests/Support/test_ops_apiserver.py running, and a kubeconfig with two contexts pointing at it.
final class FakeCluster: @unchecked Sendable {
    let server: TestServerProcess
    let directory: URL
    let kubeconfig: String

    init(delay: Double = 0) throws {
        server = try TestServerProcess(script: "test_ops_apiserver.py", arguments: [
            "--object", "fn/scaledobjects/orders", "--object", "fn/scaledobjects/payments",
            "--object", "default/scaledobjects/hello", "--object", "fn/scaledjobs/batch",
            // No azure-eventhub trigger: never offered to `checkpoints`.
            "--object", "fn/scaledobjects/web/cpu", "--object", "fn/scaledjobs/nightly/cron",
            "--namespace", "kube-system", "--delay", String(delay),
        ])
        directory = try Ops.temporaryDirectory()
        kubeconfig = directory.appendingPathComponent("config").path
        try Self.config(server: server.baseURL, namespace: "fn").write(toFile: kubeconfig, atomically: true, encoding: .utf8)
    }

    /// Contexts `fake` (namespace fn, current) and `fake-default` (no namespace), and `down`
    /// pointing at a closed port.
    static func config(server: String, namespace: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster: {server: "\(server)"}
        - name: down
          cluster: {server: "http://127.0.0.1:9"}
        users:
        - name: fake
          user: {token: not-a-secret}
        contexts:
        - name: fake
          context: {cluster: fake, user: fake, namespace: \(namespace)}
        - name: fake-default
          context: {cluster: fake, user: fake}
        - name: down
          context: {cluster: down, user: fake}
        current-context: fake

        """
    }
}
