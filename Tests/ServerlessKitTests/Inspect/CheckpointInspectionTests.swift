import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessInspect
@testable import ServerlessKEDA
@testable import ServerlessRender

/// The inspector over real sockets against the Azure test server, reading checkpoints the real Azure SDK
/// for Python wrote, in every layout KEDA reads.
@Suite struct CheckpointInspectionTests {
    static let namespace = "ns.servicebus.windows.net"

    /// KEDA's inputs for `metadata` against `server`, with the hub's partitions from the Event Hubs REST API.
    func inspect(_ server: AzureTestServer, metadata: [String: String], hub: String = "hub",
                 connectionNamespace: String = CheckpointInspectionTests.namespace,
                 version: KEDAVersion = .newest) async throws -> CheckpointReport {
        let connection = "Endpoint=sb://\(connectionNamespace)/;SharedAccessKeyName=\(AzureTestServer.eventHubsPolicy);"
            + "SharedAccessKey=\(AzureTestServer.eventHubsKey);EntityPath=\(hub)"
        let trigger = EventHubTriggerMetadata(
            metadata: metadata, authParams: ["connection": connection, "storageConnection": server.storageConnectionString])
        let settings = try EventHubScalerSettings(parsing: trigger, version: version)
        let transport = try CurlTransport(options: TransportOptions(retry: RetryPolicy(baseDelay: .milliseconds(5))))
        let runtime = try EventHubsRuntimeClient(
            connection: EventHubsConnectionString.parse(connection), consumerGroup: settings.consumerGroup,
            endpointOverride: "http://127.0.0.1:\(server.port)/", http: transport)
        let partitions = try await runtime.allPartitions()
        return await CheckpointInspector(trigger: trigger, settings: settings, target: .unknownScaledObject,
                                         storage: try StorageConnectionString.parse(server.storageConnectionString),
                                         http: transport).inspect(partitions: partitions)
    }

    func server(last: [Int64], faults: [String] = [], consumerGroups: [String] = ["$Default"]) throws -> AzureTestServer {
        try AzureTestServer(.init(
            hubs: ["hub:partitions=\(last.count):last=\(last.map(String.init).joined(separator: ","))"
                   + ":consumer-groups=\(consumerGroups.joined(separator: ","))"],
            faults: faults, extraArguments: ["--eventhub-namespace", Self.namespace]))
    }

    @Test func readsPythonCheckpointStoreCheckpointsWithOneListingAndOnlyReads() async throws {
        let server = try server(last: [150, 120, 9, -1])
        try server.seed(.blobMetadata, namespace: Self.namespace, sequences: ["0": 100, "1": 120, "3": 7])
        try server.clearLog()
        let report = try await inspect(server, metadata: ["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints"])

        #expect(report.partitions.map(\.status) == [.ok, .ok, .missing, .ok])
        #expect(report.partitions.map(\.unprocessedEvents) == [50, 0, 10, 0])  // missing: L - B + 1; L = -1: 0
        #expect(report.partitions[0].blob == "ns.servicebus.windows.net/hub/$default/checkpoint/0")
        #expect(report.totalUnprocessedEvents == 60)
        #expect(report.metricValue == 60)
        #expect(report.active == true)
        #expect(report.desiredReplicas == 1)
        #expect(report.scalerError == nil)
        #expect(report.exitCode == 1)

        let log = try server.requestLog()
        #expect(Set(log.map(\.method)).isSubset(of: ["GET", "HEAD"]))
        // blobMetadata needs no Get Blob: one listing per container covers every partition.
        #expect(log.filter { $0.operation == "GetBlob" }.isEmpty)
        #expect(log.filter { $0.operation == "ListBlobs" }.count == 2)  // checkpoints + azure-webjobs-eventhub
    }

    @Test func mixedCaseNamespaceIsAMismatchWithTheSettingThatFixesIt() async throws {
        let server = try server(last: [10])
        try server.seed(.blobMetadata, namespace: Self.namespace, sequences: ["0": 4])
        let report = try await inspect(server, metadata: ["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints"],
                                       connectionNamespace: "NS.servicebus.windows.net")
        let partition = try #require(report.partitions.first)
        #expect(partition.status == .mismatch)
        #expect(partition.blob == "NS.servicebus.windows.net/hub/$default/checkpoint/0")
        #expect(partition.unprocessedEvents == 11)  // KEDA counts from the beginning
        let miss = try #require(partition.nearMisses.first)
        #expect(miss.blob == "ns.servicebus.windows.net/hub/$default/checkpoint/0")
        #expect(miss.sequenceNumber == 4)
        #expect(miss.reason.contains("another casing"))
        #expect(miss.setting.map(\.key) == ["connection"])
        #expect(miss.setting.map(\.value) == ["Endpoint=sb://ns.servicebus.windows.net/"])
    }

    @Test(arguments: [
        (AzureTestServer.CheckpointLayout.azureFunction, [String: String](), "ns.servicebus.windows.net/hub/$Default/0"),
        (.goSdk, ["checkpointStrategy": "goSdk", "blobContainer": "checkpoints"], "0"),
        (.dapr, ["checkpointStrategy": "dapr", "blobContainer": "checkpoints"], "dapr-hub-$Default-0"),
        (.default, ["blobContainer": "checkpoints"], "$Default/0"),
        (.defaultPython, ["blobContainer": "checkpoints"], "$Default/0"),
    ])
    func readsEveryJSONLayoutKEDAReads(layout: AzureTestServer.CheckpointLayout, metadata: [String: String], blob: String) async throws {
        let server = try server(last: [30, 40])
        let container = layout == .azureFunction ? "azure-webjobs-eventhub" : "checkpoints"
        try server.seed(layout, container: container, namespace: Self.namespace, sequences: ["0": 25, "1": 40])
        try server.clearLog()
        let report = try await inspect(server, metadata: metadata)
        #expect(report.partitions.map(\.status) == [.ok, .ok])
        #expect(report.partitions[0].blob == blob)
        #expect(report.container == container)
        #expect(report.partitions.map(\.checkpointSequenceNumber) == [25, 40])
        #expect(report.totalUnprocessedEvents == 5)
        #expect(Set(try server.requestLog().map(\.method)).isSubset(of: ["GET", "HEAD"]))
    }

