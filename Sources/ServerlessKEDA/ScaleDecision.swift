/// What KEDA and the HPA make of the partitions' counts.
public struct ScaleDecision: Equatable, Sendable {
    /// Sum of the counted partitions, with KEDA's overflow guard (KEDA itself stops at the first
    /// failing partition; the sum of the readable ones is kept for display).
    public let totalUnprocessedEvents: Int64
    /// The metric after the partition-count cap; nil when KEDA raises `scalerError`.
    public let metricValue: Int64?
    /// `total > activationUnprocessedEventThreshold` (on the uncapped total).
    public let active: Bool?
    public let desiredReplicas: Int?
    /// The error KEDA raises for the whole metric, in its words.
    public let scalerError: String?

    public init(totalUnprocessedEvents: Int64, metricValue: Int64?, active: Bool?, desiredReplicas: Int?, scalerError: String?) {
        self.totalUnprocessedEvents = totalUnprocessedEvents
        self.metricValue = metricValue
        self.active = active
        self.desiredReplicas = desiredReplicas
        self.scalerError = scalerError
    }
}

/// What is being scaled, with the replica bounds when known.
public enum ScaleTarget: Equatable, Sendable {
    case scaledObject(minReplicas: Int?, maxReplicas: Int?)
    case scaledJob(maxReplicas: Int?)

    public static let unknownScaledObject = ScaleTarget.scaledObject(minReplicas: nil, maxReplicas: nil)
}

extension ScaleDecision {
    /// The decision for partition counts that all succeeded (`counts` in partition order).
    public static func decide(counts: [Int64], threshold: Int64, activationThreshold: Int64,
                              target: ScaleTarget = .unknownScaledObject) -> ScaleDecision {
        let total = UnprocessedEvents.total(counts)
        guard let metric = UnprocessedEvents.lagRelatedToPartitionCount(
            total: total, partitionCount: Int64(counts.count), threshold: threshold) else {
            return ScaleDecision(totalUnprocessedEvents: total, metricValue: nil, active: nil, desiredReplicas: nil,
                                 scalerError: "KEDA panics: runtime error: integer divide by zero (unprocessedEventThreshold is 0)")
        }
        let active = total > activationThreshold
        return ScaleDecision(totalUnprocessedEvents: total, metricValue: metric, active: active,
                             desiredReplicas: desiredReplicas(metric: metric, threshold: threshold, active: active, target: target),
                             scalerError: nil)
    }

    /// HPA AverageValue without a current replica count: `ceil(metric / threshold)`, at least 1
    /// when active, clamped to the known bounds; when not active, the minimum (0 unless known).
    /// ScaledJob: `min(ceil(queue / target), max)`. nil for a non-positive threshold, which the
    /// HPA would not accept as a target.
    package static func desiredReplicas(metric: Int64, threshold: Int64, active: Bool, target: ScaleTarget) -> Int? {
        guard threshold > 0 else { return nil }
        let wanted = metric <= 0 ? 0 : metric / threshold + (metric % threshold == 0 ? 0 : 1)
        func asInt(_ value: Int64) -> Int { Int(clamping: value) }
        switch target {
        case .scaledObject(let minReplicas, let maxReplicas):
            let floor = minReplicas ?? 0
            guard active else { return floor }
            var replicas = max(asInt(wanted), floor, 1)
            if let maxReplicas { replicas = min(replicas, maxReplicas) }
            return replicas
        case .scaledJob(let maxReplicas):
            guard active else { return 0 }
            let replicas = asInt(wanted)
            return maxReplicas.map { min(replicas, $0) } ?? replicas
        }
    }
}
