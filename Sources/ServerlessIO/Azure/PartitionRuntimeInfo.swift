import Foundation

/// What Event Hubs says about one partition: the figures KEDA's math needs.
public struct PartitionRuntimeInfo: Sendable, Equatable {
    public var partitionId: String
    public var beginningSequenceNumber: Int64
    /// -1 for a partition that never received an event.
    public var lastEnqueuedSequenceNumber: Int64
    public var lastEnqueuedOffset: String?
    public var lastEnqueuedTime: Date?

    public init(partitionId: String, beginningSequenceNumber: Int64, lastEnqueuedSequenceNumber: Int64,
                lastEnqueuedOffset: String? = nil, lastEnqueuedTime: Date? = nil) {
        self.partitionId = partitionId
        self.beginningSequenceNumber = beginningSequenceNumber
        self.lastEnqueuedSequenceNumber = lastEnqueuedSequenceNumber
        self.lastEnqueuedOffset = lastEnqueuedOffset
        self.lastEnqueuedTime = lastEnqueuedTime
    }
}
