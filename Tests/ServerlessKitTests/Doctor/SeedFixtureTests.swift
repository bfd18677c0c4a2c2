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
