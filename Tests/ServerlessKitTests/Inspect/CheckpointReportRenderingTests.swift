import Testing
@testable import ServerlessInspect

/// The checkpoint table's conventions: 120 columns by default with long blob names shortened from the left
/// (the partition's end kept), whole in `-o wide`; summary words that say which way the activation compares.
@Suite struct CheckpointReportRenderingTests {
    func report(namespace: String, active: Bool, total: Int64) -> CheckpointReport {
        let blob = "\(namespace)/orders-with-a-long-hub-name/$default/checkpoint/"
        let partitions = (0..<3).map { id in
            PartitionCheckpoint(partitionId: "\(id)", blob: blob + "\(id)", status: .ok, checkpointSequenceNumber: 1_000_000_000,
                                lastEnqueuedSequenceNumber: 1_000_000_000 + total / 3, beginningSequenceNumber: 0, lastEnqueuedTime: nil,
                                unprocessedEvents: total / 3, detail: nil, nearMisses: [])
        }
        return CheckpointReport(
            eventHub: .init(namespace: namespace, name: "orders-with-a-long-hub-name", consumerGroup: "$Default"),
            checkpointStrategy: "blobMetadata", reader: "blobMetadata", container: "checkpoints", kedaVersion: "2.18.0",
            scalerError: nil, partitions: partitions, totalUnprocessedEvents: total, metricValue: total,
            unprocessedEventThreshold: 64, activationUnprocessedEventThreshold: 5, active: active, desiredReplicas: active ? 1 : 0)
    }

    @Test func theDefaultTableFits120ColumnsAndWideKeepsTheWholeBlob() {
        let long = report(namespace: "a-namespace-name-that-is-rather-long-for-a-table.servicebus.windows.net", active: true, total: 30)
        let rows = long.rows(wide: false, showHeaders: true, style: .plain).split(separator: "\n")
        #expect(rows.allSatisfy { $0.count <= CheckpointReport.tableWidth }, "\(rows)")
        #expect(rows[1].contains("…") && rows[1].contains("/$default/checkpoint/0"))
        let wide = long.rows(wide: true, showHeaders: true, style: .plain)
        #expect(wide.contains(long.partitions[0].blob))
        let short = report(namespace: "ns", active: true, total: 30)
        #expect(!short.rows(wide: false, showHeaders: true, style: .plain).contains("…"))
    }

    @Test func theActivationWordsSayWhichWayTheyCompare() {
        #expect(report(namespace: "ns", active: false, total: 3).summary(style: .plain)
            .contains("not active (3 unprocessed is not above the activation threshold 5)"))
        #expect(report(namespace: "ns", active: true, total: 30).summary(style: .plain)
            .contains(", active (30 unprocessed is above the activation threshold 5)"))
    }
}
