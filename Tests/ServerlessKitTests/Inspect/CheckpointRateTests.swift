import Testing
@testable import ServerlessInspect

/// `--watch` rates between two rounds: sequence numbers grow by one per event, so their growth over the
/// time between rounds is the rate; DRAIN is what is left over the rate it shrinks at.
@Suite struct CheckpointRateTests {
    func report(_ partitions: [(last: Int64, checkpoint: Int64?)]) -> CheckpointReport {
        let rows = partitions.enumerated().map { id, partition in
            let unprocessed = partition.last < 0 ? 0 : partition.last - (partition.checkpoint ?? -1)
            return PartitionCheckpoint(partitionId: "\(id)", blob: "b/\(id)", status: partition.checkpoint == nil ? .missing : .ok,
                                       checkpointSequenceNumber: partition.checkpoint, lastEnqueuedSequenceNumber: partition.last,
                                       beginningSequenceNumber: 0, lastEnqueuedTime: nil, unprocessedEvents: unprocessed, detail: nil,
                                       nearMisses: [])
        }
        let total = rows.compactMap(\.unprocessedEvents).reduce(0, +)
        return CheckpointReport(eventHub: .init(namespace: "ns", name: "hub", consumerGroup: "$Default"), checkpointStrategy: "blobMetadata",
                                reader: "blobMetadata", container: "c", kedaVersion: "2.17.0", scalerError: nil, partitions: rows,
                                totalUnprocessedEvents: total, metricValue: total, unprocessedEventThreshold: 64,
                                activationUnprocessedEventThreshold: 0, active: total > 0, desiredReplicas: 1)
    }

    @Test func ratesAreTheGrowthOverTheTimeAndDrainIsWhatIsLeftOverTheNetRate() {
        let before = report([(150, 100), (90, 90), (-1, nil)])
        let after = report([(250, 220), (190, 190), (-1, nil)])
        let (total, partitions) = CheckpointRate.between(previous: before, current: after, seconds: 4)
        #expect(total == CheckpointRate(inPerSecond: 50, donePerSecond: 55, drainSeconds: 30.0 / 5))
        #expect(partitions["0"] == CheckpointRate(inPerSecond: 25, donePerSecond: 30, drainSeconds: 30.0 / 5))
        // Caught up: nothing left, whatever the rates.
        #expect(partitions["1"] == CheckpointRate(inPerSecond: 25, donePerSecond: 25, drainSeconds: 0))
        // No checkpoint in either round: no progress known, never draining.
        #expect(partitions["2"] == CheckpointRate(inPerSecond: 0, donePerSecond: nil, drainSeconds: 0))
    }

    @Test func aFallingBehindConsumerDoesNotDrainAndAFirstCheckpointCountsNoProgress() {
        let before = report([(100, 90), (50, nil)])
        let after = report([(200, 150), (80, 60)])
        let (total, partitions) = CheckpointRate.between(previous: before, current: after, seconds: 10)
        #expect(partitions["0"] == CheckpointRate(inPerSecond: 10, donePerSecond: 6, drainSeconds: nil))
        #expect(partitions["1"]?.donePerSecond == nil)
        // In counts both partitions, done only the one with a checkpoint in both rounds.
        #expect(total.inPerSecond == 13 && total.donePerSecond == 6 && total.drainSeconds == nil)
        #expect(CheckpointRate.cells(total) == ["13", "6", "-"])
        #expect(CheckpointRate.cells(nil) == ["-", "-", "-"])
    }

    @Test func drainReadsLikeKubectlAges() {
        #expect(CheckpointRate.duration(45) == "45s")
        #expect(CheckpointRate.duration(200) == "3m20s")
        #expect(CheckpointRate.duration(7500) == "2h5m")
        #expect(CheckpointRate.duration(3 * 86400 + 4 * 3600) == "3d4h")
        #expect(CheckpointRate.number(12.345) == "12.3" && CheckpointRate.number(40) == "40")
    }
}
