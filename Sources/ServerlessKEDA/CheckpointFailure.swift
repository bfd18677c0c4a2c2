/// Why KEDA could not get a partition's checkpoint. Every case but a missing blob or container
/// (outside v2.15.0-2.15.1) fails the whole scaler.
public enum CheckpointFailure: Error, Equatable, Sendable {
    /// The connection string lacks an Endpoint or EntityPath value.
    case eventHubUnparseable
    /// Go's `url.Parse` rejected the blob path.
    case invalidPath(GoURLParseFailure)
    case blobNotFound
    case containerNotFound
    /// Any other failed storage request; the text is the storage error, without secrets.
    case requestFailed(String)
    /// The body could not be read.
    case readFailed(String)
    case decode(GoJSON.Failure)
    case sequenceNumberMissing
    case sequenceNumberInvalid(GoParseInt.Failure)

    public var isNotFound: Bool { self == .blobNotFound || self == .containerNotFound }

    /// The error as newest KEDA words it after `unable to get checkpoint from storage: `.
    public var kedaText: String {
        switch self {
        case .eventHubUnparseable: "can't parse event hub connection string. Missing eventHubNamespace or eventHubName"
        case .invalidPath(let failure): failure.message
        case .blobNotFound: "BlobNotFound"
        case .containerNotFound: "ContainerNotFound"
        case .requestFailed(let text): text
        case .readFailed(let text): "failed to read blob data: \(text)"
        case .decode(let failure): "failed to decode blob data: \(failure.message)"
        case .sequenceNumberMissing: "sequencenumber on blob not found"
        case .sequenceNumberInvalid(let failure): "sequencenumber is not a valid int64 value: \(failure.message)"
        }
    }

    /// The error as `version` words it. Up to v2.15.1 KEDA reported `errors.Unwrap(err)`: the
    /// wrapped error when there is one, else nil, printed by `%w` as `%!w(<nil>)`.
    public func kedaText(for version: KEDAVersion) -> String {
        guard version.unwrapsCheckpointErrors else { return kedaText }
        let nilError = "%!w(<nil>)"
        switch self {
        case .eventHubUnparseable, .sequenceNumberMissing: return nilError
        case .invalidPath(let failure): return failure.reason
        case .blobNotFound, .containerNotFound: return nilError
        // v2.15's azcore ResponseError has no Unwrap; the older SDK's StorageError did.
        case .requestFailed(let text): return version.missingCheckpointIsFatal ? nilError : text
        case .readFailed(let text): return text
        case .decode(let failure): return failure.message
        case .sequenceNumberInvalid(let failure): return failure.message
        }
    }

    /// The whole-metric error KEDA raises for it.
    public func scalerError(for version: KEDAVersion) -> String {
        "unable to get unprocessedEventCount for metrics: unable to get checkpoint from storage: \(kedaText(for: version))"
    }
}
