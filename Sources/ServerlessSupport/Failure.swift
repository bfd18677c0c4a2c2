/// Every error the kit throws says what the user can do about it and which exit code it means.
/// The CLI prints `error: <message>` (and the hint, when there is one) and exits with the code.
public protocol UserFacingError: Error, CustomStringConvertible {
    var category: FailureCategory { get }
    /// One line, no secrets.
    var message: String { get }
    var hint: String? { get }
}

extension UserFacingError {
    public var hint: String? { nil }
    public var description: String { message }
}

public enum FailureCategory: Sendable {
    /// Bad flags, malformed connection strings, kubeconfigs, manifests, JSON: exit 2.
    case input
    /// The cluster, storage or Event Hubs could not be reached, refused us, or throttled past retries: exit 3.
    case remote

    public var exitCode: Int32 {
        switch self {
        case .input: 2
        case .remote: 3
        }
    }
}
