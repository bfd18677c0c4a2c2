import Testing
@testable import ServerlessKEDA
@testable import ServerlessSupport

/// KEDA's checkpoint payloads (pkg/scalers/azure/azure_eventhub_test.go, TestCheckpointFromBlobStorage*) through the whole scaler, and the version differences that change the result.
@Suite("KEDA azure-eventhub scaler")
struct EventHubScalerTests {
    static let connection = "Endpoint=sb://eventhubnamespace.servicebus.windows.net/;EntityPath=hub"

    static func settings(_ metadata: [String: String], version: KEDAVersion = .newest) throws -> EventHubScalerSettings {
        try EventHubScalerSettings(parsing: EventHubTriggerMetadata(
            metadata: metadata, authParams: ["connection": connection, "storageConnection": "UseDevelopmentStorage=true"]),
            version: version)
    }

    static func found(_ body: String, _ metadata: [String: String] = [:]) -> CheckpointReadOutcome {
        .found(body: Array(body.utf8), metadata: metadata)
    }

    // KEDA's payload tests: every case reads sequence number 1 and its partition id.
    @Test(arguments: [
        ([String: String](), "0", #"{"SequenceNumber":1,"PartitionId":"0","Owner":"","Token":"","Epoch":0}"#, [String: String]()),
        (["blobContainer": "defaultcontainer", "consumerGroup": "$Default2"], "1",
         #"{"SequenceNumber":1,"PartitionId":"1","Owner":"","Token":"","Epoch":0}"#, [:]),
        (["blobContainer": "defaultcontainer", "consumerGroup": "$Default3"], "2",
         #"{"sequence_number":1,"partition_id":"2","owner":"","token":"","epoch":0}"#, [:]),
        (["checkpointStrategy": "blobMetadata", "blobContainer": "c"], "4", "", ["sequencenumber": "1"]),
        (["checkpointStrategy": "goSdk", "blobContainer": "c"], "0",
         #"{"partitionID":"0","epoch":0,"owner":"","checkpoint":{"sequenceNumber":1,"enqueueTime":""},"state":"","token":""}"#, [:]),
        (["checkpointStrategy": "dapr", "blobContainer": "c", "consumerGroup": "$default"], "0",
         #"{"partitionID":"0","epoch":0,"owner":"","checkpoint":{"sequenceNumber":1,"enqueueTime":""},"state":"","token":""}"#, [:]),
    ])
    func payloads(metadata: [String: String], partition: String, body: String, blobMetadata: [String: String]) throws {
        let settings = try Self.settings(metadata)
        let count = EventHubScaler.count(PartitionInput(partitionID: partition, beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10,
                                                        checkpoint: Self.found(body, blobMetadata)), settings: settings)
        #expect(count.checkpoint == CheckpointValue(sequenceNumber: 1, partitionID: partition))
        #expect(count.unprocessedEvents == 9)
    }

    @Test func payloadBlobNames() throws {
        #expect(try Self.settings(["blobContainer": "defaultcontainer", "consumerGroup": "$Default2"]).checkpointLocation(partitionID: "1").get().blobName == "$Default2/1")
        #expect(try Self.settings(["consumerGroup": "$Default1"]).checkpointLocation(partitionID: "0").get().blobName
            == "eventhubnamespace.servicebus.windows.net/hub/$Default1/0")
        #expect(try Self.settings(["checkpointStrategy": "blobMetadata", "blobContainer": "c"]).checkpointLocation(partitionID: "4").get().blobName
            == "eventhubnamespace.servicebus.windows.net/hub/$default/checkpoint/4")
        #expect(try Self.settings(["checkpointStrategy": "dapr", "blobContainer": "c", "consumerGroup": "$default"]).checkpointLocation(partitionID: "0").get().blobName
            == "dapr-hub-$default-0")
    }

    @Test func defaultReaderMerge() {
        func read(_ body: String) -> Int64? {
            try? CheckpointValue.read(reader: .default, body: Array(body.utf8), metadata: [:], partitionID: "0", version: .newest).get().sequenceNumber
        }
        #expect(read(#"{"SequenceNumber":5,"sequence_number":7}"#) == 5)
        #expect(read(#"{"SequenceNumber":0,"sequence_number":7}"#) == 7)
        #expect(read(#"{"sequence_number":"7"}"#) == nil)
    }

    @Test func blobMetadataValues() {
        func read(_ metadata: [String: String], _ version: KEDAVersion = .newest) -> Result<CheckpointValue, CheckpointFailure> {
            CheckpointValue.read(reader: .blobMetadata, body: [], metadata: metadata, partitionID: "3", version: version)
        }
        #expect(read(["Sequencenumber": "+42", "offset": "100"]) == .success(CheckpointValue(sequenceNumber: 42, partitionID: "3")))
        #expect(read(["SequenceNumber": "-7"]) == .success(CheckpointValue(sequenceNumber: -7, partitionID: "3")))
        #expect(read([:]) == .failure(.sequenceNumberMissing))
        #expect(read([:]).failureText == "sequencenumber on blob not found")
        #expect(read(["sequencenumber": " 1"]).failureText == #"sequencenumber is not a valid int64 value: strconv.ParseInt: parsing " 1": invalid syntax"#)
        #expect(read(["sequencenumber": "9223372036854775808"]).failureText
            == #"sequencenumber is not a valid int64 value: strconv.ParseInt: parsing "9223372036854775808": value out of range"#)
        // Up to v2.14 a missing key is C = 0 without error.
        #expect(read(["offset": "5"], KEDAVersion(2, 14, 1)) == .success(CheckpointValue(sequenceNumber: 0, partitionID: "3")))
    }

    @Test func wholeScalerHappyPath() throws {
        let settings = try Self.settings(["checkpointStrategy": "blobMetadata", "blobContainer": "c", "unprocessedEventThreshold": "64"])
        let result = EventHubScaler.evaluate(settings: settings, partitions: [
            PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 59692,
                           checkpoint: Self.found("", ["sequencenumber": "969"])),
            PartitionInput(partitionID: "1", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10, checkpoint: .blobNotFound),
            PartitionInput(partitionID: "2", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: -1, checkpoint: .requestFailed("ignored")),
        ])
        #expect(result.partitions.map(\.unprocessedEvents) == [58723, 11, 0])
        #expect(result.partitions[1].countedWithoutCheckpoint)
        #expect(result.partitions[2].neverUsed)
        #expect(result.decision == ScaleDecision(totalUnprocessedEvents: 58734, metricValue: 192, active: true, desiredReplicas: 3, scalerError: nil))
    }

    @Test func fatalPartitionGivesScalerError() throws {
        let settings = try Self.settings([:])
        let result = EventHubScaler.evaluate(settings: settings, partitions: [
            PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10, checkpoint: Self.found(#"{"SequenceNumber":4}"#)),
            PartitionInput(partitionID: "1", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10, checkpoint: Self.found("")),
            PartitionInput(partitionID: "2", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10, checkpoint: .requestFailed("403")),
        ])
        #expect(result.decision.scalerError
            == "unable to get unprocessedEventCount for metrics: unable to get checkpoint from storage: failed to decode blob data: unexpected end of JSON input")
        #expect(result.decision.metricValue == nil)
        #expect(result.decision.active == nil)
        #expect(result.decision.desiredReplicas == nil)
        #expect(result.decision.totalUnprocessedEvents == 6)
    }

    @Test func missingBlobIsFatalIn2_15() throws {
        let partitions = [PartitionInput(partitionID: "7", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 3, checkpoint: .blobNotFound)]
        let metadata = ["checkpointStrategy": "blobMetadata", "blobContainer": "c"]
        for version in [KEDAVersion(2, 15, 0), KEDAVersion(2, 15, 1)] {
            let result = EventHubScaler.evaluate(settings: try Self.settings(metadata, version: version), partitions: partitions)
            #expect(result.decision.scalerError == "unable to get unprocessedEventCount for metrics: unable to get checkpoint from storage: %!w(<nil>)")
        }
        for version in [KEDAVersion(2, 14, 1), KEDAVersion(2, 16, 0), .newest] {
            let result = EventHubScaler.evaluate(settings: try Self.settings(metadata, version: version), partitions: partitions)
            #expect(result.decision.scalerError == nil)
            #expect(result.decision.metricValue == 4)
        }
        // 2.15 unwraps: a decode error loses its "failed to decode blob data" prefix.
        let decode = EventHubScaler.evaluate(settings: try Self.settings([:], version: KEDAVersion(2, 15, 1)), partitions: [
            PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 3, checkpoint: Self.found("x"))])
        #expect(decode.decision.scalerError
            == "unable to get unprocessedEventCount for metrics: unable to get checkpoint from storage: invalid character 'x' looking for beginning of value")
        let missingKey = EventHubScaler.evaluate(settings: try Self.settings(metadata, version: KEDAVersion(2, 15, 1)), partitions: [
            PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 3, checkpoint: Self.found("", [:]))])
        #expect(missingKey.decision.scalerError == "unable to get unprocessedEventCount for metrics: unable to get checkpoint from storage: %!w(<nil>)")
    }

    @Test func emptyOffsetCountsLastPlusOneBefore2_14() throws {
        // v2.13.0 "Empty checkpoint": offset "", sequence 0, L = 1 -> 2; from v2.14 (C = 0, L = 1) -> 1.
        let partitions = [PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 1,
                                         checkpoint: Self.found(#"{"SequenceNumber":0,"Offset":""}"#))]
        #expect(EventHubScaler.evaluate(settings: try Self.settings([:], version: KEDAVersion(2, 13, 0)), partitions: partitions)
            .partitions[0].unprocessedEvents == 2)
        #expect(EventHubScaler.evaluate(settings: try Self.settings([:], version: KEDAVersion(2, 14, 0)), partitions: partitions)
            .partitions[0].unprocessedEvents == 1)
        // With an offset the pre-2.14 count is the usual L - C.
        let withOffset = [PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10,
                                         checkpoint: Self.found(#"{"SequenceNumber":4,"Offset":"400"}"#))]
        #expect(EventHubScaler.evaluate(settings: try Self.settings([:], version: KEDAVersion(2, 13, 0)), partitions: withOffset)
            .partitions[0].unprocessedEvents == 6)
        // #5574: blobMetadata with no offset (null offset written by Azure.Messaging.EventHubs 5.11).
        let metadata = ["checkpointStrategy": "blobMetadata", "blobContainer": "c"]
        let nullOffset = [PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10,
                                         checkpoint: Self.found("", ["sequencenumber": "10"]))]
        #expect(EventHubScaler.evaluate(settings: try Self.settings(metadata, version: KEDAVersion(2, 13, 1)), partitions: nullOffset)
            .partitions[0].unprocessedEvents == 11)
        #expect(EventHubScaler.evaluate(settings: try Self.settings(metadata, version: KEDAVersion(2, 14, 0)), partitions: nullOffset)
            .partitions[0].unprocessedEvents == 0)
    }

    @Test func thresholdZeroPanicsBefore2_20() throws {
        let settings = try Self.settings(["unprocessedEventThreshold": "0"], version: KEDAVersion(2, 19, 0))
        let result = EventHubScaler.evaluate(settings: settings, partitions: [
            PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10, checkpoint: .blobNotFound)])
        #expect(result.decision.scalerError?.contains("integer divide by zero") == true)
        #expect(result.decision.metricValue == nil)
    }

    @Test func invalidPathIsFatal() throws {
        let settings = try EventHubScalerSettings(parsing: EventHubTriggerMetadata(
            metadata: ["consumerGroup": "cg%zz"], authParams: ["connection": Self.connection, "storageConnection": "x"]))
        let result = EventHubScaler.evaluate(settings: settings, partitions: [
            PartitionInput(partitionID: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 10, checkpoint: .blobNotFound)])
        #expect(result.decision.scalerError == #"unable to get unprocessedEventCount for metrics: unable to get checkpoint from storage: parse "eventhubnamespace.servicebus.windows.net/hub/cg%zz/0": invalid URL escape "%zz""#)
    }
}

private extension Result where Failure == CheckpointFailure {
    var failureText: String? {
        if case .failure(let failure) = self { return failure.kedaText }
        return nil
    }
}
