import Testing
@testable import ServerlessIO
@testable import ServerlessInspect
@testable import ServerlessKEDA

@Suite struct RecognisedCheckpointTests {
    let ids: Set<String> = ["0", "1"]

    func recognise(_ blob: String, container: String = "checkpoints") -> RecognisedCheckpoint? {
        RecognisedCheckpoint.recognise(container: container, blob: blob, namespace: "MyNS.servicebus.windows.net",
                                       hub: "order-events", partitionIds: ids)
    }

    @Test func readsEveryLayoutFromTheName() {
        #expect(recognise("myns.servicebus.windows.net/order-events/$default/checkpoint/1")?.layout == .processor)
        #expect(recognise("MyNS.servicebus.windows.net/order-events/$Default/0")?.layout == .functionsLegacy)
        #expect(recognise("$Default/0")?.layout == .legacyDefault)
        #expect(recognise("0")?.layout == .goSdk)
        let dapr = recognise("dapr-order-events-$Default-1")
        #expect(dapr?.layout == .dapr)
        #expect(dapr?.hub == "order-events")
        #expect(dapr?.consumerGroup == "$Default")
        #expect(dapr?.partitionId == "1")
    }

    @Test func ignoresOwnershipOtherNamespacesAndUnknownPartitions() {
        #expect(recognise("myns.servicebus.windows.net/order-events/$default/ownership/1") == nil)
        #expect(recognise("other.servicebus.windows.net/order-events/$default/checkpoint/1") == nil)
        #expect(recognise("myns.servicebus.windows.net/order-events/$default/checkpoint/7") == nil)
        #expect(recognise("a/b/c") == nil)
    }

    /// A `dapr-` name with nothing between the prefix and the partition (it used to trap cutting the range).
    @Test func daprNamesWithoutAMiddleAreNoCheckpoint() {
        for blob in ["dapr-5", "dapr-", "dapr--"] {
            #expect(recognise(blob) == nil)
            #expect(CheckpointConsumer(blob: blob) == nil)
        }
        #expect(recognise("dapr-order-events-$Default-0")?.consumerGroup == "$Default")
    }
}

@Suite struct NearMissSearchTests {
    let connection = "Endpoint=sb://MyNS.servicebus.windows.net/;SharedAccessKeyName=p;SharedAccessKey=k;EntityPath=Orders"

    func search(_ metadata: [String: String]) throws -> NearMissSearch {
        let trigger = EventHubTriggerMetadata(metadata: metadata,
                                              authParams: ["connection": connection, "storageConnection": "UseDevelopmentStorage=true"])
        return NearMissSearch(trigger: trigger, settings: try EventHubScalerSettings(parsing: trigger))
    }

    func found(_ blob: String, _ container: String, _ layout: CheckpointLayout) -> RecognisedCheckpoint {
        RecognisedCheckpoint.recognise(container: container, blob: blob, namespace: "MyNS.servicebus.windows.net",
                                       hub: "Orders", partitionIds: ["0"])!
    }

    @Test func lowercasedPathNeedsTheEndpointAndEntityPathLowercased() throws {
        var search = try search(["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints"])
        let setting = search.setting(for: found("myns.servicebus.windows.net/orders/$default/checkpoint/0", "checkpoints", .processor))
        #expect(setting?.map(\.key) == ["connection"])
        #expect(setting?.map(\.value) == ["Endpoint=sb://myns.servicebus.windows.net/;EntityPath=orders"])
    }

    @Test func functionsV5CheckpointsNeedBlobMetadataInTheWebJobsContainer() throws {
        // Functions v4 defaults (no strategy, no container) against what extension v5 writes.
        var search = try search([:])
        let setting = search.setting(for: found("MyNS.servicebus.windows.net/Orders/$default/checkpoint/0",
                                                "azure-webjobs-eventhub", .processor))
        #expect(setting?.map(\.key) == ["checkpointStrategy", "blobContainer"])
        #expect(setting?.map(\.value) == ["blobMetadata", "azure-webjobs-eventhub"])
    }

    @Test func aTypoedStrategyFallsToTheDefaultReaderAndTheFixIsTheExactName() throws {
        var search = try search(["checkpointStrategy": "blobmetadata", "blobContainer": "checkpoints"])
        let setting = search.setting(for: found("MyNS.servicebus.windows.net/Orders/$default/checkpoint/0", "checkpoints", .processor))
        #expect(setting?.map(\.key) == ["checkpointStrategy"])
        #expect(setting?.map(\.value) == ["blobMetadata"])
    }

    @Test func verbatimConsumerGroupCaseCannotBeReadByKEDA() throws {
        // Go and Dapr ≥ 1.10 keep `$Default`; KEDA always asks for `$default`.
        var search = try search(["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints"])
        let blob = found("MyNS.servicebus.windows.net/Orders/$Default/checkpoint/0", "checkpoints", .processor)
        #expect(search.setting(for: blob) == nil)
        #expect(NearMissReason.describe(blob, expected: nil, hasSetting: false).contains("KEDA lowercases the consumer group"))
    }

