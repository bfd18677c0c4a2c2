import Foundation
import Testing
@testable import ServerlessDoctor
@testable import ServerlessSupport

/// `kubectl serverless doctor` as users run it, against the test API server and against the same files.
@Suite struct DoctorCommandTests {
    static let manifests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Doctor/Fixtures").standardized

    func doctor(_ arguments: [String]) throws -> Ops.Result {
        try Ops.run(try Ops.requireBinary(), ["doctor"] + arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
    }

    func ids(_ result: Ops.Result) throws -> [String] {
        try JSON.parse(result.stdout)["findings"].array.compactMap { $0["id"].string }
    }

    @Test func podNamespaceOnAFunctionsHostIsFoundLiveAndItsFixIsClean() throws {
        let broken = Self.manifests.appendingPathComponent("azure-functions/misconfig-pod-namespace-timer.yaml").path
        let cluster = try KubeTestCluster(manifests: [broken])
        let live = try doctor(["--kubeconfig", cluster.kubeconfig, "-A", "-o", "json"])
        #expect(live.status == 1, "\(live.stderr)")
        #expect(try ids(live).contains("AF-LOCK-001"))
        let report = try JSON.parse(live.stdout)
        #expect(report["source"]["kind"] == .string("cluster"))
        let lock = try #require(report["findings"].array.first { $0["id"].string == "AF-LOCK-001" })
        #expect(lock["location"].isNull)  // live objects have no file
        #expect(lock["fix"].string?.contains("POD_NAMESPACE") == true)
        #expect(cluster.requests.allSatisfy { $0.hasPrefix("GET ") })

        // The same file as a manifest gives the same finding, with its file and line.
        let files = try doctor(["-f", broken, "-o", "json"])
        #expect(try ids(files).contains("AF-LOCK-001"))
        let fromFile = try #require(try JSON.parse(files.stdout)["findings"].array.first { $0["id"].string == "AF-LOCK-001" })
        #expect(fromFile["location"]["file"] == .string(broken))
        #expect(fromFile["location"]["line"].int != nil)

        let fixed = Self.manifests.appendingPathComponent("azure-functions/orders-fixed.yaml").path
        let fixedCluster = try KubeTestCluster(manifests: [fixed])
        let clean = try doctor(["--kubeconfig", fixedCluster.kubeconfig, "-A", "-o", "json", "--fail-on", "warning"])
        #expect(!(try ids(clean)).contains("AF-LOCK-001"))
    }

    @Test func aForbiddenKindIsReportedAndTheRestGoesOn() throws {
        let broken = Self.manifests.appendingPathComponent("azure-functions/misconfig-pod-namespace-timer.yaml").path
        let cluster = try KubeTestCluster(manifests: [broken], forbid: ["secrets"])
        let live = try doctor(["--kubeconfig", cluster.kubeconfig, "-A", "-o", "json"])
        #expect(live.stderr.contains("warning: cannot read Secret"))
        #expect(try ids(live).contains("AF-LOCK-001"))
    }

    @Test func anUnreachableClusterExitsThreeAndBadInputTwo() throws {
        let dir = try TempDir()
        let kubeconfig = try dir.write("config", """
            apiVersion: v1
            kind: Config
            current-context: gone
            clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: u, user: {token: CANARY-token-31337}}]
            contexts: [{name: gone, context: {cluster: gone, user: u}}]
            """)
        let unreachable = try doctor(["--kubeconfig", kubeconfig, "--request-timeout", "2s"])
        #expect(unreachable.status == 3)
        #expect(unreachable.stderr.hasPrefix("error: "))
        #expect(!unreachable.stderr.contains("CANARY"))
        let bad = try dir.write("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n")
        let malformed = try doctor(["-f", bad])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("bad.yaml:"))
        let unknown = try doctor(["--only", "NOPE-001", "-f", bad])
        #expect(unknown.status == 2)
    }
}
