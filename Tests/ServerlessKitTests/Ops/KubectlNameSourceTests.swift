import Foundation
import Testing
@testable import ServerlessCompletion

@Suite("Completion: live names through the real kubectl", .enabled(if: Ops.which("kubectl") != nil))
struct KubectlNameSourceTests {
    let source = KubectlNameSource(kubectl: Ops.which("kubectl") ?? "kubectl", timeout: .seconds(2))

    @Test func contextsClustersAndUsersFromTheKubeconfig() async throws {
        let cluster = try FakeCluster()
        let scope = LiveNameScope(kubeconfig: cluster.kubeconfig)
        #expect(await source.names(.contexts, scope: scope) == ["down", "fake", "fake-default"])
        #expect(await source.names(.clusters, scope: scope).sorted() == ["down", "fake"])
        #expect(await source.names(.users, scope: scope) == ["fake"])
    }

    @Test func namespacesAndKEDAObjectsFromTheAPIServer() async throws {
        let cluster = try FakeCluster()
        let scope = LiveNameScope(kubeconfig: cluster.kubeconfig)
        #expect(await source.names(.namespaces, scope: scope) == ["default", "fn", "kube-system"])
        // The context's namespace (fn), then an explicit one, then a context without one (default).
        #expect(await source.names(.scaledObjects, scope: scope) == ["orders", "payments"])
        #expect(await source.names(.scaledJobs, scope: scope) == ["batch"])
        var other = scope
        other.namespace = "default"
        #expect(await source.names(.scaledObjects, scope: other) == ["hello"])
        other = LiveNameScope(kubeconfig: cluster.kubeconfig, context: "fake-default")
        #expect(await source.names(.scaledObjects, scope: other) == ["hello"])
    }

    @Test func silentWhenTheClusterIsDownOrSlow() async throws {
        let down = try FakeCluster()
        let refused = LiveNameScope(kubeconfig: down.kubeconfig, context: "down")
        #expect(await source.names(.namespaces, scope: refused) == [])

        let slow = try FakeCluster(delay: 10)
        let started = Date()
        #expect(await source.names(.namespaces, scope: LiveNameScope(kubeconfig: slow.kubeconfig)) == [])
        #expect(Date().timeIntervalSince(started) < 4)
    }

    @Test func kubectlFromKubectlPath() {
        let source = KubectlNameSource(environment: ["KUBECTL_PATH": "/opt/k/kubectl", "PATH": "/usr/bin"])
        #expect(source.kubectl == "/opt/k/kubectl")
        #expect(KubectlNameSource(environment: ["PATH": "/nonexistent"]).kubectl == "kubectl")
    }
}
