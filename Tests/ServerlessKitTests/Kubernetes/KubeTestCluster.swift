import Foundation
import Testing
@testable import ServerlessKubernetes

/// Tests/Support/kube_api_server.py over HTTPS with a fresh CA, plus a kubeconfig for it with two
/// contexts: `token` (bearer token) and `cert` (client certificate, namespace fn).
/// For end-to-end tests once a real `HTTPClient` is at hand:
///     let cluster = try KubeTestCluster(manifests: [fixture])
///     let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: cluster.kubeconfig), environment: .process)
final class KubeTestCluster: @unchecked Sendable {
    static let token = "swift-test-token-5e0c"
    let directory: TempDir
    let server: TestServerProcess
    let kubeconfig: String
    let requestLog: String

    /// `faults`: the API server's `--fault` specs (azure_faults.py syntax); `tokens`: bearer tokens it
    /// accepts besides `token`; `forbid`: resources answered with 403
    /// (`PLURAL@cluster`: only when listed across all namespaces, as for a user with a Role and no ClusterRole).
    init(manifests: [String], forbid: [String] = ["secrets"], faults: [String] = [],
         tokens: [String] = []) throws {
        directory = try TempDir()
        let certs = directory.path + "/certs"
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generate.arguments = ["python3", TestServerProcess.supportDirectory.appendingPathComponent("kube_certs.py").path, certs]
        try generate.run()
        generate.waitUntilExit()
        guard generate.terminationStatus == 0 else {
            throw TestServerProcess.ServerFailed(message: "kube_certs.py failed (is openssl installed?)")
        }
        requestLog = directory.path + "/requests.log"
        var arguments = ["--cert", certs + "/server.crt", "--key", certs + "/server.key", "--client-ca", certs + "/ca.crt",
                         "--token", Self.token, "--log", requestLog]
        for path in manifests { arguments += ["--manifests", path] }
        for resource in forbid { arguments += ["--forbid", resource] }
        for fault in faults { arguments += ["--fault", fault] }
        for token in tokens { arguments += ["--token", token] }
        server = try TestServerProcess(script: "kube_api_server.py", arguments: arguments)
        kubeconfig = try TestKubeconfig.standard(server: "https://127.0.0.1:\(server.port)").write("kubeconfig", in: directory)
    }

    var requests: [String] {
        ((try? String(contentsOfFile: requestLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

@Suite("Kubernetes test cluster")
struct KubeTestClusterTests {
    @Test func kubeconfigForTheTestServerLoads() throws {
        let cluster = try KubeTestCluster(manifests: [TriggerInputsTests.fixture])
        let env = cluster.directory.environment()
        let token = try KubeconfigLoader.load(overrides: .init(kubeconfig: cluster.kubeconfig), environment: env)
        #expect(token.server == "https://127.0.0.1:\(cluster.server.port)")
        #expect(token.tls.caFile == cluster.directory.path + "/certs/ca.crt")
        #expect(token.credentials.token?.value == KubeTestCluster.token)
        let cert = try KubeconfigLoader.load(overrides: .init(kubeconfig: cluster.kubeconfig, context: "cert"), environment: env)
        #expect(cert.namespace == "fn")
        #expect(cert.tls.clientCertificateFile == cluster.directory.path + "/certs/client.crt")
        #expect(cert.tls.clientKeyFile == cluster.directory.path + "/certs/client.key")
        #expect(FileManager.default.isReadableFile(atPath: cert.tls.clientKeyFile ?? ""))
    }
}
