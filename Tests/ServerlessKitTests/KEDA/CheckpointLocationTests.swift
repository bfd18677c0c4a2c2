import Testing
@testable import ServerlessKEDA

/// kedacore/keda pkg/scalers/azure/azure_eventhub_test.go path cases, and the strategy selection of
/// newCheckpointer (pkg/scalers/azure/azure_eventhub_checkpoint.go).
@Suite("KEDA checkpoint locations")
struct CheckpointLocationTests {
    static let connection = "Endpoint=sb://eventhubnamespace.servicebus.windows.net/;EntityPath=hub-test"

    static func settings(_ metadata: [String: String], connection: String = connection,
                         version: KEDAVersion = .newest) throws -> EventHubScalerSettings {
        try EventHubScalerSettings(parsing: EventHubTriggerMetadata(
            metadata: metadata, authParams: ["connection": connection, "storageConnection": "UseDevelopmentStorage=true"]),
            version: version)
    }

    static func workload(_ metadata: [String: String]) throws -> EventHubScalerSettings {
        var all = ["eventHubNamespace": "eventhubnamespace", "eventHubName": "hub-test", "storageAccountName": "acc"]
        all.merge(metadata) { _, new in new }
        return try EventHubScalerSettings(parsing: EventHubTriggerMetadata(metadata: all, podIdentityProvider: "azure-workload"))
    }

    private func location(_ settings: EventHubScalerSettings, _ partition: String = "0") -> CheckpointLocation? {
        try? settings.checkpointLocation(partitionID: partition).get()
    }

    @Test func azureFunctionDefaults() throws {
        let expected = CheckpointLocation(container: "azure-webjobs-eventhub", blobName: "eventhubnamespace.servicebus.windows.net/hub-test/$Default/0")
        #expect(location(try Self.settings([:])) == expected)
        #expect(location(try Self.settings(["checkpointStrategy": "azureFunction"])) == expected)
        #expect(location(try Self.settings(["checkpointStrategy": "azureFunction", "blobContainer": "ignored"])) == expected)
        #expect(location(try Self.workload([:])) == expected)
    }

    @Test func defaultReader() throws {
        let settings = try Self.settings(["blobContainer": "DefaultContainer"])
        #expect(settings.reader == .default)
        #expect(location(settings) == CheckpointLocation(container: "DefaultContainer", blobName: "$Default/0"))
    }

