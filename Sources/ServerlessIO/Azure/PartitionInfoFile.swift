import Foundation
import ServerlessSupport

/// `--partition-info FILE|-`: runtime information given by the user instead of asked from Event Hubs.
/// `[{"partitionId":"0","lastEnqueuedSequenceNumber":150,"beginningSequenceNumber":0}]`;
/// `beginningSequenceNumber` defaults to 0; `lastEnqueuedOffset` (string) and `lastEnqueuedTime`
/// (ISO 8601) are optional; unknown keys are refused so a typo cannot silently become a default.
public enum PartitionInfoFile {
    package static let knownKeys: Set<String> = ["partitionId", "lastEnqueuedSequenceNumber", "beginningSequenceNumber",
                                         "lastEnqueuedOffset", "lastEnqueuedTime"]

    public static func parse(_ bytes: [UInt8], source: String = "--partition-info") throws -> [PartitionRuntimeInfo] {
        let document: Value
        do { document = try JSON.parse(bytes) } catch {
            throw PartitionInfoError(source: source, problem: "is not valid JSON")
        }
        guard case let .array(entries) = document else {
            throw PartitionInfoError(source: source, problem: "must be a JSON array of objects")
        }
        guard !entries.isEmpty else { throw PartitionInfoError(source: source, problem: "lists no partitions") }
        var seen: Set<String> = []
        var partitions: [PartitionRuntimeInfo] = []
        partitions.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let info = try self.entry(entry, number: index + 1, source: source)
            if !seen.insert(info.partitionId).inserted {
                throw PartitionInfoError(source: source, problem: "entry \(index + 1) repeats partitionId \"\(info.partitionId)\"")
            }
            partitions.append(info)
        }
        return partitions
    }

    private static func entry(_ entry: Value, number: Int, source: String) throws -> PartitionRuntimeInfo {
        func problem(_ text: String) -> PartitionInfoError { PartitionInfoError(source: source, problem: "entry \(number): \(text)") }
        guard case let .object(members) = entry else {
            throw PartitionInfoError(source: source, problem: "entry \(number) is not a JSON object")
        }
        if members.contains(where: { !knownKeys.contains($0.key) }),
           let unknown = members.map(\.key).sorted().first(where: { !knownKeys.contains($0) }) {
            throw problem("unknown key \"\(unknown)\" (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        func member(_ key: String) -> Value? { members.last { $0.key == key }?.value }
        func integer(_ key: String) throws -> Int64? {
            guard let value = member(key) else { return nil }
            guard let number = wholeNumber(value) else { throw problem("\(key) must be a whole number") }
            return number
        }
        func text(_ key: String) throws -> String? {
            guard let value = member(key) else { return nil }
            guard case let .string(text) = value else { throw problem("\(key) must be a string") }
            return text
        }
        let partitionId: String
        let id = member("partitionId")
        if case let .string(text)? = id {
            partitionId = text
        } else if let number = id.flatMap(wholeNumber) {
            partitionId = String(number)
        } else {
            throw problem(id == nil ? "partitionId is missing" : "partitionId must be a string such as \"0\"")
        }
        guard !partitionId.isEmpty else { throw problem("partitionId is empty") }
        guard let last = try integer("lastEnqueuedSequenceNumber") else { throw problem("lastEnqueuedSequenceNumber is missing") }
        var time: Date?
        if let value = try text("lastEnqueuedTime") {
            guard let parsed = AzureTime.parseISO8601(value) else { throw problem("lastEnqueuedTime must be an ISO 8601 time") }
            time = parsed
        }
        return PartitionRuntimeInfo(partitionId: partitionId, beginningSequenceNumber: try integer("beginningSequenceNumber") ?? 0,
                                    lastEnqueuedSequenceNumber: last, lastEnqueuedOffset: try text("lastEnqueuedOffset"),
                                    lastEnqueuedTime: time)
    }

    /// A JSON number that is a whole Int64 (`150`, or `150.0` as Foundation's decoder also takes it).
    private static func wholeNumber(_ value: Value) -> Int64? {
        switch value {
        case let .int(number): number
        case let .double(number): Int64(exactly: number)
        default: nil
        }
    }
}

public struct PartitionInfoError: UserFacingError, Equatable {
    public let source: String
    public let problem: String
    public var category: FailureCategory { .input }
    public var message: String { "\(source) \(problem)" }
    public var hint: String? {
        #"expected [{"partitionId":"0","lastEnqueuedSequenceNumber":150,"beginningSequenceNumber":0}]"#
    }
}
