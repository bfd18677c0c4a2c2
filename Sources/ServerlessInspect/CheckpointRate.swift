import Foundation
import ServerlessSupport

/// How fast a consumer keeps up, from two `--watch` rounds: events arriving (last enqueued sequence number
/// growth), events checkpointed (checkpoint sequence number growth), and how long until nothing is left
/// unprocessed at those rates. Sequence numbers grow by one per event, so their growth is a count of events.
public struct CheckpointRate: Sendable, Equatable {
    public var inPerSecond: Double
    /// nil when no partition had a readable checkpoint in both rounds.
    public var donePerSecond: Double?
    /// Seconds until unprocessed reaches 0; 0 when nothing is unprocessed; nil when not draining.
    public var drainSeconds: Double?

    public init(inPerSecond: Double, donePerSecond: Double?, drainSeconds: Double?) {
        self.inPerSecond = inPerSecond
        self.donePerSecond = donePerSecond
        self.drainSeconds = drainSeconds
    }

    /// The rates of `unprocessed` events given the growth of both sequence numbers over `seconds`.
    package init(arrived: Int64, done: Int64?, seconds: Double, unprocessed: Int64?) {
        let inRate = Double(arrived) / seconds
        let doneRate = done.map { Double($0) / seconds }
        var drain: Double?
        if let unprocessed {
            if unprocessed <= 0 {
                drain = 0
            } else if let doneRate, doneRate > inRate {
                drain = Double(unprocessed) / (doneRate - inRate)
            }
        }
        self.init(inPerSecond: inRate, donePerSecond: doneRate, drainSeconds: drain)
    }

    /// Per partition (by id) and for the whole trigger, between two reports of the same trigger `seconds` apart.
    /// A partition only in one of them counts in neither; a checkpoint that appeared or vanished counts no progress.
    public static func between(previous: CheckpointReport, current: CheckpointReport, seconds: Double)
        -> (total: CheckpointRate, partitions: [String: CheckpointRate]) {
        guard seconds > 0 else { return (CheckpointRate(inPerSecond: 0, donePerSecond: nil, drainSeconds: nil), [:]) }
        let before = Dictionary(previous.partitions.map { ($0.partitionId, $0) }, uniquingKeysWith: { first, _ in first })
        var partitions: [String: CheckpointRate] = [:]
        var arrived: Int64 = 0
        var done: Int64?
        for partition in current.partitions {
            guard let old = before[partition.partitionId] else { continue }
            let grew = partition.lastEnqueuedSequenceNumber &- old.lastEnqueuedSequenceNumber
            var checkpointed: Int64?
            if let now = partition.checkpointSequenceNumber, let then = old.checkpointSequenceNumber { checkpointed = now &- then }
            partitions[partition.partitionId] = CheckpointRate(arrived: grew, done: checkpointed, seconds: seconds,
                                                                unprocessed: partition.unprocessedEvents)
            arrived &+= grew
            if let checkpointed { done = (done ?? 0) &+ checkpointed }
        }
        let total = CheckpointRate(arrived: arrived, done: done, seconds: seconds, unprocessed: current.totalUnprocessedEvents)
        return (total, partitions)
    }

    /// `inPerSecond`, `donePerSecond`, `drainSeconds` for the JSON (all null before a second round).
    public static func members(_ rate: CheckpointRate?) -> [(key: String, value: Value)] {
        [("inPerSecond", rate.map { .double($0.inPerSecond) } ?? .null),
         ("donePerSecond", rate?.donePerSecond.map(Value.double) ?? .null),
         ("drainSeconds", rate?.drainSeconds.map(Value.double) ?? .null)]
    }

    /// The table's cells: `IN/S`, `DONE/S`, `DRAIN`; `-` where unknown (first round, not draining).
    public static func cells(_ rate: CheckpointRate?) -> [String] {
        guard let rate else { return ["-", "-", "-"] }
        return [number(rate.inPerSecond), rate.donePerSecond.map(number) ?? "-", rate.drainSeconds.map(duration) ?? "-"]
    }

    package static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(format: "%.1f", rounded)
    }

    /// kubectl's short durations: `45s`, `3m20s`, `2h5m`, `3d4h`.
    package static func duration(_ seconds: Double) -> String {
        let total = Int64(seconds.rounded(.up))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" + (total % 60 == 0 ? "" : "\(total % 60)s") }
        if total < 86400 { return "\(total / 3600)h" + (total % 3600 / 60 == 0 ? "" : "\(total % 3600 / 60)m") }
        return "\(total / 86400)d" + (total % 86400 / 3600 == 0 ? "" : "\(total % 86400 / 3600)h")
    }
}
