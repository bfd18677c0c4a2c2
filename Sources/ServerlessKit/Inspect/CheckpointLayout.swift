/// The blob layouts checkpoint writers use, as far as a blob's name tells them apart.
public enum CheckpointLayout: String, Sendable, CaseIterable {
    /// Event processor SDKs (.NET, Python, Java, JS, Go v1, Functions extension v5, Dapr ≥ 1.10):
    /// `{namespace}/{hub}/{consumerGroup}/checkpoint/{partition}`, an empty body with metadata.
    case processor
    /// Functions extension v4 and the old EventProcessorHost: `{namespace}/{hub}/{consumerGroup}/{partition}`, JSON.
    case functionsLegacy
    /// The old Go SDK: `{partition}`, JSON.
    case goSdk
    /// Dapr ≤ 1.9: `dapr-{hub}-{consumerGroup}-{partition}`, JSON.
    case dapr
    /// The old Python EPH and others KEDA's default reader serves: `{consumerGroup}/{partition}`, JSON.
    case legacyDefault
}

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
        let segments = blob.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let ours = { (segment: String) in segment.lowercased() == namespace.lowercased() }
        func make(_ layout: CheckpointLayout, _ ns: String?, _ hub: String?, _ group: String?, _ id: String) -> RecognisedCheckpoint? {
            // Without the hub's ids yet (the listing runs beside the Event Hubs requests), any partition number.
            guard partitionIds?.contains(id) ?? (!id.isEmpty && id.allSatisfy(\.isNumber)) else { return nil }
            return RecognisedCheckpoint(container: container, blob: blob, layout: layout, namespace: ns, hub: hub,
                                        consumerGroup: group, partitionId: id)
        }
        switch segments.count {
        case 5 where segments[3].lowercased() == "checkpoint" && ours(segments[0]):
            return make(.processor, segments[0], segments[1], segments[2], segments[4])
        case 4 where ours(segments[0]):
            return make(.functionsLegacy, segments[0], segments[1], segments[2], segments[3])
        case 2:
            return make(.legacyDefault, nil, nil, segments[0], segments[1])
        case 1 where blob.hasPrefix("dapr-"):
            guard let dash = blob.lastIndex(of: "-") else { return nil }
            let id = String(blob[blob.index(after: dash)...])
            let middle = String(blob[blob.index(blob.startIndex, offsetBy: 5)..<dash])
            // Hub names may hold dashes, so split the middle at the hub we know when it is there.
            let hubPrefix = hub.lowercased() + "-"
            if middle.lowercased().hasPrefix(hubPrefix) {
                return make(.dapr, nil, String(middle.prefix(hub.count)), String(middle.dropFirst(hubPrefix.count)), id)
            }
            guard let split = middle.firstIndex(of: "-") else { return nil }
            return make(.dapr, nil, String(middle[..<split]), String(middle[middle.index(after: split)...]), id)
        case 1:
            return make(.goSdk, nil, nil, nil, blob)
        default:
            return nil
        }
    }
}
