import Foundation

/// The Atom documents of the Event Hubs REST runtime endpoints (learn.microsoft.com Event Hubs REST: get-event-hub, get-partition-runtime-metadata, list-partition-runtime-metadata).
package enum EventHubsAtom {
    package static let arraysNamespace = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"

    package enum Failure: Error, Equatable {
        /// Service Bus answers 200 with an empty `<feed>` for an entity that does not exist.
        case emptyFeed
        case missing(String)
        case notANumber(element: String)
    }

    /// `entry/content/EventHubDescription/PartitionIds/{Arrays}string`, in document order.
    package static func partitionIds(_ body: [UInt8], source: String) throws -> [String] {
        final class Handler: XMLContentHandler {
            var root: String?
            var sawPartitionIds = false
            var ids: [String] = []
            func start(_ tag: XMLTag) throws {
                if root == nil { root = tag.name }
                if tag.name == "PartitionIds" && tag.parent == "EventHubDescription" { sawPartitionIds = true }
            }
            func end(_ tag: XMLTag, text: String) throws {
                if tag.name == "string", tag.parent == "PartitionIds", tag.namespace == EventHubsAtom.arraysNamespace {
                    ids.append(text.trimmingSpaces.trimmingNewlines)
                }
            }
        }
        let handler = Handler()
        try XMLReader.parse(body, source: source, handler: handler)
        if handler.root == "feed" { throw Failure.emptyFeed }
        guard handler.sawPartitionIds else { throw Failure.missing("EventHubDescription/PartitionIds") }
        return handler.ids
    }

    /// `entry/content/PartitionDescription`: BeginSequenceNumber, EndSequenceNumber (the last enqueued
    /// sequence number), LastEnqueuedOffset, LastEnqueuedTimeUtc.
    package static func partition(_ body: [UInt8], partitionId: String, source: String) throws -> PartitionRuntimeInfo {
        let handler = PartitionEntries()
        try XMLReader.parse(body, source: source, handler: handler)
        if handler.root == "feed" { throw Failure.emptyFeed }
        guard let fields = handler.entries.first?.fields else { throw Failure.missing("PartitionDescription") }
        return try runtimeInfo(fields, partitionId: partitionId)
    }

    /// The feed of every partition (`.../consumergroups/{cg}/partitions`): each entry's title is its
    /// partition id. Entries that cannot be read are left out; the caller asks for those one by one.
    package static func partitionsFeed(_ body: [UInt8], source: String) throws -> [String: PartitionRuntimeInfo] {
        let handler = PartitionEntries()
        try XMLReader.parse(body, source: source, handler: handler)
        var partitions: [String: PartitionRuntimeInfo] = [:]
        for entry in handler.entries {
            guard let id = entry.title, let info = try? runtimeInfo(entry.fields, partitionId: id) else { continue }
            partitions[id] = info
        }
        return partitions
    }

    private static func runtimeInfo(_ fields: [String: String], partitionId: String) throws -> PartitionRuntimeInfo {
        func number(_ name: String) throws -> Int64 {
            guard let text = fields[name] else { throw Failure.missing("PartitionDescription/\(name)") }
            guard let value = Int64(text) else { throw Failure.notANumber(element: name) }
            return value
        }
        return PartitionRuntimeInfo(partitionId: partitionId,
                                    beginningSequenceNumber: try number("BeginSequenceNumber"),
                                    lastEnqueuedSequenceNumber: try number("EndSequenceNumber"),
                                    lastEnqueuedOffset: fields["LastEnqueuedOffset"].flatMap { $0.isEmpty ? nil : $0 },
                                    lastEnqueuedTime: fields["LastEnqueuedTimeUtc"].flatMap(AzureTime.parseISO8601))
    }

    /// Collects the PartitionDescription fields of each Atom entry, with the entry's title.
    private final class PartitionEntries: XMLContentHandler {
        struct Entry {
            var title: String?
            var fields: [String: String] = [:]
        }
        var root: String?
        var entries: [Entry] = []

        func start(_ tag: XMLTag) throws {
            if root == nil { root = tag.name }
            if tag.name == "entry" { entries.append(Entry()) }
        }

        func end(_ tag: XMLTag, text: String) throws {
            guard !entries.isEmpty else { return }
            // Only the fields kept are trimmed (the feed's other elements carry whole subtrees of text).
            if tag.name == "title", tag.parent == "entry" { entries[entries.count - 1].title = text.trimmingSpaces.trimmingNewlines }
            if tag.parent == "PartitionDescription" { entries[entries.count - 1].fields[tag.name] = text.trimmingSpaces.trimmingNewlines }
        }
    }
}
