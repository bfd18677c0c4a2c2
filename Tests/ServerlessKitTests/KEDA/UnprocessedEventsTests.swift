import Testing
@testable import ServerlessKEDA

@Suite("KEDA unprocessed events")
struct UnprocessedEventsTests {
    // kedacore/keda pkg/scalers/azure_eventhub_scaler_test.go calculateUnprocessedEventsDataset, S = 10000.
    @Test(arguments: [
        (Int64(5), Int64(10), Int64(5)),
        (4611686018427387903, 4611686018427387905, 2),
        (4611686018427387900, 4611686018427387905, 5),
        (4000000000000200000, 4000000000000000000, 9223372036854575807),
        (0, 2, 2),
        (15, 10, 0),
        (4611686018427387910, 4611686018427387905, 0),
        (5, 9223372036854775797, 0),
        (9223372036854775797, 5, 15),
    ])
    func withCheckpoint(checkpoint: Int64, last: Int64, expected: Int64) {
        #expect(UnprocessedEvents.count(checkpoint: checkpoint, lastEnqueued: last, stalePartitionInfoThreshold: 10000) == expected)
    }

    // The stale boundary, derived from KEDA's calculateUnprocessedEvents (not in its tests): C - L = 9999 -> 0, C - L = 10000 -> MAX - S (strict >).
    @Test func staleBoundary() {
        #expect(UnprocessedEvents.count(checkpoint: 10009, lastEnqueued: 10, stalePartitionInfoThreshold: 10000) == 0)
        #expect(UnprocessedEvents.count(checkpoint: 10010, lastEnqueued: 10, stalePartitionInfoThreshold: 10000) == 9223372036854765807)
    }

    @Test func wrapsLikeGo() {
        // L - C overflows when C is negative; Go wraps.
        #expect(UnprocessedEvents.count(checkpoint: -1, lastEnqueued: Int64.max, stalePartitionInfoThreshold: 10000) == Int64.min)
        // A negative S makes MAX - S wrap to MIN, so everything but MIN counts as stale.
        #expect(UnprocessedEvents.count(checkpoint: 5, lastEnqueued: 10, stalePartitionInfoThreshold: -1) == 0)
    }

    // KEDA's GetUnprocessedEventCountWithoutCheckpoint cases (pkg/scalers/azure_eventhub_scaler_test.go)
    @Test(arguments: [(Int64(0), Int64(0), Int64(1)), (255, 255, 0), (0, 1, 2)])
    func withoutCheckpoint(beginning: Int64, last: Int64, expected: Int64) {
        #expect(UnprocessedEvents.withoutCheckpoint(beginning: beginning, lastEnqueued: last) == expected)
    }

    @Test func withoutCheckpointIsNotClamped() {
        #expect(UnprocessedEvents.withoutCheckpoint(beginning: 12, lastEnqueued: 10) == -1)
        #expect(UnprocessedEvents.withoutCheckpoint(beginning: 11, lastEnqueued: 10) == 0)
    }

    // getTotalLagRelatedToPartitionAmount: KEDA's cases (azure_eventhub_scaler_test.go), then boundaries derived from it
    @Test(arguments: [
        (Int64(100), Int64(2), Int64(10), Int64(20)),
        (100, 20, 10, 100),
        (58723, 1, 64, 64),
        (128, 2, 64, 128), (129, 2, 64, 129), (191, 2, 64, 191), (192, 2, 64, 128),
    ])
    func partitionCap(total: Int64, partitions: Int64, threshold: Int64, expected: Int64) {
        #expect(UnprocessedEvents.lagRelatedToPartitionCount(total: total, partitionCount: partitions, threshold: threshold) == expected)
    }

    @Test func issue6720PartitionZero() {
        #expect(UnprocessedEvents.count(checkpoint: 969, lastEnqueued: 59692, stalePartitionInfoThreshold: 10000) == 58723)
    }

    @Test func totalOverflowBecomesMaxThenCap() {
        let total = UnprocessedEvents.total([9223372036854775797, 20])
        #expect(total == Int64.max)
        #expect(UnprocessedEvents.lagRelatedToPartitionCount(total: total, partitionCount: 2, threshold: 64) == 128)
    }

    @Test func zeroThresholdIsGoPanic() {
        #expect(UnprocessedEvents.lagRelatedToPartitionCount(total: 5, partitionCount: 1, threshold: 0) == nil)
    }
}

@Suite("KEDA scale decision")
struct ScaleDecisionTests {
    @Test func hpaWantsOneMoreThanPartitionsInsideTheWindow() {
        let decision = ScaleDecision.decide(counts: [100, 29], threshold: 64, activationThreshold: 0)
        #expect(decision.metricValue == 129)
        #expect(decision.desiredReplicas == 3)
        #expect(decision.active == true)
    }

    @Test func capAtPartitionTimesThreshold() {
        let decision = ScaleDecision.decide(counts: [58723], threshold: 64, activationThreshold: 0)
        #expect(decision.metricValue == 64)
        #expect(decision.totalUnprocessedEvents == 58723)
        #expect(decision.desiredReplicas == 1)
    }

    // e2e azure_event_hub_blob_metadata: activation 10; 8 events stay at 0, 16 scale to 1.
    @Test func activationUsesUncappedTotal() {
        let idle = ScaleDecision.decide(counts: [8], threshold: 64, activationThreshold: 10)
        #expect(idle.active == false)
        #expect(idle.desiredReplicas == 0)
        let busy = ScaleDecision.decide(counts: [16], threshold: 64, activationThreshold: 10)
        #expect(busy.active == true)
        #expect(busy.desiredReplicas == 1)
    }

    @Test func clampedToKnownBounds() {
        let decision = ScaleDecision.decide(counts: [640, 640, 640, 640], threshold: 64, activationThreshold: 0,
                                            target: .scaledObject(minReplicas: 2, maxReplicas: 3))
        #expect(decision.metricValue == 256)
        #expect(decision.desiredReplicas == 3)
        let idle = ScaleDecision.decide(counts: [0], threshold: 64, activationThreshold: 0,
                                        target: .scaledObject(minReplicas: 2, maxReplicas: 3))
        #expect(idle.active == false)
        #expect(idle.desiredReplicas == 2)
    }

    @Test func scaledJob() {
        let decision = ScaleDecision.decide(counts: [300, 10], threshold: 64, activationThreshold: 0, target: .scaledJob(maxReplicas: 4))
        #expect(decision.metricValue == 128)
        #expect(decision.desiredReplicas == 2)
        // The partition cap still applies first: 129 / 10 > 2 gives a metric of 20.
        let partitionCapped = ScaleDecision.decide(counts: [100, 29], threshold: 10, activationThreshold: 0, target: .scaledJob(maxReplicas: 4))
        #expect(partitionCapped.desiredReplicas == 2)
        let maxCapped = ScaleDecision.decide(counts: [100, 29], threshold: 64, activationThreshold: 0, target: .scaledJob(maxReplicas: 2))
        #expect(maxCapped.metricValue == 129)
        #expect(maxCapped.desiredReplicas == 2)
    }

    @Test func thresholdZeroIsAScalerError() {
        let decision = ScaleDecision.decide(counts: [5], threshold: 0, activationThreshold: 0)
        #expect(decision.metricValue == nil)
        #expect(decision.desiredReplicas == nil)
        #expect(decision.scalerError?.contains("integer divide by zero") == true)
    }
}