    @Test func functionsV5CheckpointsUnderV4DefaultsPointToBlobMetadata() async throws {
        // Extension v5 writes event-processor checkpoints into azure-webjobs-eventhub; KEDA's defaults
        // (no strategy, no container) read the v4 JSON blob there.
        let server = try server(last: [80])
        try server.seed(.blobMetadata, container: "azure-webjobs-eventhub", namespace: Self.namespace, sequences: ["0": 70])
        let report = try await inspect(server, metadata: [:])
        #expect(report.reader == "azureFunction")
        let partition = try #require(report.partitions.first)
        #expect(partition.status == .mismatch)
        #expect(partition.unprocessedEvents == 81)
        let miss = try #require(partition.nearMisses.first)
        #expect(miss.setting.map(\.key) == ["checkpointStrategy", "blobContainer"])
        #expect(miss.setting.map(\.value) == ["blobMetadata", "azure-webjobs-eventhub"])
        #expect(miss.sequenceNumber == 70)
    }

    @Test func aTypoInTheStrategyFallsToTheDefaultReader() async throws {
        let server = try server(last: [12])
        try server.seed(.blobMetadata, namespace: Self.namespace, sequences: ["0": 2])
        let report = try await inspect(server, metadata: ["checkpointStrategy": "blobmetadata", "blobContainer": "checkpoints"])
        #expect(report.checkpointStrategy == "blobmetadata")
        #expect(report.reader == "default")
        #expect(report.partitions.first?.blob == "$Default/0")
        #expect(report.partitions.first?.nearMisses.first?.setting.map(\.value) == ["blobMetadata"])
    }

    @Test func keda2151TurnsAMissingCheckpointIntoAScalerError() async throws {
        let server = try server(last: [12, 30])
        try server.seed(.blobMetadata, namespace: Self.namespace, sequences: ["0": 2])
        let metadata = ["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints"]
        let old = try await inspect(server, metadata: metadata, version: KEDAVersion(2, 15, 1))
        #expect(old.scalerError == "unable to get unprocessedEventCount for metrics: unable to get checkpoint from storage: %!w(<nil>)")
        #expect(old.metricValue == nil && old.active == nil && old.desiredReplicas == nil)
        #expect(old.totalUnprocessedEvents == 10)  // the readable partition is still shown
        let fixed = try await inspect(server, metadata: metadata, version: KEDAVersion(2, 16, 0))
        #expect(fixed.scalerError == nil)
        #expect(fixed.totalUnprocessedEvents == 41)
    }

    @Test func anotherConsumerGroupsCheckpointsAreNeverNearMissesButAreNamedWhenThisOneHasNone() async throws {
        // Seven other consumer groups' checkpoints of partition 0 and a Dapr one: none is consumer `orders`'s progress.
        let server = try server(last: [90], consumerGroups: ["$Default", "orders"])
        for group in ["g7", "g3", "g5", "g1", "g6", "g2", "g4"] {
            try server.seed(.blobMetadata, namespace: Self.namespace, consumerGroup: group, sequences: ["0": 10])
        }
        try server.seed(.dapr, namespace: Self.namespace, consumerGroup: "g0", sequences: ["0": 20])
        try server.clearLog()
        let report = try await inspect(server, metadata: ["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints",
                                                          "consumerGroup": "orders"])
        let partition = try #require(report.partitions.first)
        #expect(partition.status == .missing)
        #expect(partition.nearMisses.isEmpty && partition.nearMissesNotShown == 0)
        #expect(report.otherConsumers.map(\.consumer.description)
            == ["-/hub/g0"] + ["g1", "g2", "g3", "g4", "g5", "g6", "g7"].map { "ns.servicebus.windows.net/hub/\($0)" })
        #expect(report.otherConsumers.allSatisfy { $0.checkpoints == 1 })
        #expect(report.exitCode == 1)
        // Other consumers' bodies are never read.
        #expect(try server.requestLog().filter { $0.operation == "GetBlob" }.isEmpty)
        let text = report.table(wide: false, showHeaders: true, style: Style(enabled: false))
        #expect(text.contains("no checkpoint of consumer group orders of hub hub in any layout"))
        #expect(!text.contains("set consumerGroup"))
    }

    @Test func throttledStorageAndEventHubsAreRetried() async throws {
        let server = try server(last: [5], faults: ["throttle:status=503:first=2:retry-after=0"])
        try server.setFaults([])
        try server.seed(.blobMetadata, namespace: Self.namespace, sequences: ["0": 1])
        try server.setFaults(["throttle:status=503:every=2:retry-after=0"])
        let report = try await inspect(server, metadata: ["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints"])
        #expect(report.partitions.first?.status == .ok)
        #expect(report.totalUnprocessedEvents == 4)
        #expect(try server.requestLog().contains { $0.status == 503 })
    }
}
