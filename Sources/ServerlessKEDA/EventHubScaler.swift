/// One partition as the inspector found it: runtime info and the outcome of reading KEDA's blob.
public struct PartitionInput: Sendable {
    public let partitionID: String
    public let beginningSequenceNumber: Int64
    public let lastEnqueuedSequenceNumber: Int64
    public let checkpoint: CheckpointReadOutcome
    /// KEDA's blob for the partition when the caller already worked it out (else `count` does).
    public let location: Result<CheckpointLocation, CheckpointFailure>?

    public init(partitionID: String, beginningSequenceNumber: Int64, lastEnqueuedSequenceNumber: Int64,
                checkpoint: CheckpointReadOutcome, location: Result<CheckpointLocation, CheckpointFailure>? = nil) {
        self.partitionID = partitionID
        self.beginningSequenceNumber = beginningSequenceNumber
        self.lastEnqueuedSequenceNumber = lastEnqueuedSequenceNumber
        self.checkpoint = checkpoint
        self.location = location
    }
}

/// What came back for the blob at the partition's `CheckpointLocation`.
public enum CheckpointReadOutcome: Sendable, Equatable {
    /// The blob exists: its body and its metadata (names as returned; compared ignoring case).
    case found(body: [UInt8], metadata: [String: String])
    case blobNotFound
    case containerNotFound
    /// Any other failure (status, network, auth); the text must hold no secrets.
    case requestFailed(String)
}

/// A partition's result.
public struct PartitionCount: Sendable, Equatable {
    public let partitionID: String
    public let location: Result<CheckpointLocation, CheckpointFailure>
    /// The checkpoint KEDA read, when it read one.
    public let checkpoint: CheckpointValue?
    /// nil when the partition failed (`failure`).
    public let unprocessedEvents: Int64?
    /// Why KEDA fails the scaler at this partition.
    public let failure: CheckpointFailure?
    /// Counted from the partition's beginning because the blob or container is missing.
    public let countedWithoutCheckpoint: Bool
    /// Last enqueued sequence number -1: KEDA counts 0 without reading the blob.
    public let neverUsed: Bool
}

public struct EventHubScaleResult: Sendable, Equatable {
    public let partitions: [PartitionCount]
    public let decision: ScaleDecision
}

/// KEDA's azure-eventhub scaler as a pure function of its settings and what storage and
/// Event Hubs returned.
public enum EventHubScaler {
    public static func evaluate(settings: EventHubScalerSettings, partitions: [PartitionInput],
                                target: ScaleTarget = .unknownScaledObject) -> EventHubScaleResult {
        let version = settings.kedaVersion
        let counts = partitions.map { count($0, settings: settings) }
        if let failed = counts.first(where: { $0.failure != nil }), let failure = failed.failure {
            let total = UnprocessedEvents.total(counts.compactMap(\.unprocessedEvents))
            return EventHubScaleResult(partitions: counts, decision: ScaleDecision(
                totalUnprocessedEvents: total, metricValue: nil, active: nil, desiredReplicas: nil,
                scalerError: failure.scalerError(for: version)))
        }
        let decision = ScaleDecision.decide(counts: counts.map { $0.unprocessedEvents ?? 0 },
                                            threshold: settings.unprocessedEventThreshold,
                                            activationThreshold: settings.activationUnprocessedEventThreshold,
                                            target: target)
        return EventHubScaleResult(partitions: counts, decision: decision)
    }

    /// One partition, as `GetUnprocessedEventCountInPartition`.
    public static func count(_ input: PartitionInput, settings: EventHubScalerSettings) -> PartitionCount {
        let version = settings.kedaVersion
        let location = input.location ?? settings.checkpointLocation(partitionID: input.partitionID)
        let last = input.lastEnqueuedSequenceNumber
        func result(_ events: Int64?, checkpoint: CheckpointValue? = nil, failure: CheckpointFailure? = nil,
                    withoutCheckpoint: Bool = false, neverUsed: Bool = false) -> PartitionCount {
            PartitionCount(partitionID: input.partitionID, location: location, checkpoint: checkpoint,
                           unprocessedEvents: events, failure: failure, countedWithoutCheckpoint: withoutCheckpoint,
                           neverUsed: neverUsed)
        }
        if last == -1 { return result(0, neverUsed: true) }
        if case .failure(let failure) = location { return result(nil, failure: failure) }

        let failure: CheckpointFailure
        switch input.checkpoint {
        case .found(let body, let metadata):
            switch CheckpointValue.read(reader: settings.reader, body: body, metadata: metadata,
                                        partitionID: input.partitionID, version: version) {
            case .success(let checkpoint):
                if version.countsEmptyOffsetAsLastPlusOne, checkpoint.offset?.isEmpty ?? true {
                    return result(UnprocessedEvents.emptyOffset(lastEnqueued: last), checkpoint: checkpoint)
                }
                return result(UnprocessedEvents.count(checkpoint: checkpoint.sequenceNumber, lastEnqueued: last,
                                                      stalePartitionInfoThreshold: settings.stalePartitionInfoThreshold),
                              checkpoint: checkpoint)
            case .failure(let readFailure):
                failure = readFailure
            }
        case .blobNotFound, .containerNotFound:
            let notFound: CheckpointFailure = input.checkpoint == .blobNotFound ? .blobNotFound : .containerNotFound
            if version.missingCheckpointIsFatal { return result(nil, failure: notFound) }
            return result(UnprocessedEvents.withoutCheckpoint(beginning: input.beginningSequenceNumber, lastEnqueued: last),
                          withoutCheckpoint: true)
        case .requestFailed(let text):
            failure = .requestFailed(text)
        }
        return result(nil, failure: failure)
    }
}
