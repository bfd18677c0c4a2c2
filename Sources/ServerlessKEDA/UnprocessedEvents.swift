/// KEDA's unprocessed-event arithmetic, with Go's wrapping int64 operations where Go wraps.
public enum UnprocessedEvents {
    /// Events after checkpoint `checkpoint` in a partition whose last enqueued sequence number is
    /// `lastEnqueued` (`calculateUnprocessedEvents`). A checkpoint ahead of the partition is read
    /// as a wrap of the sequence space; results above `MAX - stale` count as stale partition info.
    public static func count(checkpoint: Int64, lastEnqueued: Int64, stalePartitionInfoThreshold: Int64) -> Int64 {
        let count = lastEnqueued >= checkpoint
            ? lastEnqueued &- checkpoint
            : (Int64.max &- checkpoint) &+ lastEnqueued
        return count > Int64.max &- stalePartitionInfoThreshold ? 0 : count
    }

    /// Events in a partition with no checkpoint blob (`GetUnprocessedEventCountWithoutCheckpoint`).
    /// Not clamped: a beginning past the last enqueued number gives 0 or less.
    public static func withoutCheckpoint(beginning: Int64, lastEnqueued: Int64) -> Int64 {
        if (beginning == 0 && lastEnqueued == 0) || beginning != lastEnqueued {
            return (lastEnqueued &- beginning) &+ 1
        }
        return 0
    }

    /// Before v2.14 a checkpoint with an empty offset counted everything: `L + 1`.
    public static func emptyOffset(lastEnqueued: Int64) -> Int64 { lastEnqueued &+ 1 }

    /// The sum KEDA scales on: a negative (overflowed) sum becomes `Int64.max`.
    public static func total(_ counts: [Int64]) -> Int64 {
        let sum = counts.reduce(Int64(0), &+)
        return sum < 0 ? Int64.max : sum
    }

    /// `getTotalLagRelatedToPartitionAmount`: `P * T` once `total / T` (integer division) exceeds P.
    /// nil when `threshold` is 0, where Go panics with an integer divide by zero.
    public static func lagRelatedToPartitionCount(total: Int64, partitionCount: Int64, threshold: Int64) -> Int64? {
        guard threshold != 0 else { return nil }
        // Go defines MIN / -1 as MIN; Swift would trap.
        let quotient = (total == Int64.min && threshold == -1) ? Int64.min : total / threshold
        return quotient > partitionCount ? partitionCount &* threshold : total
    }
}
