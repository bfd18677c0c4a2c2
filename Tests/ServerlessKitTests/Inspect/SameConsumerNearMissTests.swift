import Foundation
import Testing

/// Near misses on a storage account shared by several consumers and hubs (the normal case), against the
/// Azure test server with checkpoints the real Azure SDK wrote: only this consumer's own checkpoints
/// elsewhere are offered, never on an `ok` partition, never a setting that would lose an `ok` one.
@Suite struct SameConsumerNearMissTests {
    static let namespace = CheckpointInspectionTests.namespace
    let inspection = CheckpointInspectionTests()

    @Test func aConsumerGroupWithOnlyPartitionZeroGetsNoOtherGroupsProgressAsAdvice() async throws {
        // The first story: `analytics` checkpointed partition 0 only; `$Default` has all four,
        // hub `inventory` has its own.
        let server = try inspection.server(last: [50, 60, 70, 80], consumerGroups: ["$Default", "analytics"])
        try server.seed(.blobMetadata, namespace: Self.namespace, sequences: ["0": 40, "1": 50, "2": 60, "3": 70])
        try server.seed(.blobMetadata, namespace: Self.namespace, consumerGroup: "analytics", sequences: ["0": 45])
        try server.seed(.blobMetadata, namespace: Self.namespace, hub: "inventory", sequences: ["0": 1, "1": 2, "2": 3, "3": 4])
        let report = try await inspection.inspect(server, metadata: ["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints",
                                                                     "consumerGroup": "analytics"])
        #expect(report.partitions.map(\.status) == [.ok, .missing, .missing, .missing])
        #expect(report.partitions.allSatisfy { $0.nearMisses.isEmpty })
        #expect(report.otherConsumers.isEmpty)  // it has a checkpoint of its own
        #expect(report.exitCode == 1)
        let text = report.table(wide: false, showHeaders: true, style: .plain)
        #expect(!text.contains("set "))
    }

    @Test func theMixedCaseConsumerGroupIsTheNearMissAndOtherHubsAreNotOffered() async throws {
        // Functions v4 wrote `Analytics`; KEDA's azureFunction reader asks for `analytics` as configured.
        // The same container holds hub `payments` and another consumer group's extension-v5 checkpoints.
        let server = try inspection.server(last: [30, 40, 50, 60], consumerGroups: ["$Default", "analytics"])
        try server.seed(.azureFunction, namespace: Self.namespace, consumerGroup: "Analytics", sequences: ["0": 25, "1": 35])
        try server.seed(.azureFunction, namespace: Self.namespace, hub: "payments", sequences: ["0": 1, "1": 2, "2": 3, "3": 4])
        try server.seed(.blobMetadata, container: "azure-webjobs-eventhub", namespace: Self.namespace,
                        sequences: ["0": 5, "1": 6, "2": 7, "3": 8])
        let report = try await inspection.inspect(server, metadata: ["consumerGroup": "analytics"])
        #expect(report.partitions.map(\.status) == [.mismatch, .mismatch, .missing, .missing])
        for (index, sequence) in [(0, Int64(25)), (1, 35)] {
            let miss = try #require(report.partitions[index].nearMisses.first)
            #expect(report.partitions[index].nearMisses.count == 1)
            #expect(miss.blob == "ns.servicebus.windows.net/hub/Analytics/\(index)")
            #expect(miss.sequenceNumber == sequence)
            #expect(miss.setting.map(\.key) == ["consumerGroup"] && miss.setting.map(\.value) == ["Analytics"])
        }
        #expect(report.partitions[2].nearMisses.isEmpty && report.partitions[3].nearMisses.isEmpty)

        let text = report.table(wide: false, showHeaders: true, style: .plain)
        #expect(!text.contains("eventHubName") && !text.contains("$Default") && !text.contains("payments"))
        // One reason, said once for both partitions.
        #expect(text.components(separatedBy: "another casing").count == 2)
        #expect(text.contains("partitions 0, 1: same path in another casing"))
        let wide = report.table(wide: true, showHeaders: true, style: .plain)
        let row = try #require(wide.split(separator: "\n").first { $0.hasPrefix("1 ") })
        #expect(row.split(separator: " ").suffix(3) == ["azure-webjobs-eventhub/ns.servicebus.windows.net/hub/Analytics/1", "35",
                                                         "consumerGroup=Analytics"])
    }

    @Test func aSettingThatWouldLoseReadablePartitionsIsNotSuggested() async throws {
        // Mid-migration from Functions extension v4 to v5: partitions 0 and 1 still have v4 checkpoints KEDA
        // reads; partition 2 has only a v5 one. blobMetadata would read 2 but lose 0 and 1.
        let server = try inspection.server(last: [20, 30, 40])
        try server.seed(.azureFunction, namespace: Self.namespace, sequences: ["0": 15, "1": 25])
        try server.seed(.blobMetadata, container: "azure-webjobs-eventhub", namespace: Self.namespace, sequences: ["2": 35])
        let report = try await inspection.inspect(server, metadata: [:])
        #expect(report.partitions.map(\.status) == [.ok, .ok, .mismatch])
        #expect(report.partitions[0].nearMisses.isEmpty && report.partitions[1].nearMisses.isEmpty)
        let miss = try #require(report.partitions[2].nearMisses.first)
        #expect(miss.setting.isEmpty)
        #expect(miss.sequenceNumber == 35)
        #expect(miss.reason.hasSuffix("; not suggesting checkpointStrategy: blobMetadata, blobContainer: azure-webjobs-eventhub: "
            + "KEDA would then stop reading partitions 0, 1, which it reads now"))

        // Once every partition has a v5 checkpoint, the same setting loses nothing and is suggested.
        try server.seed(.blobMetadata, container: "azure-webjobs-eventhub", namespace: Self.namespace, sequences: ["0": 16, "1": 26])
        let migrated = try await inspection.inspect(server, metadata: [:])
        #expect(migrated.partitions[2].nearMisses.first?.setting.map(\.value) == ["blobMetadata", "azure-webjobs-eventhub"])
    }

    @Test func theSettingThatExplainsMostMissingPartitionsComesFirst() async throws {
        // KEDA's legacy default reader (no strategy, a container): the Python checkpoint store wrote all three
        // partitions, the old Go SDK only partition 0. Both are one setting away for partition 0.
        let server = try inspection.server(last: [10, 20, 30])
        try server.seed(.blobMetadata, namespace: Self.namespace, sequences: ["0": 5, "1": 15, "2": 25])
        try server.seed(.goSdk, namespace: Self.namespace, sequences: ["0": 4])
        let report = try await inspection.inspect(server, metadata: ["blobContainer": "checkpoints"])
        #expect(report.reader == "default")
        #expect(report.partitions.map(\.status) == [.mismatch, .mismatch, .mismatch])
        #expect(report.partitions[0].nearMisses.map { $0.setting.map(\.value) } == [["blobMetadata"], ["goSdk"]])
        #expect(report.partitions[0].nearMisses.map(\.sequenceNumber) == [5, 4])
        #expect(report.partitions[1].nearMisses.map(\.blob) == ["ns.servicebus.windows.net/hub/$default/checkpoint/1"])
        let text = report.table(wide: false, showHeaders: true, style: .plain)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("partition") && $0.contains("; set ") }
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("partitions 0, 1, 2: ") == true && lines.first?.hasSuffix("; set checkpointStrategy: blobMetadata") == true)
        #expect(lines.last?.hasPrefix("partition 0: ") == true && lines.last?.hasSuffix("; set checkpointStrategy: goSdk") == true)
    }
}
