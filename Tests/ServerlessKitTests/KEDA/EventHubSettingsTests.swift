import Testing
@testable import ServerlessKEDA

/// kedacore/keda pkg/scalers/azure_eventhub_scaler_test.go: parseEventHubMetadataDataset and the WithPodIdentity set (HEAD), plus version differences.
@Suite("KEDA azure-eventhub metadata parsing")
struct EventHubSettingsTests {
    static let storageSetting = "none"
    static let withEntityPath = "Endpoint=sb://testEventHubNamespace.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=testKey;EntityPath=testEventHub"
    static let withoutEntityPath = "Endpoint=sb://testEventHubNamespace.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=testKey;"
    static let lowercaseEntityPath = "Endpoint=sb://testEventHubNamespace.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=testKey;entitypath=testEventHub"
    static let hostNamedEntityPath = "Endpoint=sb://EntityPath.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=testKey;"

    static func connectionTrigger(_ connection: String, _ extra: [String: String] = [:]) -> EventHubTriggerMetadata {
        var metadata = ["storageConnectionFromEnv": "STORAGE", "consumerGroup": "testEventHubConsumerGroup",
                        "connectionFromEnv": "CONN", "unprocessedEventThreshold": "15"]
        metadata.merge(extra) { _, new in new }
        return EventHubTriggerMetadata(metadata: metadata, resolvedEnv: ["CONN": connection, "STORAGE": storageSetting])
    }

    private func reason(_ trigger: EventHubTriggerMetadata, _ version: KEDAVersion = .newest) -> String? {
        do {
            _ = try EventHubScalerSettings(parsing: trigger, version: version)
            return nil
        } catch let error as KEDAConfigError {
            #expect(error.category == .input)
            return error.reason
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func emptyMetadata() {
        #expect(reason(EventHubTriggerMetadata(metadata: [:])) == "no storage connection string given")
    }

    @Test func noConnection() {
        let trigger = EventHubTriggerMetadata(metadata: ["storageConnectionFromEnv": "STORAGE"], resolvedEnv: ["STORAGE": "none"])
        #expect(reason(trigger) == "no event hub connection string given")
    }

    @Test func noStorageConnection() {
        let trigger = EventHubTriggerMetadata(metadata: ["connectionFromEnv": "CONN"], resolvedEnv: ["CONN": Self.withEntityPath])
        #expect(reason(trigger) == "no storage connection string given")
    }

    @Test(arguments: ["0", "-1"])
    func nonPositiveThreshold(value: String) {
        #expect(reason(Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": value]))
            == "error parsing azure eventhub metadata: \"unprocessedEventThreshold\" must be a positive number")
    }

    @Test func activationNotANumber() {
        #expect(reason(Self.connectionTrigger(Self.withEntityPath, ["activationUnprocessedEventThreshold": "AA"]))
            == #"error parsing azure eventhub metadata: unable to set param "activationUnprocessedEventThreshold" value "AA": unable to unmarshal to field type int64: invalid character 'A' looking for beginning of value"#)
    }

    @Test func badThresholdAlsoFailsValidationJoined() throws {
        let trigger = Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": "1.5"])
        do {
            _ = try EventHubScalerSettings(parsing: trigger)
            Issue.record("accepted")
        } catch let error as KEDAConfigError {
            #expect(error.reason == "error parsing azure eventhub metadata: unable to set param \"unprocessedEventThreshold\" value \"1.5\": unable to unmarshal to field type int64: json: cannot unmarshal number 1.5 into Go value of type int64\n\"unprocessedEventThreshold\" must be a positive number")
            #expect(!error.message.contains("\n"))
            #expect(error.kedaText.hasPrefix("unable to get eventhub metadata: error parsing azure eventhub metadata: "))
        }
    }

    @Test func connectionWithoutEntityPathAndNoName() {
        #expect(reason(Self.connectionTrigger(Self.withoutEntityPath))
            == "connection string does not contain event hub name, and parameter eventHubName not provided")
    }

