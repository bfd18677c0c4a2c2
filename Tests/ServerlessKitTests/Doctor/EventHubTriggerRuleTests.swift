import Testing
@testable import ServerlessKit

/// KD-EH-001 reports KEDA's own words for the trigger it rejects, and never a credential.
@Suite struct EventHubTriggerRuleTests {
    static let canary = "CANARY-7f3e9b-SharedAccessKey"

    /// A Functions-style target whose connection strings are in the manifests, with the canary inside them.
    static func manifests(threshold: String, operatorImage: String? = nil) -> String {
        let keda = operatorImage.map { image in
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                spec:
                  containers:
                  - {name: keda-operator, image: "\(image)"}
            ---

            """
        } ?? ""
        return keda + """
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-eventhub, namespace: functions}
            stringData:
              connection: "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=\(canary)"
              storage: "DefaultEndpointsProtocol=https;AccountName=ordersfn;AccountKey=\(canary);EndpointSuffix=core.windows.net"
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - name: EventHubConnection
                      valueFrom: {secretKeyRef: {name: orders-eventhub, key: connection}}
                    - name: AzureWebJobsStorage
                      valueFrom: {secretKeyRef: {name: orders-eventhub, key: storage}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata:
                  eventHubName: orders
                  connectionFromEnv: EventHubConnection
                  storageConnectionFromEnv: AzureWebJobsStorage
                  checkpointStrategy: blobMetadata
                  blobContainer: azure-webjobs-eventhub
                  unprocessedEventThreshold: "\(threshold)"
            """
    }

    static func report(_ yaml: String) throws -> DoctorReport {
        Doctor.run(store: try DoctorTestSupport.store(yaml))
    }

    static func expectNoCanary(_ report: DoctorReport) {
        for finding in report.findings {
            let text = ([finding.message, finding.fix] + finding.evidence).joined(separator: "\n")
            #expect(!text.contains(canary), "\(finding.id) shows a credential")
            #expect(!text.contains("SharedAccessKey="), "\(finding.id) shows a connection string")
        }
    }

    @Test func zeroThresholdGivesKEDAsText() throws {
        let report = try Self.report(Self.manifests(threshold: "0"))
        let finding = try #require(report.findings.first { $0.id == "KD-EH-001" })
        // kedacore/keda#7732/#7733 (v2.20.0+), as the operator logs it.
        #expect(finding.message.hasSuffix(
            #": unable to get eventhub metadata: error parsing azure eventhub metadata: "unprocessedEventThreshold" must be a positive number"#))
        #expect(finding.evidence.contains(#"spec.triggers[0].metadata.unprocessedEventThreshold: 0"#))
        #expect(report.findings.filter { $0.id == "KD-EH-001" }.count == 1)
        Self.expectNoCanary(report)
    }

    @Test func nonNumericThresholdGivesKEDAsText() throws {
        let report = try Self.report(Self.manifests(threshold: "abc"))
        let finding = try #require(report.findings.first { $0.id == "KD-EH-001" })
        // KEDA joins both reasons with errors.Join (a newline); the message keeps them on one line with "; ".
        #expect(finding.message.hasSuffix(
            #": unable to get eventhub metadata: error parsing azure eventhub metadata: unable to set param "unprocessedEventThreshold" value "abc": unable to unmarshal to field type int64: invalid character 'a' looking for beginning of value; "unprocessedEventThreshold" must be a positive number"#))
        Self.expectNoCanary(report)
    }

    @Test func operatorVersionDecidesTheParser() throws {
        // KEDA 2.17 used strconv.ParseInt, which accepts "+15"; 2.18+ parses JSON, which does not.
        let old = try Self.report(Self.manifests(threshold: "+15", operatorImage: "ghcr.io/kedacore/keda:2.17.0"))
        #expect(!old.findings.contains { $0.id == "KD-EH-001" })
        let new = try Self.report(Self.manifests(threshold: "+15", operatorImage: "ghcr.io/kedacore/keda:2.18.0"))
        let finding = try #require(new.findings.first { $0.id == "KD-EH-001" })
        #expect(finding.message.hasPrefix("KEDA 2.18.0 rejects"))
        #expect(finding.message.contains(#"invalid character '+' looking for beginning of value"#))
        Self.expectNoCanary(new)
    }

    @Test func validTriggerAndMissingSecretStayQuiet() throws {
        // Valid for KEDA main; without an operator the doctor models the newest release, 2.20.2, whose
        // client creation rejects eventHubName next to the EntityPath it appended itself (kedacore/keda#7926).
        #expect(!(try Self.report(Self.manifests(threshold: "64", operatorImage: "ghcr.io/kedacore/keda:main"))).findings.contains { $0.id == "KD-EH-001" })
        #expect(try Self.report(Self.manifests(threshold: "64")).findings.contains { $0.id == "KD-EH-001" && $0.message.contains("eventHub must be an empty string") })
        // Without the Secret the inputs cannot be gathered: KD-EH-001 does not guess.
        let withoutSecret = Self.manifests(threshold: "0").components(separatedBy: "---\n").dropFirst().joined(separator: "---\n")
        #expect(!(try Self.report(withoutSecret)).findings.contains { $0.id == "KD-EH-001" })
    }

    @Test func activationAboveThresholdNamesBothNumbers() throws {
        let yaml = Self.manifests(threshold: "64") + "\n      activationUnprocessedEventThreshold: \"500\"\n"
        let finding = try #require(try Self.report(yaml).findings.first { $0.id == "KD-EH-002" })
        #expect(finding.severity == .info)
        #expect(finding.message.contains("500") && finding.message.contains("64"))
    }
}