    @Test func blobMetadata() throws {
        let expected = CheckpointLocation(container: "containername",
                                          blobName: "eventhubnamespace.servicebus.windows.net/hub-test/$default/checkpoint/0")
        #expect(location(try Self.settings(["checkpointStrategy": "blobMetadata", "blobContainer": "containername"],
                                           connection: Self.connection + ";")) == expected)
        #expect(location(try Self.workload(["checkpointStrategy": "blobMetadata", "blobContainer": "containername"])) == expected)
    }

    @Test func blobMetadataLowercasesOnlyTheConsumerGroup() throws {
        let settings = try Self.workload(["checkpointStrategy": "blobMetadata", "blobContainer": "c",
                                          "eventHubNamespace": "wigptEventDev", "eventHubName": "Hub", "consumerGroup": "İGroup"])
        #expect(location(settings)?.blobName == "wigptEventDev.servicebus.windows.net/Hub/igroup/checkpoint/0")
    }

    @Test func blobMetadataWithNewlineInEntityPath() throws {
        let settings = try Self.settings(["checkpointStrategy": "blobMetadata", "blobContainer": "containername"],
                                         connection: "Endpoint=sb://eventhubnamespace.servicebus.windows.net/;EntityPath=hub-test\n;")
        guard case .failure(.invalidPath(let failure)) = settings.checkpointLocation(partitionID: "0") else {
            Issue.record("expected url.Parse to fail"); return
        }
        #expect(failure.message == #"parse "eventhubnamespace.servicebus.windows.net/hub-test\n/$default/checkpoint/0": net/url: invalid control character in URL"#)
    }

    @Test func goSdk() throws {
        #expect(location(try Self.settings(["checkpointStrategy": "goSdk", "blobContainer": "containername"]))
            == CheckpointLocation(container: "containername", blobName: "0"))
    }

    @Test func dapr() throws {
        let expected = CheckpointLocation(container: "containername", blobName: "dapr-hub-test-$default-0")
        #expect(location(try Self.settings(["checkpointStrategy": "dapr", "blobContainer": "containername", "consumerGroup": "$default"])) == expected)
        #expect(location(try Self.workload(["checkpointStrategy": "dapr", "blobContainer": "containername", "consumerGroup": "$default"])) == expected)
    }

    @Test func emptyContainerPassedThroughForExplicitStrategies() throws {
        #expect(location(try Self.settings(["checkpointStrategy": "goSdk"]))?.container == "")
        #expect(location(try Self.settings(["checkpointStrategy": "blobMetadata"]))?.container == "")
    }

    @Test(arguments: [
        ("", "", CheckpointReader.azureFunction), ("", "c", .default), ("azureFunction", "c", .azureFunction),
        ("blobMetadata", "", .blobMetadata), ("BlobMetadata", "c", .default), ("blobmetadata", "c", .default),
        ("blobmetadata", "", .azureFunction), ("goSdk", "c", .goSdk), ("gosdk", "c", .default), ("dapr", "", .dapr),
        ("typo", "", .azureFunction),
    ])
    func strategySelection(strategy: String, container: String, expected: CheckpointReader) {
        #expect(CheckpointReader(strategy: strategy, blobContainer: container) == expected)
    }

    @Test func strategyIsKeptVerbatim() throws {
        let settings = try Self.settings(["checkpointStrategy": "BlobMetadata", "blobContainer": "c"])
        #expect(settings.checkpointStrategy == "BlobMetadata")
        #expect(settings.reader == .default)
    }

    // HasEventHubEntityPath (HEAD only) and the older substring check.
    @Test(arguments: [
        ("Endpoint=sb://eventhubnamespace.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=secretKey123;EntityPath=hub-test", true, true),
        ("Endpoint=sb://eventhubnamespace.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=secretKey123;entitypath=hub-test", true, false),
        ("Endpoint=sb://EntityPath.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=secretKey123", false, true),
    ])
    func hasEntityPath(connection: String, head: Bool, old: Bool) {
        #expect(EventHubConnectionString.hasEntityPath(connection, version: .newest) == head)
        #expect(EventHubConnectionString.hasEntityPath(connection, version: KEDAVersion(2, 20, 2)) == old)
    }

    @Test func namespaceAndHubParsing() {
        let twice = "Endpoint=sb://first.servicebus.windows.net/;EntityPath=a;Endpoint=sb://second.servicebus.windows.net/;EntityPath=b"
        #expect(EventHubConnectionString.namespaceAndHub(twice, version: .newest)! == ("first.servicebus.windows.net", "a"))
        #expect(EventHubConnectionString.namespaceAndHub(twice, version: KEDAVersion(2, 20, 2))! == ("second.servicebus.windows.net", "b"))
        let spaced = " endpoint =https://ns.example:443//; EntityPath=hub "
        #expect(EventHubConnectionString.namespaceAndHub(spaced, version: .newest)! == ("https://ns.example:443/", "hub "))
        #expect(EventHubConnectionString.namespaceAndHub(spaced, version: KEDAVersion(2, 20, 2)) == nil)
        #expect(EventHubConnectionString.namespaceAndHub("Endpoint=sb://ns/", version: .newest) == nil)
    }

    @Test func unparseableHubFailsOnlyStrategiesThatUseIt() throws {
        // v2.20.2 takes the host `EntityPath` as an EntityPath, appends nothing, and finds no hub.
        let version = KEDAVersion(2, 20, 2)
        let connection = "Endpoint=sb://EntityPath.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=s"
        let function = try Self.settings([:], connection: connection, version: version)
        #expect(function.checkpointLocation(partitionID: "0") == .failure(.eventHubUnparseable))
        let goSdk = try Self.settings(["checkpointStrategy": "goSdk", "blobContainer": "c"], connection: connection, version: version)
        #expect(location(goSdk) == CheckpointLocation(container: "c", blobName: "0"))
    }
}
