/// A trigger configuration KEDA itself rejects when it builds the azure-eventhub scaler.
/// `message` is KEDA's reason, on one line (KEDA joins several reasons with newlines; they are
/// joined with "; " here); `kedaText` is the error exactly as KEDA reports it.
public struct KEDAConfigError: UserFacingError, Equatable, Sendable {
    public enum Stage: Sendable, Equatable {
        /// `unable to get eventhub metadata: ...`
        case metadata
        /// `unable to get eventhub client: ...`
        case client
    }

    public let stage: Stage
    /// KEDA's reason as returned by the failing step, possibly several lines.
    public let reason: String

    public init(_ reason: String, stage: Stage = .metadata) {
        self.reason = reason
        self.stage = stage
    }

    public var category: FailureCategory { .input }
    public var message: String { reason.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "; ") }

    public var kedaText: String {
        switch stage {
        case .metadata: "unable to get eventhub metadata: \(reason)"
        case .client: "unable to get eventhub client: \(reason)"
        }
    }
}
