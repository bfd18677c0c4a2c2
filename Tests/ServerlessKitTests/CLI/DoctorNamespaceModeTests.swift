import Foundation
import Testing
@testable import ServerlessSupport

/// `doctor -n fn` against the test API server: KEDA runs in `keda`, the app in `fn`.
@Suite struct DoctorNamespaceModeTests {
    static let cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: keda}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: fn}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: keda-operator, namespace: keda, labels: {app: keda-operator}}
        spec:
          replicas: 1
          template:
            spec:
              containers:
              - {name: keda-operator, image: "ghcr.io/kedacore/keda:2.15.1"}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: consumer, namespace: fn}
        spec:
          replicas: 1
          template:
            spec:
              containers:
              - name: consumer
                image: registry.example.com/consumer:1.0
                env:
                - {name: EVENTHUB_CONNECTION, value: "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0;EntityPath=orders"}
                - {name: STORAGE_CONNECTION, value: "DefaultEndpointsProtocol=https;AccountName=example;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net"}
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: consumer, namespace: fn}
        spec:
          scaleTargetRef: {name: consumer}
          triggers:
          - type: azure-eventhub
            metadata: {connectionFromEnv: EVENTHUB_CONNECTION, storageConnectionFromEnv: STORAGE_CONNECTION, checkpointStrategy: goSdk, blobContainer: checkpoints}
        status:
          conditions:
          - {type: Ready, status: "True", reason: ScaledObjectReady}
        """

    func doctor(_ arguments: [String]) throws -> Ops.Result {
        try Ops.run(try Ops.requireBinary(), ["doctor"] + arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
    }

    func findings(_ result: Ops.Result) throws -> [Value] { try JSON.parse(result.stdout)["findings"].array }

    @Test func theControlPlaneInItsOwnNamespaceIsSeenFromTheAppsNamespace() throws {
        let dir = try TempDir()
        let cluster = try KubeTestCluster(manifests: [try dir.write("cluster.yaml", Self.cluster)])
        let result = try doctor(["--kubeconfig", cluster.kubeconfig, "-n", "fn", "-o", "json"])
        let found = try findings(result)
        let ids = found.compactMap { $0["id"].string }
        #expect(!ids.contains("KD-OP-001"), "\(result.stdout)")
        let version = try #require(found.first { $0["id"].string == "KD-VER-001" })
        #expect(version["object"]["namespace"] == .string("keda"))
        #expect(cluster.requests.contains { $0.hasPrefix("GET /apis/apps/v1/deployments?") })
        #expect(cluster.requests.allSatisfy { $0.hasPrefix("GET ") || $0.hasPrefix("POST /apis/authorization.k8s.io/") })
    }

    @Test func aNamespaceUserIsToldTheControlPlaneWasNotSeenNeverMissing() throws {
        let dir = try TempDir()
        let cluster = try KubeTestCluster(manifests: [try dir.write("cluster.yaml", Self.cluster)],
                                          forbid: ["secrets", "deployments@cluster", "statefulsets@cluster"])
        let result = try doctor(["--kubeconfig", cluster.kubeconfig, "-n", "fn", "-o", "json"])
        let operatorFinding = try #require(try findings(result).first { $0["id"].string == "KD-OP-001" })
        #expect(operatorFinding["severity"] == .string("info"))
        #expect(operatorFinding["message"].string?.contains("may be installed elsewhere") == true)
        #expect(operatorFinding["message"].string?.contains("Install") == false)
        #expect(result.stderr.contains("cannot look for KEDA, Fission or OpenWhisk control planes outside namespace fn"))
        #expect(result.status == 0, "\(result.stdout)")
    }

    /// A `fission spec` directory (shapes of fission/fission pkg/fission-cli/cmd/spec/types/types.go and
    /// pkg/fission-cli/cmd/package/create.go, written in our words) checks cleanly from the command line.
    @Test func aFissionSpecDirectoryIsCheckedNotAborted() throws {
        let dir = try TempDir()
        _ = try dir.write("specs/fission-deployment-config.yaml", "apiVersion: fission.io/v1\nkind: DeploymentConfig\nname: hello\nuid: 0b7f0c5e-5d2b-4c41-9a55-3f1e2d9c8a10\n")
        _ = try dir.write("specs/archives.yaml", "kind: ArchiveUploadSpec\nname: hello-js-src\ninclude: [hello.js]\n")
        _ = try dir.write("specs/package-hello.yaml", """
            apiVersion: fission.io/v1
            kind: Package
            metadata: {name: hello-js-pkg, namespace: default}
            spec:
              environment: {name: nodejs, namespace: default}
              source: {type: url, url: archive://hello-js-src}
            status: {buildstatus: pending, lastUpdateTimestamp: "2026-01-05T10:00:00Z"}
            """)
        let result = try doctor(["-f", dir.path + "/specs", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "skipped").count - 1 == 2, "\(result.stderr)")
        #expect(!(try findings(result)).contains { $0["id"].string == "FI-BUILD-002" })
    }
}
