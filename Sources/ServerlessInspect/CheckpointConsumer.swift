/// Who wrote a checkpoint, as far as its blob's name tells: namespace, hub and consumer group. A storage
/// account shared by many apps holds many consumers' checkpoints; only the configured one's can be a
/// partition's near miss, and the others are named only as a hint when it has none at all.
public struct CheckpointConsumer: Hashable, Sendable, Comparable {
    public var namespace: String?
    public var hub: String?
    public var consumerGroup: String?

    public init(namespace: String?, hub: String?, consumerGroup: String?) {
        self.namespace = namespace
        self.hub = hub
        self.consumerGroup = consumerGroup
    }

    /// The consumer a checkpoint blob's name names, in the layouts that carry one (event processor,
    /// Functions v4, Dapr ≤ 1.9, the legacy `{consumerGroup}/{partition}`); ownership blobs and names
    /// that end in no partition number give nil.
    public init?(blob: String) {
        guard let name = CheckpointBlobName(blob), !name.partition.isEmpty, name.partition.allSatisfy(\.isNumber) else { return nil }
        switch name {
        case let .processor(namespace, hub, group, _):
            self.init(namespace: namespace, hub: hub, consumerGroup: group)
        case let .functionsLegacy(namespace, hub, group, _) where namespace.contains("."):
            self.init(namespace: namespace, hub: hub, consumerGroup: group)
        case let .legacyDefault(group, _):
            self.init(namespace: nil, hub: nil, consumerGroup: group)
        case let .dapr(middle, _):
            // Another consumer's hub is not known: split `{hub}-{consumerGroup}` at the first dash.
            guard let dash = middle.firstIndex(of: "-") else { return nil }
            self.init(namespace: nil, hub: String(middle[..<dash]), consumerGroup: String(middle[middle.index(after: dash)...]))
        default:
            return nil
        }
        // Stores differ in casing only; one consumer is one entry.
        namespace = namespace?.lowercased()
        hub = hub?.lowercased()
        consumerGroup = consumerGroup?.lowercased()
    }

    /// `namespace/hub/consumerGroup`, `-` for what the layout does not name.
    public var description: String {
        [namespace, hub, consumerGroup].map { $0 ?? "-" }.joined(separator: "/")
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}

/// How many checkpoints each other consumer has in the containers read, bounded so that a container of
/// millions of blobs cannot grow it without end.
package struct OtherConsumerCounts: Sendable {
    package static let distinctLimit = 10_000
    package private(set) var counts: [CheckpointConsumer: Int] = [:]

    package mutating func count(_ consumer: CheckpointConsumer, by amount: Int = 1) {
        guard counts[consumer] != nil || counts.count < Self.distinctLimit else { return }
        counts[consumer, default: 0] += amount
    }

    package mutating func merge(_ other: OtherConsumerCounts) {
        for (consumer, amount) in other.counts { count(consumer, by: amount) }
    }

    /// The `limit` consumers with the most checkpoints, then by name.
    package func top(_ limit: Int) -> [(consumer: CheckpointConsumer, checkpoints: Int)] {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(limit).map { ($0.key, $0.value) }
    }
}
