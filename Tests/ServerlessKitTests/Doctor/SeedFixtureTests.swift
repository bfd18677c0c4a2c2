import Testing
@testable import ServerlessKit

/// The research's example manifests (§6 of doctor-checks.md): each broken set raises its rules, each
/// corrected twin is clean.
@Suite struct SeedFixtureTests {
    func run(_ names: [String], extra: String? = nil) throws -> DoctorReport {
        Doctor.run(store: try DoctorTestSupport.fixtureStore(names, extra: extra))
    }

    @Test func funcKubernetesDeployDryRun() throws {
        let report = try run(["azure-functions/func-kubernetes-deploy-dry-run.yaml"])
        #expect(DoctorTestSupport.ids(report) == ["AF-KEDA-EH-001", "AF-KEDA-EH-002", "AF-KEDA-EXTRA-001", "AF-HOSTID-001"])
        let hostID = try #require(report.findings.first { $0.id == "AF-HOSTID-001" })
        #expect(hostID.severity == .warning)
        #expect(hostID.subject == .object(apiVersion: "apps/v1", kind: "Deployment", namespace: "functions", name: "orders"))
        let storage = try #require(report.findings.first { $0.id == "AF-KEDA-EH-001" })
        #expect(storage.location == FindingLocation(file: "azure-functions/func-kubernetes-deploy-dry-run.yaml", line: 205))  // the trigger
    }

    @Test func ordersFixedIsClean() throws {
        let report = try run(["azure-functions/orders-fixed.yaml"])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.platforms == [.azureFunctions, .keda])
    }

    @Test func podNamespaceOnATimerApp() throws {
        let report = try run(["azure-functions/misconfig-pod-namespace-timer.yaml"])
        #expect(DoctorTestSupport.ids(report) == ["AF-LOCK-001", "AF-HOSTID-002", "AF-STORAGE-001"])
        let lock = try #require(report.findings.first { $0.id == "AF-LOCK-001" })
        #expect(lock.severity == .error)
        #expect(lock.location?.line == 35)  // the POD_NAMESPACE env entry
        #expect(lock.evidence.first == "spec.template.spec.containers[0].env[1]: POD_NAMESPACE (valueFrom)")
        #expect(report.findings.first { $0.id == "AF-STORAGE-001" }?.severity == .warning)
        #expect(report.exitCode == 1)
    }
}

@Suite struct KedaSeedFixtureTests {
    let soInKeda = """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: orders, namespace: keda}
        spec:
          scaleTargetRef: {name: orders}
          triggers:
          - type: cpu
            metadata: {type: Utilization, value: "60"}
        """

    @Test func scaledObjectOutsideWatchedNamespaces() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(["keda/keda-operator-deployment.yaml"], extra: soInKeda))
        let finding = try #require(report.findings.first { $0.id == "KD-OP-003" })
        #expect(finding.subject == .object(apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", namespace: "keda", name: "orders"))
        #expect(finding.message.contains("functions, payments"))
        #expect(finding.evidence.contains { $0.contains("WATCH_NAMESPACE=functions,payments") })
    }

    @Test func watchedNamespaceIsClean() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["keda/keda-operator-deployment.yaml", "azure-functions/orders-fixed.yaml"]))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func liveStatusWithCheckFailed() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(["keda/scaledobject-eventhub-live-status.yaml"]))
        let live = try #require(report.findings.first { $0.id == "KD-LIVE-001" })
        #expect(live.severity == .error)
        #expect(live.message.contains("no storage connection string given"))
        #expect(report.notJudged.contains { $0.id == "KD-LIVE-001" })
    }

    @Test func keda215WithEventHubTriggers() throws {
        let operatorText = try String(contentsOf: DoctorTestSupport.fixtures.appendingPathComponent("keda/keda-operator-deployment.yaml"), encoding: .utf8)
        let old = operatorText.replacingOccurrences(of: "ghcr.io/kedacore/keda:2.20.2", with: "ghcr.io/kedacore/keda:2.15.1")
        let fixed = try String(contentsOf: DoctorTestSupport.fixtures.appendingPathComponent("azure-functions/orders-fixed.yaml"), encoding: .utf8)
        let store = try ManifestLoader.assemble([ManifestText(file: "keda.yaml", text: old), ManifestText(file: "orders.yaml", text: fixed)],
                                                paths: ["keda.yaml", "orders.yaml"]).store
        let report = Doctor.run(store: store)
        #expect(DoctorTestSupport.ids(report) == ["KD-VER-001"])
        #expect(report.findings[0].evidence == ["spec.template.spec.containers[0].image: ghcr.io/kedacore/keda:2.15.1"])
    }

    @Test func triggerAuthenticationSecrets() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["keda/triggerauth-examples.yaml", "keda/keda-operator-deployment.yaml"]))
        let missing = report.findings.filter { $0.id == "KD-TA-002" }
        // orders (functions) twice, shared-eventhub read from the operator's namespace keda.
        #expect(missing.count == 3)
        #expect(missing.allSatisfy { $0.severity == .warning })
        #expect(missing.contains { $0.message.contains("Secret keda/shared-eventhub") })

        let withSecret = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["keda/triggerauth-examples.yaml", "azure-functions/func-kubernetes-deploy-dry-run.yaml"]))
        #expect(!withSecret.findings.contains { $0.id == "KD-TA-002" && $0.subject.name == "orders-eh-auth" })
    }
}