    @Test func hostNamedEntityPathIsNotAKeyAtHead() {
        #expect(reason(Self.connectionTrigger(Self.hostNamedEntityPath))
            == "connection string does not contain event hub name, and parameter eventHubName not provided")
        // Up to v2.20.2 the substring counted as an EntityPath; paths then fail to resolve.
        #expect(reason(Self.connectionTrigger(Self.hostNamedEntityPath), KEDAVersion(2, 20, 2)) == nil)
    }

    @Test func okCases() throws {
        let threshold15 = try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.withEntityPath))
        #expect(threshold15.unprocessedEventThreshold == 15)
        #expect(threshold15.activationUnprocessedEventThreshold == 0)
        #expect(threshold15.stalePartitionInfoThreshold == 10000)
        #expect(threshold15.consumerGroup == "testEventHubConsumerGroup")
        #expect(threshold15.eventHubConnection?.value == Self.withEntityPath)

        var noGroup = Self.connectionTrigger(Self.withEntityPath)
        noGroup.metadata["consumerGroup"] = nil
        #expect(try EventHubScalerSettings(parsing: noGroup).consumerGroup == "$Default")

        var noThreshold = Self.connectionTrigger(Self.withEntityPath)
        noThreshold.metadata["unprocessedEventThreshold"] = nil
        #expect(try EventHubScalerSettings(parsing: noThreshold).unprocessedEventThreshold == 64)

        let container = try EventHubScalerSettings(parsing: Self.connectionTrigger(
            Self.withEntityPath, ["blobContainer": "containerName", "checkpointStrategy": "azureFunction"]))
        #expect(container.reader == .azureFunction)

        let withName = try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.withoutEntityPath, ["eventHubName": "testEventHub"]))
        #expect(withName.eventHubConnection?.value == Self.withoutEntityPath + ";EntityPath=testEventHub")

        // HEAD test: an EntityPath plus eventHubName keeps the connection string unchanged.
        let both = try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.withEntityPath, ["eventHubName": "testEventHub"]))
        #expect(both.eventHubConnection?.value == Self.withEntityPath)
    }

    @Test func lowercaseEntityPathBeforeAndAfter2_20_2() throws {
        let head = try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.lowercaseEntityPath))
        #expect(head.eventHubConnection?.value == Self.lowercaseEntityPath)
        #expect(head.eventHubForPaths == EventHubIdentity(namespace: "testEventHubNamespace.servicebus.windows.net", name: "testEventHub"))
        // v2.20.2 does not see `entitypath=`: without eventHubName it rejects the trigger...
        #expect(reason(Self.connectionTrigger(Self.lowercaseEntityPath), KEDAVersion(2, 20, 2))
            == "connection string does not contain event hub name, and parameter eventHubName not provided")
        // ...and v2.17 appends `;EntityPath=<eventHubName>`, which its parser then uses.
        let old = try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.lowercaseEntityPath, ["eventHubName": "other"]),
                                             version: KEDAVersion(2, 17, 0))
        #expect(old.eventHubConnection?.value == Self.lowercaseEntityPath + ";EntityPath=other")
        #expect(old.eventHubForPaths?.name == "other")
    }

    /// The metadata parses; KEDA's client creation then refuses it (ClientCreationTests has the rest).
    @Test func eventHubNameWithEntityPathFailsClientIn2_18Through2_20_2() throws {
        let trigger = Self.connectionTrigger(Self.withEntityPath, ["eventHubName": "testEventHub"])
        func clientError(_ version: KEDAVersion) throws -> String? {
            try EventHubScalerSettings(parsing: trigger, version: version).clientCreationError?.reason
        }
        let conflict = "failed to create hub client: connection string contains an EntityPath. eventHub must be an empty string"
        for version in [KEDAVersion(2, 18, 0), KEDAVersion(2, 20, 2)] {
            #expect(reason(trigger, version) == nil)
            #expect(try clientError(version) == conflict)
        }
        // (2.17's azblob parser refuses this suite's placeholder storage string "none" instead.)
        #expect(try clientError(KEDAVersion(2, 17, 3)) != conflict)
        #expect(try clientError(.newest) == nil)
    }

    @Test func thresholdZeroBeforeAndAfter2_20_0() throws {
        let trigger = Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": "0"])
        #expect(try EventHubScalerSettings(parsing: trigger, version: KEDAVersion(2, 19, 0)).unprocessedEventThreshold == 0)
        #expect(try EventHubScalerSettings(parsing: trigger, version: KEDAVersion(2, 15, 1)).unprocessedEventThreshold == 0)
        #expect(reason(trigger, KEDAVersion(2, 20, 0)) == "error parsing azure eventhub metadata: \"unprocessedEventThreshold\" must be a positive number")
    }

    @Test func legacyParsingUpTo2_17() throws {
        let v217 = KEDAVersion(2, 17, 3)
        // strconv.ParseInt accepts +15 and 015; JSON does not.
        #expect(try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": "+15"]), version: v217)
            .unprocessedEventThreshold == 15)
        #expect(try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": "015"]), version: v217)
            .unprocessedEventThreshold == 15)
        #expect(reason(Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": "+15"]))
            == #"error parsing azure eventhub metadata: unable to set param "unprocessedEventThreshold" value "+15": unable to unmarshal to field type int64: invalid character '+' looking for beginning of value"#
                + "\n\"unprocessedEventThreshold\" must be a positive number")
        // Untrimmed, and the first error alone.
        #expect(reason(Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": " 15"]), v217)
            == #"error parsing azure eventhub metadata unprocessedEventThreshold: strconv.ParseInt: parsing " 15": invalid syntax"#)
        #expect(try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": " 15"]))
            .unprocessedEventThreshold == 15)
        // A present empty consumerGroup overrides the default up to v2.17; counts as absent from v2.18.
        let empty = Self.connectionTrigger(Self.withEntityPath, ["consumerGroup": ""])
        #expect(try EventHubScalerSettings(parsing: empty, version: v217).consumerGroup == "")
        #expect(try EventHubScalerSettings(parsing: empty, version: KEDAVersion(2, 18, 0)).consumerGroup == "$Default")
        #expect(reason(Self.connectionTrigger(Self.withEntityPath, ["activationUnprocessedEventThreshold": "AA"]), v217)
            == #"error parsing azure eventhub metadata activationUnprocessedEventThreshold: strconv.ParseInt: parsing "AA": invalid syntax"#)
    }

    @Test func trailingNewlineInConnectionIsTrimmedFrom2_18() throws {
        let trigger = Self.connectionTrigger(Self.withEntityPath + "\n")
        let head = try EventHubScalerSettings(parsing: trigger)
        #expect(head.checkpointLocation(partitionID: "0") == .success(CheckpointLocation(
            container: "azure-webjobs-eventhub", blobName: "testEventHubNamespace.servicebus.windows.net/testEventHub/testEventHubConsumerGroup/0")))
        let old = try EventHubScalerSettings(parsing: trigger, version: KEDAVersion(2, 17, 0))
        guard case .failure(.invalidPath(let failure)) = old.checkpointLocation(partitionID: "0") else {
            Issue.record("expected a url.Parse failure"); return
        }
        #expect(failure.reason == "net/url: invalid control character in URL")
    }

    @Test func nullThresholdPanicsInTypedConfig() {
        #expect(reason(Self.connectionTrigger(Self.withEntityPath, ["unprocessedEventThreshold": "null"]))
            == "error parsing azure eventhub metadata: failed to parse typed config *reflect.ValueError resulted in panic")
    }

    @Test func secretsStayOutOfMessages() throws {
        let settings = try EventHubScalerSettings(parsing: Self.connectionTrigger(Self.withEntityPath))
        #expect(!"\(settings)".contains("testKey"))
    }

    // MARK: Workload identity

    static func workload(_ metadata: [String: String]) -> EventHubTriggerMetadata {
        EventHubTriggerMetadata(metadata: metadata, podIdentityProvider: "azure-workload")
    }

    @Test func workloadErrors() {
        #expect(reason(Self.workload(["storageAccountName": "acc", "eventHubName": "hub"]))
            == "no event hub namespace string given")
        var withConnection = Self.workload(["storageAccountName": "acc", "eventHubName": "hub", "connectionFromEnv": "CONN"])
        withConnection.resolvedEnv = ["CONN": Self.withEntityPath]
        #expect(reason(withConnection) == "no event hub namespace string given")
        #expect(reason(Self.workload(["storageAccountName": "acc", "eventHubNamespace": "ns"])) == "no event hub name string given")
        #expect(reason(Self.workload(["storageAccountName": "acc", "eventHubNamespace": "ns", "eventHubName": "hub", "cloud": "private"]))
            == "endpointSuffix must be provided for Private cloud type")
        #expect(reason(Self.workload(["eventHubNamespace": "ns", "eventHubName": "hub"]))
            == "no storage connection string or storage account name for pod identity based authentication given")
        #expect(reason(Self.workload(["storageAccountName": "acc", "eventHubNamespace": "ns", "eventHubName": "hub",
                                       "cloud": "private", "endpointSuffix": "servicebus.private.cloud"]))
            == "storageEndpointSuffix must be provided for Private cloud type")
        #expect(reason(Self.workload(["storageAccountName": "acc", "eventHubNamespace": "ns", "eventHubName": "hub", "cloud": "Mars"]))
            == "invalid cloud environment Mars")
        #expect(reason(EventHubTriggerMetadata(metadata: [:], podIdentityProvider: "aws")) == "event hub does not support pod identity aws")
    }

    @Test func workloadOK() throws {
        let publicCloud = try EventHubScalerSettings(parsing: Self.workload(
            ["storageAccountName": "acc", "eventHubNamespace": "ns", "eventHubName": "hub", "cloud": "azurePublicCloud"]))
        #expect(publicCloud.eventHubForPaths == EventHubIdentity(namespace: "ns.servicebus.windows.net", name: "hub"))
        #expect(publicCloud.blobStorageEndpoint == "blob.core.windows.net")

        let privateCloud = try EventHubScalerSettings(parsing: Self.workload(
            ["storageAccountName": "acc", "eventHubNamespace": "ns", "eventHubName": "hub", "cloud": "Private",
             "endpointSuffix": "servicebus.private.cloud", "storageEndpointSuffix": "storage.private.cloud"]))
        #expect(privateCloud.eventHubForPaths?.namespace == "ns.servicebus.private.cloud")
        #expect(privateCloud.blobStorageEndpoint == "blob.storage.private.cloud")

        let noAccountPrivate = try EventHubScalerSettings(parsing: EventHubTriggerMetadata(
            metadata: ["storageConnectionFromEnv": "STORAGE", "eventHubNamespace": "ns", "eventHubName": "hub", "cloud": "Private",
                       "endpointSuffix": "servicebus.private.cloud"],
            resolvedEnv: ["STORAGE": "none"], podIdentityProvider: "azure-workload"))
        #expect(noAccountPrivate.blobStorageEndpoint == nil)

        let accountOnly = try EventHubScalerSettings(parsing: Self.workload(["storageAccountName": "acc", "eventHubNamespace": "ns", "eventHubName": "hub"]))
        #expect(accountOnly.storageAccountName == "acc")

        let storageConnection = try EventHubScalerSettings(parsing: EventHubTriggerMetadata(
            metadata: ["storageConnectionFromEnv": "STORAGE", "storageAccountName": "", "eventHubNamespace": "ns", "eventHubName": "hub"],
            resolvedEnv: ["STORAGE": "none"], podIdentityProvider: "azure-workload"))
        #expect(storageConnection.storageConnection?.value == "none")

        let usGov = try EventHubScalerSettings(parsing: Self.workload(
            ["storageAccountName": "acc", "eventHubNamespace": "ns", "eventHubName": "hub", "cloud": "AzureUSGovernmentCloud"]))
        #expect(usGov.serviceBusEndpointSuffix == "servicebus.usgovcloudapi.net")
        #expect(usGov.blobStorageEndpoint == "blob.core.usgovcloudapi.net")
    }

    @Test func workloadWithConnectionStringUsesItForPathsFrom2_18() throws {
        var trigger = Self.workload(["storageAccountName": "acc", "eventHubNamespace": "short", "eventHubName": "hub", "connectionFromEnv": "CONN"])
        trigger.resolvedEnv = ["CONN": Self.withEntityPath]
        let head = try EventHubScalerSettings(parsing: trigger)
        #expect(head.eventHubForPaths == EventHubIdentity(namespace: "testEventHubNamespace.servicebus.windows.net", name: "testEventHub"))
        let old = try EventHubScalerSettings(parsing: trigger, version: KEDAVersion(2, 17, 0))
        #expect(old.eventHubForPaths == EventHubIdentity(namespace: "short.servicebus.windows.net", name: "hub"))
    }

    /// KEDA reads AzureStackCloud's endpoints from the file its operator's AZURE_ENVIRONMENT_FILEPATH names
    /// (pkg/scalers/azure/cloud_config.go EnvironmentFromName); without one, ParseEnvironmentProperty
    /// (azure_cloud_environment.go) says "invalid cloud environment %s", in every version.
    @Test func azureStackCloudIsAnInvalidCloudEnvironment() {
        let trigger = Self.workload(["storageAccountName": "acc", "eventHubNamespace": "ns", "eventHubName": "hub", "cloud": "AzureStackCloud"])
        for version in [KEDAVersion(2, 15, 1), KEDAVersion(2, 17, 0), KEDAVersion(2, 20, 2), .newest] {
            #expect(reason(trigger, version) == "invalid cloud environment AzureStackCloud")
        }
        #expect(reason(Self.connectionTrigger(Self.withEntityPath, ["cloud": "azurestackcloud"]))
            == "invalid cloud environment azurestackcloud")
    }
}
