import Foundation
import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// Objects without `metadata.namespace` go where `kubectl apply -f` puts them, checked against the real kubectl.
@Suite struct NamespacePlacementTests {
    /// Namespace-less objects of namespaced and cluster-scoped kinds.
    static let objects = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: orders}
        ---
        apiVersion: keda.sh/v1alpha1
        kind: TriggerAuthentication
        metadata: {name: orders-auth}
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ClusterTriggerAuthentication
        metadata: {name: shared}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: team}
        """

    /// kubectl refuses `-n` for an object that names another namespace; the plugin reads it where it says.
    static let pinned = """
        apiVersion: v1
        kind: Secret
        metadata: {name: pinned, namespace: elsewhere}
        """

    /// A kubeconfig with a context that names a namespace (current) and one that does not.
    static func kubeconfig(in directory: TempDir, server: String = "https://127.0.0.1:1") throws -> String {
        let config = TestKubeconfig(currentContext: "with-namespace", clusters: [.init(server: server)], users: [.token()],
                                    contexts: [.init(name: "with-namespace", namespace: "from-context"), .init(name: "without-namespace")])
        return try config.write("kubeconfig", in: directory)
    }

    @Test func defaultNamespaceFollowsKubectl() throws {
        let directory = try TempDir()
        let kubeconfig = try Self.kubeconfig(in: directory)
        let env = directory.environment()
        func namespace(_ overrides: KubeconfigOverrides) throws -> String {
            try KubeconfigLoader.defaultNamespace(overrides: overrides, environment: env)
        }
        #expect(try namespace(.init(kubeconfig: kubeconfig)) == "from-context")
        #expect(try namespace(.init(kubeconfig: kubeconfig, namespace: "flag")) == "flag")
        #expect(try namespace(.init(kubeconfig: kubeconfig, context: "without-namespace")) == "default")
        // No kubeconfig at all: `default`, and no cluster or credentials are needed.
        #expect(try KubeconfigLoader.defaultNamespace(overrides: .init(), environment: env) == "default")
        // kubectl takes -n even with a --context that does not exist, and refuses the context without -n.
        #expect(try namespace(.init(kubeconfig: kubeconfig, context: "gone", namespace: "flag")) == "flag")
        #expect(throws: KubeconfigError.contextNotFound("gone")) { try namespace(.init(kubeconfig: kubeconfig, context: "gone")) }
    }

    @Test func placementKeepsOwnNamespacesAndClusterScope() throws {
        let store = try DoctorTestSupport.store(Self.objects + "\n---\n" + Self.pinned)
        let placed = NamespacePlacement(namespace: "fn").place(store)
        let namespaces = Dictionary(uniqueKeysWithValues: placed.objects.map { ($0.kind, $0.namespace ?? "-") })
        #expect(namespaces == ["ConfigMap": "fn", "ScaledObject": "fn", "TriggerAuthentication": "fn",
                               "ClusterTriggerAuthentication": "-", "Namespace": "-", "Secret": "elsewhere"])
        // The doctor's index places through the same value.
        let index = DoctorIndex(store: store, defaultNamespace: "fn")
        #expect(store.objects.map(index.namespace(of:)) == store.objects.map(NamespacePlacement(namespace: "fn").namespace(of:)))
    }

    /// The real kubectl (`create --dry-run=client`, which sets the namespace it would create each object in)
    /// against the test API server for its discovery: -n, the context's namespace, neither.
    @Test(.enabled(if: Ops.which("kubectl") != nil))
    func sameNamespacesAsTheRealKubectl() throws {
        let inputs = try TempDir()
        let file = try inputs.write("objects.yaml", Self.objects)
        // The server must serve the KEDA kinds, or kubectl cannot map them.
        let cluster = try KubeTestCluster(manifests: [TriggerInputsTests.fixture])
        let kubeconfig = try Self.kubeconfig(in: cluster.directory, server: "https://127.0.0.1:\(cluster.server.port)")
        let store = try DoctorTestSupport.store(Self.objects)
        for flags in [[], ["-n", "flag-ns"], ["--context", "without-namespace"], ["--context", "without-namespace", "-n", "other"]] {
            let result = try Ops.run("kubectl", ["--kubeconfig", kubeconfig] + flags + [
                "create", "--dry-run=client", "--validate=false", "-f", file,
                "-o", #"jsonpath={.kind}={.metadata.namespace}{"\n"}"#], environment: ["HOME": inputs.path, "PATH": "/usr/bin:/bin:/usr/local/bin"])
            #expect(result.status == 0, "\(flags): \(result.stderr)")
            let kubectl = result.stdout.split(separator: "\n").map(String.init)
            var overrides = KubeconfigOverrides(kubeconfig: kubeconfig)
            if let at = flags.firstIndex(of: "-n") { overrides.namespace = flags[at + 1] }
            if let at = flags.firstIndex(of: "--context") { overrides.context = flags[at + 1] }
            let placement = NamespacePlacement(namespace: try KubeconfigLoader.defaultNamespace(overrides: overrides, environment: .process))
            let ours = store.objects.map { "\($0.kind)=\(placement.namespace(of: $0) ?? "")" }
            #expect(ours == kubectl, "\(flags)")
        }
    }
}
