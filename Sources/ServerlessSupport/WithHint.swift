/// Another error, with a hint on what the user can do instead.
public struct WithHint: UserFacingError {
    public let underlying: UserFacingError
    public let hint: String?

    public init(_ underlying: UserFacingError, hint: String) {
        self.underlying = underlying
        self.hint = hint
    }

    public var message: String { underlying.message }
    public var category: FailureCategory { underlying.category }
}
