import ServerlessSupport

/// A `checkpoints` setting the command cannot use (a flag, a missing way in): exit 2.
public struct CheckpointInputError: UserFacingError, Equatable {
    public let message: String
    public var category: FailureCategory { .input }

    public init(_ message: String) {
        self.message = message
    }
}
