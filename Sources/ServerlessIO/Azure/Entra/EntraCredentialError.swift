import ServerlessSupport

/// An Entra ID token could not be had, or cannot be used safely. Names the source and the remedy,
/// never a token, secret or assertion.
public struct EntraCredentialError: UserFacingError, Equatable {
    public let message: String
    public let hint: String?
    public let category: FailureCategory

    public init(_ message: String, hint: String? = nil, category: FailureCategory = .remote) {
        self.message = message
        self.hint = hint
        self.category = category
    }

    /// A setting the user must change: exit 2.
    public static func input(_ message: String, hint: String? = nil) -> EntraCredentialError {
        EntraCredentialError(message, hint: hint, category: .input)
    }
}