    @Test func theConsumerGroupInAnotherCasingIsOneSettingAwayForFunctionsV4() throws {
        // KEDA's azureFunction path keeps the consumer group as configured; the extension wrote `Billing`.
        var search = try search(["consumerGroup": "billing"])
        let setting = search.setting(for: found("MyNS.servicebus.windows.net/Orders/Billing/0", "azure-webjobs-eventhub", .functionsLegacy))
        #expect(setting?.map(\.key) == ["consumerGroup"])
        #expect(setting?.map(\.value) == ["Billing"])
    }

    @Test func onlyTheSameConsumerInAnyCasingBelongs() {
        let blob = { (hub: String, group: String) in
            RecognisedCheckpoint(container: "c", blob: "b", layout: .processor, namespace: "ns", hub: hub, consumerGroup: group, partitionId: "0")
        }
        #expect(blob("Orders", "$default").belongs(toHub: "orders", consumerGroup: "$Default"))
        #expect(!blob("Orders", "billing").belongs(toHub: "orders", consumerGroup: "$Default"))
        #expect(!blob("payments", "$Default").belongs(toHub: "orders", consumerGroup: "$Default"))
        // The old Go SDK's `{partition}` names neither: only its layout differs.
        #expect(RecognisedCheckpoint(container: "c", blob: "0", layout: .goSdk, namespace: nil, hub: nil, consumerGroup: nil, partitionId: "0")
            .belongs(toHub: "orders", consumerGroup: "$Default"))
    }

    @Test func otherConsumersAreNamedFromTheirBlobNamesInOneCasing() {
        #expect(CheckpointConsumer(blob: "NS.servicebus.windows.net/Payments/$Default/checkpoint/3")
            == CheckpointConsumer(namespace: "ns.servicebus.windows.net", hub: "payments", consumerGroup: "$default"))
        #expect(CheckpointConsumer(blob: "ns.servicebus.windows.net/payments/$Default/12")?.hub == "payments")
        #expect(CheckpointConsumer(blob: "dapr-payments-billing-0") == CheckpointConsumer(namespace: nil, hub: "payments", consumerGroup: "billing"))
        #expect(CheckpointConsumer(blob: "billing/0")?.description == "-/-/billing")
        #expect(CheckpointConsumer(blob: "ns.servicebus.windows.net/hub/$default/ownership/0") == nil)
        #expect(CheckpointConsumer(blob: "0") == nil)  // the old Go SDK's name says nothing about its consumer
        var counts = OtherConsumerCounts()
        for blob in ["b/0", "b/1", "a/0", "c/0", "c/1", "c/2"] { counts.count(CheckpointConsumer(blob: blob)!) }
        #expect(counts.top(2).map(\.consumer.consumerGroup) == ["c", "b"])
        #expect(counts.top(2).map(\.checkpoints) == [3, 2])
    }
}

@Suite struct NearMissCandidatesTests {
    func candidate(_ group: String, distance: Int, partition: String = "0") -> NearMissCandidates.Candidate {
        let blob = "ns/hub/\(group)/checkpoint/\(partition)"
        return .init(found: RecognisedCheckpoint(container: "checkpoints", blob: blob, layout: .processor, namespace: "ns",
                                                 hub: "hub", consumerGroup: group, partitionId: partition),
                     item: BlobItem(name: blob), distance: distance)
    }

    @Test func keepsTheClosestWhateverTheOrderTheyArriveIn() {
        let all = (0..<20).map { candidate(($0 < 10 ? "g0" : "g") + "\($0)", distance: $0 % 3 + 1) }
        var forward = NearMissCandidates(limit: 4)
        all.forEach { forward.offer($0) }
        var backward = NearMissCandidates(limit: 4)
        all.reversed().forEach { backward.offer($0) }
        let kept = forward.byPartition["0"]?.map(\.found.blob)
        #expect(kept == backward.byPartition["0"]?.map(\.found.blob))
        #expect(forward.byPartition["0"]?.map(\.distance) == [1, 1, 1, 1])
        #expect(kept == ["g00", "g03", "g06", "g09"].map { "ns/hub/\($0)/checkpoint/0" })
        #expect(forward.notKept == ["0": 16])
    }

    @Test func mergingContainersKeepsTheBoundPerPartition() {
        var first = NearMissCandidates(limit: 2)
        [candidate("a", distance: 2), candidate("b", distance: 3), candidate("c", distance: 3), candidate("z", distance: 1, partition: "1")]
            .forEach { first.offer($0) }
        var second = NearMissCandidates(limit: 2)
        [candidate("d", distance: 1), candidate("e", distance: 4)].forEach { second.offer($0) }
        first.merge(second)
        #expect(first.byPartition["0"]?.map(\.found.consumerGroup) == ["d", "a"])
        #expect(first.byPartition["1"]?.count == 1)
        #expect(first.notKept == ["0": 3])
    }
}
