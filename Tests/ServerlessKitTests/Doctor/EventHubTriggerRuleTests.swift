import Testing
@testable import ServerlessDoctor
@testable import ServerlessSupport

/// KD-EH-001 reports KEDA's own words for the trigger it rejects, and never a credential.
@Suite struct EventHubTriggerRuleTests {
    /// Valid base64, as a storage account key must be for KEDA to build its blob client.
    static let canary = "CANARY7f3e9bSharedAccessKey0"
    static let endpoint = "Endpoint=sb://orders-ns.servicebus.windows.net/"

    /// A Functions-style target whose connection strings are in the manifests, with the canary inside them.
    static func manifests(threshold: String, operatorImage: String? = nil, endpoint: String = endpoint,
                          storage: String = "DefaultEndpointsProtocol=https;AccountName=ordersfn;AccountKey=\(canary);EndpointSuffix=core.windows.net") -> String {
        let keda = operatorImage.map { TestManifests.kedaOperator(image: $0) + "\n---\n" } ?? ""
        let target = TestManifests.deployment("orders", namespace: "functions", container: TestManifests.container(
            "orders", image: "example.azurecr.io/orders:1.0",
            env: [TestManifests.env("EventHubConnection", secret: "orders-eventhub", key: "connection"),
                  TestManifests.env("AzureWebJobsStorage", secret: "orders-eventhub", key: "storage")]))
        let scaledObject = TestManifests.scaledObject("orders", namespace: "functions", triggers: ["""
            - type: azure-eventhub
              metadata:
                eventHubName: orders
                connectionFromEnv: EventHubConnection
                storageConnectionFromEnv: AzureWebJobsStorage
                checkpointStrategy: blobMetadata
                blobContainer: azure-webjobs-eventhub
                unprocessedEventThreshold: "\(threshold)"
            """])
        return keda + """
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-eventhub, namespace: functions}
            stringData:
              connection: "\(endpoint);SharedAccessKeyName=listen;SharedAccessKey=\(canary)"
              storage: "\(storage)"
            ---
            \(target)
            ---
            \(scaledObject)
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

    /// After the metadata KEDA (2.15+) creates its Event Hubs client; the SDK's parser fails the scaler
    /// (azeventhubs internal/exported/connection_string_properties.go, wrapped by pkg/scalers/azure/azure_eventhub.go
    /// GetEventHubClient and azure_eventhub_scaler.go NewAzureEventHubScaler).
    @Test func clientCreationGivesKEDAsText() throws {
        for image in ["ghcr.io/kedacore/keda:2.15.1", "ghcr.io/kedacore/keda:2.17.0", "ghcr.io/kedacore/keda:2.20.2"] {
            let report = try Self.report(Self.manifests(threshold: "64", operatorImage: image,
                                                        endpoint: "Endpoint=orders-ns.servicebus.windows.net/"))
            let finding = try #require(report.findings.first { $0.id == "KD-EH-001" })
            #expect(finding.message.hasSuffix(
                #": unable to get eventhub client: failed to create hub client: key "Endpoint" must not be empty"#))
            Self.expectNoCanary(report)
        }
        // KEDA 2.14 built its clients with azure-event-hubs-go, whose checks are not modelled.
        let old = try Self.report(Self.manifests(threshold: "64", operatorImage: "ghcr.io/kedacore/keda:2.14.1",
                                                 endpoint: "Endpoint=orders-ns.servicebus.windows.net/"))
        #expect(!old.findings.contains { $0.id == "KD-EH-001" })
    }

    /// Then the blob client: azblob's `ParseConnectionString` (internal/shared/shared.go, vendored by KEDA
    /// v2.15.0-v2.20.2) knows no development shortcut, so `UseDevelopmentStorage=true` has no account.
    /// Main pins azblob v1.8.0, whose source was not read: not judged.
    @Test func storageClientCreationGivesKEDAsText() throws {
        // (On 2.18-2.20.2 this manifest's eventHubName next to its EntityPath fails the Event Hubs client first.)
        for image in ["ghcr.io/kedacore/keda:2.15.1", "ghcr.io/kedacore/keda:2.17.0"] {
            let report = try Self.report(Self.manifests(threshold: "64", operatorImage: image, storage: "UseDevelopmentStorage=true"))
            let finding = try #require(report.findings.first { $0.id == "KD-EH-001" })
            #expect(finding.message.hasSuffix(
                ": unable to get eventhub client: failed to create hub client: connection string needs either AccountName or BlobEndpoint"))
            Self.expectNoCanary(report)
        }
        let main = try Self.report(Self.manifests(threshold: "64", operatorImage: "ghcr.io/kedacore/keda:main", storage: "UseDevelopmentStorage=true"))
        #expect(!main.findings.contains { $0.id == "KD-EH-001" })
    }

    @Test func validTriggerAndMissingSecretStayQuiet() throws {
        // Valid for KEDA main; without an operator the doctor models the newest release, 2.20.2, whose
        // client creation rejects eventHubName next to the EntityPath it appended itself (kedacore/keda#7926).
        #expect(!(try Self.report(Self.manifests(threshold: "64", operatorImage: "ghcr.io/kedacore/keda:main"))).findings.contains { $0.id == "KD-EH-001" })
        // The version is assumed there, and KEDA main accepts the trigger: a warning that says "may", not an error.
        let assumed = try #require(try Self.report(Self.manifests(threshold: "64")).findings.first { $0.id == "KD-EH-001" })
        #expect(assumed.message.contains("eventHub must be an empty string") && assumed.message.contains("may never scale"))
        #expect(assumed.severity == .warning)
        let onOperator = try #require(try Self.report(Self.manifests(threshold: "64", operatorImage: "ghcr.io/kedacore/keda:2.20.2"))
            .findings.first { $0.id == "KD-EH-001" })
        #expect(onOperator.severity == .error && onOperator.message.contains("KEDA 2.20.2 rejects"))
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

    /// No hub name anywhere: on a Functions host AF-KEDA-EH-004 says so, once; on any other consumer that
    /// Functions rule stays out, so KD-EH-001 gives KEDA's own words.
    @Test func noHubNameIsReportedOnceWhateverTheTarget() throws {
        let functions = Self.manifests(threshold: "64").replacingOccurrences(of: "      eventHubName: orders\n", with: "")
        let onHost = try Self.report(functions).findings.map(\.id)
        #expect(onHost.contains("AF-KEDA-EH-004") && !onHost.contains("KD-EH-001"))

        let consumer = functions.replacingOccurrences(of: "AzureWebJobsStorage", with: "CheckpointStorage")
        let findings = try Self.report(consumer).findings
        let finding = try #require(findings.first { $0.id == "KD-EH-001" })
        #expect(finding.message.contains("connection string does not contain event hub name"))
        #expect(!findings.contains { $0.id == "AF-KEDA-EH-004" })
    }
}
