import ServerlessKEDA

/// A blob whose name says it is a checkpoint for one partition of one of our hub's layouts.
public struct RecognisedCheckpoint: Sendable, Equatable {
    public var container: String
    public var blob: String
    public var layout: CheckpointLayout
    public var namespace: String?
    public var hub: String?
    public var consumerGroup: String?
    public var partitionId: String

    /// Whether this is the configured consumer's checkpoint: the same hub and consumer group where the
    /// name carries them, in any casing (writers and KEDA's readers differ only there). Another consumer
    /// group's or hub's checkpoint is never a near miss, whatever setting would make KEDA read it.
    public func belongs(toHub hubName: String, consumerGroup group: String) -> Bool {
        (hub.map { $0.lowercased() == hubName.lowercased() } ?? true)
            && (consumerGroup.map { $0.lowercased() == group.lowercased() } ?? true)
    }

    /// Reads `blob` against the namespace being inspected (other namespaces' checkpoints are not ours)
    /// and the partition ids the hub has (nil: any number). Ownership blobs and anything else give nil.
    public static func recognise(container: String, blob: String, namespace: String, hub: String,
                                 partitionIds: Set<String>?) -> RecognisedCheckpoint? {
        let ours = { (segment: String) in segment.lowercased() == namespace.lowercased() }
        func make(_ layout: CheckpointLayout, _ ns: String?, _ hub: String?, _ group: String?, _ id: String) -> RecognisedCheckpoint? {
            // Without the hub's ids yet (the listing runs beside the Event Hubs requests), any partition number.
            guard partitionIds?.contains(id) ?? (!id.isEmpty && id.allSatisfy(\.isNumber)) else { return nil }
            return RecognisedCheckpoint(container: container, blob: blob, layout: layout, namespace: ns, hub: hub,
                                        consumerGroup: group, partitionId: id)
        }
        switch CheckpointBlobName(blob) {
        case let .processor(ns, hubName, group, id)? where ours(ns):
            return make(.processor, ns, hubName, group, id)
        case let .functionsLegacy(ns, hubName, group, id)? where ours(ns):
            return make(.functionsLegacy, ns, hubName, group, id)
        case let .legacyDefault(group, id)?:
            return make(.legacyDefault, nil, nil, group, id)
        case let .dapr(middle, id)?:
            // Hub names may hold dashes, so split the middle at the hub we know when it is there.
            let hubPrefix = hub.lowercased() + "-"
            if middle.lowercased().hasPrefix(hubPrefix) {
                return make(.dapr, nil, String(middle.prefix(hub.count)), String(middle.dropFirst(hubPrefix.count)), id)
            }
            guard let split = middle.firstIndex(of: "-") else { return nil }
            return make(.dapr, nil, String(middle[..<split]), String(middle[middle.index(after: split)...]), id)
        case let .goSdk(name)?:
            return make(.goSdk, nil, nil, nil, name)
        default:
            return nil
        }
    }
}

/// The parts a checkpoint blob's name holds in each layout, before anyone asks whose it is: the one place
/// names are split, for this hub's near misses and for the other consumers' count alike.
package enum CheckpointBlobName: Equatable {
    /// `{namespace}/{hub}/{consumerGroup}/checkpoint/{partition}`
    case processor(namespace: String, hub: String, consumerGroup: String, partition: String)
    /// `{namespace}/{hub}/{consumerGroup}/{partition}`
    case functionsLegacy(namespace: String, hub: String, consumerGroup: String, partition: String)
    /// `{consumerGroup}/{partition}`
    case legacyDefault(consumerGroup: String, partition: String)
    /// `dapr-{hub}-{consumerGroup}-{partition}`: `middle` is `{hub}-{consumerGroup}`, which only a known hub
    /// splits for certain (hub names may hold dashes).
    case dapr(middle: String, partition: String)
    /// `{partition}`
    case goSdk(name: String)

    package init?(_ blob: String) {
        let segments = blob.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch segments.count {
        case 5 where segments[3].lowercased() == "checkpoint":
            self = .processor(namespace: segments[0], hub: segments[1], consumerGroup: segments[2], partition: segments[4])
        case 4:
            self = .functionsLegacy(namespace: segments[0], hub: segments[1], consumerGroup: segments[2], partition: segments[3])
        case 2:
            self = .legacyDefault(consumerGroup: segments[0], partition: segments[1])
        case 1 where blob.hasPrefix("dapr-"):
            // `dapr-5` and `dapr-` have no middle: not a Dapr name (and no range to cut).
            let afterPrefix = blob.index(blob.startIndex, offsetBy: 5)
            guard let dash = blob.lastIndex(of: "-"), dash >= afterPrefix else { return nil }
            self = .dapr(middle: String(blob[afterPrefix..<dash]), partition: String(blob[blob.index(after: dash)...]))
        case 1:
            self = .goSdk(name: blob)
        default:
            return nil
        }
    }

    /// The partition number the name ends in (unchecked).
    package var partition: String {
        switch self {
        case let .processor(_, _, _, partition), let .functionsLegacy(_, _, _, partition),
             let .legacyDefault(_, partition), let .dapr(_, partition):
            partition
        case let .goSdk(name):
            name
        }
    }
}
