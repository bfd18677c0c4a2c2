import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes

/// `-f k8s/ -f values.yaml`: what a cluster's operator env and enabled components would say, read from the
/// KEDA and Fission charts' values when no rendered control plane is among the inputs.
@Suite struct ChartValuesFactsTests {
    func report(_ app: String, values: String) throws -> DoctorReport {
        let load = try ManifestLoader.assemble([ManifestText(file: "k8s/app.yaml", text: app),
                                                ManifestText(file: "values.yaml", text: values)],
                                               paths: ["k8s/", "values.yaml"])
        return Doctor.run(store: load.store)
    }

    static let workloadIdentityApp = TestManifests.podIdentityAuthentication("orders-wi", namespace: "functions", provider: "azure-workload")

    @Test func workloadIdentityIsJudgedFromTheKedaChartValues() throws {
        // kedacore/charts keda/values.yaml ships podIdentity.azureWorkload.enabled: false.
        let off = try report(Self.workloadIdentityApp, values: "watchNamespace: \"\"\npodIdentity:\n  azureWorkload:\n    enabled: false\n")
        let finding = try #require(off.findings.first { $0.id == "KD-TA-004" })
        #expect(finding.subject == .helmValues(chart: "keda", file: "values.yaml"))
        #expect(finding.location == FindingLocation(file: "values.yaml", line: 4))
        #expect(finding.evidence == ["podIdentity.azureWorkload.enabled: false"])
        let noClient = try report(Self.workloadIdentityApp, values: "watchNamespace: \"\"\npodIdentity:\n  azureWorkload: {enabled: true}\n")
        #expect(noClient.findings.first { $0.id == "KD-TA-004" }?.message.contains("client-id") == true)
        let annotated = try report(Self.workloadIdentityApp, values: """
            watchNamespace: ""
            podIdentity:
              azureWorkload: {enabled: true}
            serviceAccount:
              annotations: {azure.workload.identity/client-id: 11111111-2222-3333-4444-555555555555}
            """)
        #expect(!annotated.findings.contains { $0.id == "KD-TA-004" })
    }

    @Test func watchNamespaceIsJudgedFromTheKedaChartValues() throws {
        let app = TestManifests.scaledObject("orders", namespace: "functions", triggers: [TestManifests.cpuTrigger])
        let outside = try report(app, values: "watchNamespace: \"billing, payments\"\nmetricsServer: {}\n")
        let finding = try #require(outside.findings.first { $0.id == "KD-OP-003" })
        #expect(finding.message.contains("values.yaml sets watchNamespace billing,payments"))
        let inside = try report(app, values: "watchNamespace: \"billing,functions\"\nmetricsServer: {}\n")
        #expect(!inside.findings.contains { $0.id == "KD-OP-003" })
    }

    @Test func messageQueueComponentsAreJudgedFromTheFissionChartValues() throws {
        let trigger = { (kind: String) in """
            apiVersion: fission.io/v1
            kind: MessageQueueTrigger
            metadata: {name: orders, namespace: default}
            spec: {messageQueueType: kafka, mqtkind: \(kind), topic: orders, functionref: {type: name, name: orders}}
            """ }
        let values = "defaultNamespace: default\nbuildermgr: {}\n"
        // fission/fission charts/fission-all/values.yaml: kafka.enabled false, mqt_keda.enabled true.
        #expect(try report(trigger("fission"), values: values).findings.contains { $0.id == "FI-MQT-001" })
        #expect(!(try report(trigger("keda"), values: values).findings.contains { $0.id == "FI-MQT-001" }))
        #expect(try report(trigger("keda"), values: values + "mqt_keda: {enabled: false}\n").findings.contains { $0.id == "FI-MQT-001" })
        #expect(!(try report(trigger("fission"), values: values + "kafka: {enabled: true}\n").findings.contains { $0.id == "FI-MQT-001" }))
    }
}
