import Foundation

/// `--partition-info FILE|-`: runtime information given by the user instead of asked from Event Hubs.
/// `[{"partitionId":"0","lastEnqueuedSequenceNumber":150,"beginningSequenceNumber":0}]`;
/// `beginningSequenceNumber` defaults to 0; `lastEnqueuedOffset` (string) and `lastEnqueuedTime`
/// (ISO 8601) are optional; unknown keys are refused so a typo cannot silently become a default.
public enum PartitionInfoFile {
    static let knownKeys: Set<String> = ["partitionId", "lastEnqueuedSequenceNumber", "beginningSequenceNumber",
                                         "lastEnqueuedOffset", "lastEnqueuedTime"]

    public static func parse(_ bytes: [UInt8], source: String = "--partition-info") throws -> [PartitionRuntimeInfo] {
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: Data(bytes))
        } catch let error as PartitionInfoError {
            throw PartitionInfoError(source: source, problem: error.problem)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw PartitionInfoError(source: source, problem: "must be a JSON array of objects")
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.count == 1 {
            throw PartitionInfoError(source: source, problem: "entry \((context.codingPath[0].intValue ?? 0) + 1) is not a JSON object")
        } catch {
            throw PartitionInfoError(source: source, problem: "is not valid JSON")
        }
        guard !entries.isEmpty else { throw PartitionInfoError(source: source, problem: "lists no partitions") }
        var seen: Set<String> = []
        for (index, entry) in entries.enumerated() where !seen.insert(entry.info.partitionId).inserted {
            throw PartitionInfoError(source: source, problem: "entry \(index + 1) repeats partitionId \"\(entry.info.partitionId)\"")
        }
        return entries.map(\.info)
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct Entry: Decodable {
        let info: PartitionRuntimeInfo

        init(from decoder: Decoder) throws {
            let index = decoder.codingPath.last?.intValue ?? 0
            func problem(_ text: String) -> PartitionInfoError { PartitionInfoError(source: "", problem: "entry \(index + 1): \(text)") }
            let container: KeyedDecodingContainer<AnyKey>
            do { container = try decoder.container(keyedBy: AnyKey.self) } catch {
                throw PartitionInfoError(source: "", problem: "entry \(index + 1) is not a JSON object")
            }
            if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !knownKeys.contains($0) }) {
                throw problem("unknown key \"\(unknown)\" (known: \(knownKeys.sorted().joined(separator: ", ")))")
            }
            func integer(_ key: String) throws -> Int64? {
                guard container.contains(AnyKey(stringValue: key)) else { return nil }
                do { return try container.decode(Int64.self, forKey: AnyKey(stringValue: key)) } catch {
                    throw problem("\(key) must be a whole number")
                }
            }
            func text(_ key: String) throws -> String? {
                guard container.contains(AnyKey(stringValue: key)) else { return nil }
                do { return try container.decode(String.self, forKey: AnyKey(stringValue: key)) } catch {
                    throw problem("\(key) must be a string")
                }
            }
            let partitionId: String
            if let id = try? container.decode(String.self, forKey: AnyKey(stringValue: "partitionId")) {
                partitionId = id
            } else if let id = try? container.decode(Int64.self, forKey: AnyKey(stringValue: "partitionId")) {
                partitionId = String(id)
            } else {
                throw problem(container.contains(AnyKey(stringValue: "partitionId"))
                              ? "partitionId must be a string such as \"0\"" : "partitionId is missing")
            }
            guard !partitionId.isEmpty else { throw problem("partitionId is empty") }
            guard let last = try integer("lastEnqueuedSequenceNumber") else { throw problem("lastEnqueuedSequenceNumber is missing") }
            var time: Date?
            if let value = try text("lastEnqueuedTime") {
                guard let parsed = AzureTime.parseISO8601(value) else { throw problem("lastEnqueuedTime must be an ISO 8601 time") }
                time = parsed
            }
            info = PartitionRuntimeInfo(partitionId: partitionId, beginningSequenceNumber: try integer("beginningSequenceNumber") ?? 0,
                                        lastEnqueuedSequenceNumber: last, lastEnqueuedOffset: try text("lastEnqueuedOffset"),
                                        lastEnqueuedTime: time)
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
