import ServerlessSupport

/// A checkpoint as KEDA reads it from the blob.
public struct CheckpointValue: Equatable, Sendable {
    /// 0 when the blob has no sequence number (JSON strategies).
    public let sequenceNumber: Int64
    public let partitionID: String
    /// Only read before v2.14, where an empty offset meant "nothing processed" (L + 1).
    public let offset: String?

    public init(sequenceNumber: Int64, partitionID: String = "", offset: String? = nil) {
        self.sequenceNumber = sequenceNumber
        self.partitionID = partitionID
        self.offset = offset
    }

    /// Reads the checkpoint the way `reader` does at `version`, in its strategy's value format: a JSON body,
    /// or the blob metadata (keys compared ignoring case, as azblob canonicalises header names).
    public static func read(reader: CheckpointReader, body: [UInt8], metadata: [String: String],
                            partitionID: String, version: KEDAVersion) -> Result<CheckpointValue, CheckpointFailure> {
        let withOffset = version.countsEmptyOffsetAsLastPlusOne
        switch reader.strategy.value {
        case .metadata:
            return fromMetadata(metadata, partitionID: partitionID, version: version)
        case .functionsJSON:
            return decode(body, CheckpointShapes.checkpoint(withOffset)).map { fields in
                CheckpointValue(sequenceNumber: fields.int("SequenceNumber"), partitionID: fields.string("PartitionId"),
                                offset: withOffset ? fields.string("Offset") : nil)
            }
        case .goJSON:
            return decode(body, CheckpointShapes.goCheckpoint(withOffset)).map { fields in
                let inner = fields.object("checkpoint")
                return CheckpointValue(sequenceNumber: inner.int("sequenceNumber"), partitionID: fields.string("partitionId"),
                                       offset: withOffset ? inner.string("offset") : nil)
            }
        case .csharpOrPythonJSON:
            // Decoded twice, then merged: each C# field keeps its value unless it is zero.
            let csharp: [String: GoJSON.Value]
            switch decode(body, CheckpointShapes.checkpoint(withOffset)) {
            case .success(let fields): csharp = fields
            case .failure(let failure): return .failure(failure)
            }
            let python: [String: GoJSON.Value]
            switch decode(body, CheckpointShapes.pythonCheckpoint(withOffset)) {
            case .success(let fields): python = fields
            case .failure(let failure): return .failure(failure)
            }
            let sequence = csharp.int("SequenceNumber") != 0 ? csharp.int("SequenceNumber") : python.int("sequence_number")
            let partition = !csharp.string("PartitionId").isEmpty ? csharp.string("PartitionId") : python.string("partition_id")
            let offset = !csharp.string("Offset").isEmpty ? csharp.string("Offset") : python.string("Offset")
            return .success(CheckpointValue(sequenceNumber: sequence, partitionID: partition, offset: withOffset ? offset : nil))
        }
    }

    private static func decode(_ body: [UInt8], _ type: GoJSON.StructType) -> Result<[String: GoJSON.Value], CheckpointFailure> {
        GoJSON.decode(body, into: type).mapError { .decode($0) }
    }

    private static func fromMetadata(_ metadata: [String: String], partitionID: String,
                                     version: KEDAVersion) -> Result<CheckpointValue, CheckpointFailure> {
        func lookup(_ key: String) -> String? {
            metadata.first { GoText.toLower($0.key) == key }?.value
        }
        let offset = version.countsEmptyOffsetAsLastPlusOne ? (lookup("offset") ?? "") : nil
        guard let text = lookup("sequencenumber") else {
            // Up to v2.14 a missing key silently left the sequence number at 0.
            if version.requiresSequenceNumberMetadata { return .failure(.sequenceNumberMissing) }
            return .success(CheckpointValue(sequenceNumber: 0, partitionID: partitionID, offset: offset))
        }
        switch GoParseInt.parse(text) {
        case .success(let value): return .success(CheckpointValue(sequenceNumber: value, partitionID: partitionID, offset: offset))
        case .failure(let failure): return .failure(.sequenceNumberInvalid(failure))
        }
    }
}

/// The Go structs KEDA decodes checkpoint bodies into (`pkg/scalers/azure/azure_eventhub_checkpoint.go`).
/// Before v2.14 an embedded base struct added Epoch, Offset, Owner and Token.
package enum CheckpointShapes {
    private static func base(_ withOffset: Bool) -> [GoJSON.Field] {
        withOffset ? [GoJSON.Field(name: "Epoch", kind: .int64), GoJSON.Field(name: "Offset", kind: .string),
                      GoJSON.Field(name: "Owner", kind: .string), GoJSON.Field(name: "Token", kind: .string)] : []
    }

    package static func checkpoint(_ withOffset: Bool) -> GoJSON.StructType {
        GoJSON.StructType(typeString: "azure.Checkpoint", name: "Checkpoint",
                          fields: base(withOffset) + [GoJSON.Field(name: "PartitionId", kind: .string),
                                                      GoJSON.Field(name: "SequenceNumber", kind: .int64)])
    }

    package static func pythonCheckpoint(_ withOffset: Bool) -> GoJSON.StructType {
        GoJSON.StructType(typeString: "azure.pythonCheckpoint", name: "pythonCheckpoint",
                          fields: base(withOffset) + [GoJSON.Field(name: "partition_id", kind: .string),
                                                      GoJSON.Field(name: "sequence_number", kind: .int64)])
    }

    package static func goCheckpoint(_ withOffset: Bool) -> GoJSON.StructType {
        let inner = withOffset
            ? GoJSON.StructType(typeString: #"struct { SequenceNumber int64 "json:\"sequenceNumber\""; Offset string "json:\"offset\"" }"#,
                                name: "", fields: [GoJSON.Field(name: "sequenceNumber", kind: .int64),
                                                   GoJSON.Field(name: "offset", kind: .string)])
            : GoJSON.StructType(typeString: #"struct { SequenceNumber int64 "json:\"sequenceNumber\"" }"#,
                                name: "", fields: [GoJSON.Field(name: "sequenceNumber", kind: .int64)])
        return GoJSON.StructType(typeString: "azure.goCheckpoint", name: "goCheckpoint",
                                 fields: [GoJSON.Field(name: "checkpoint", kind: .object(inner)),
                                          GoJSON.Field(name: "partitionId", kind: .string)])
    }
}

private extension Dictionary where Key == String, Value == GoJSON.Value {
    func int(_ name: String) -> Int64 { if case .int64(let n)? = self[name] { return n }; return 0 }
    func string(_ name: String) -> String { if case .string(let s)? = self[name] { return s }; return "" }
    func object(_ name: String) -> [String: GoJSON.Value] { if case .object(let o)? = self[name] { return o }; return [:] }
}
