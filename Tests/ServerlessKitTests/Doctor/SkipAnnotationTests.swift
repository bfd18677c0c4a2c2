import Testing
@testable import ServerlessDoctor
@testable import ServerlessRender

/// `kubectl-serverless/skip-checks` on the object: its findings are left out and counted in summary.skipped.
@Suite struct SkipAnnotationTests {
    @Test func theSkipChecksAnnotationSkipsAndCounts() throws {
        let yaml = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: orders
              namespace: fn
              annotations: {kubectl-serverless/skip-checks: "af-keda-empty-001, KD-SO-001"}
            spec:
              scaleTargetRef: {name: orders}
              triggers: []
            """
        let report = Doctor.run(store: try DoctorTestSupport.store(yaml))
        #expect(!report.findings.contains { $0.id == "AF-KEDA-EMPTY-001" })
        #expect(report.summary.skipped >= 1)
        #expect(DoctorValue.report(report)["summary"]["skipped"].int == Int64(report.summary.skipped))
        #expect(DoctorTable.summaryLine(report, style: Style(enabled: false)).contains("skipped for their objects"))
        // Without the annotation the same object is a finding.
        let plain = Doctor.run(store: try DoctorTestSupport.store(yaml.replacingOccurrences(of: "  annotations: {kubectl-serverless/skip-checks: \"af-keda-empty-001, KD-SO-001\"}\n", with: "")))
        #expect(plain.findings.contains { $0.id == "AF-KEDA-EMPTY-001" })
        #expect(plain.summary.skipped == 0)
    }
}
