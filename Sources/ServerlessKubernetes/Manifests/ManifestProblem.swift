import ServerlessSupport

/// A manifest that cannot be read: points at the file and line, as `error: k8s/bad.yaml:12: ...`.
public struct ManifestError: UserFacingError, Equatable {
    public var file: String
    public var line: Int?
    public var reason: String
    public var hint: String?

    public init(file: String, line: Int? = nil, reason: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.reason = reason
        self.hint = hint
    }

    public var category: FailureCategory { .input }
    public var message: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)" }
}

/// Something in the input that was left out, said on stderr by the CLI; the run goes on.
public struct ManifestWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
