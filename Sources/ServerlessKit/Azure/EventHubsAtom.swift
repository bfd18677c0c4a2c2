import Foundation

/// The Atom documents of the Event Hubs REST runtime endpoints (research §7.1).
enum EventHubsAtom {
    static let arraysNamespace = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"

    enum Failure: Error, Equatable {
        /// Service Bus answers 200 with an empty `<feed>` for an entity that does not exist.
        case emptyFeed
        case missing(String)
        case notANumber(element: String)
    }

    /// `entry/content/EventHubDescription/PartitionIds/{Arrays}string`, in document order.
    static func partitionIds(_ body: [UInt8], source: String) throws -> [String] {
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
    static func partition(_ body: [UInt8], partitionId: String, source: String) throws -> PartitionRuntimeInfo {
        final class Handler: XMLContentHandler {
            var root: String?
            var fields: [String: String] = [:]
            func start(_ tag: XMLTag) throws { if root == nil { root = tag.name } }
            func end(_ tag: XMLTag, text: String) throws {
                if tag.parent == "PartitionDescription" { fields[tag.name] = text.trimmingSpaces.trimmingNewlines }
            }
        }
        let handler = Handler()
        try XMLReader.parse(body, source: source, handler: handler)
        if handler.root == "feed" { throw Failure.emptyFeed }
        func number(_ name: String) throws -> Int64 {
            guard let text = handler.fields[name] else { throw Failure.missing("PartitionDescription/\(name)") }
            guard let value = Int64(text) else { throw Failure.notANumber(element: name) }
            return value
        }
        let time = handler.fields["LastEnqueuedTimeUtc"].flatMap(AzureTime.parseISO8601)
        return PartitionRuntimeInfo(partitionId: partitionId,
                                    beginningSequenceNumber: try number("BeginSequenceNumber"),
                                    lastEnqueuedSequenceNumber: try number("EndSequenceNumber"),
                                    lastEnqueuedOffset: handler.fields["LastEnqueuedOffset"].flatMap { $0.isEmpty ? nil : $0 },
                                    lastEnqueuedTime: time)
    }
}
