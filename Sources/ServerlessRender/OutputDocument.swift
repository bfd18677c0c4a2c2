import ServerlessSupport

/// Something a command prints: one kind of document, the `-o` formats it has (the first is the default)
/// and how it reads in each. Both commands end the same way: build the document, `render` it, print the
/// `Printout`. A new kind (a watch round, a list of triggers) is one new conformance, in its own file.
public protocol OutputDocument {
    /// The `-o` values this document has, the default first.
    static var formats: [OutputFormat] { get }
    /// What users call it in an error: `--list-checks`, `the checkpoint report`.
    static var documentName: String { get }
    /// The document in `format`, one of `formats` (`render` checks that first).
    func printout(_ format: OutputFormat, _ settings: PrintSettings) -> Printout
}

/// How the user asked for tables: colour (`Style`) and `--no-headers`.
public struct PrintSettings: Sendable {
    public var style: Style
    public var showHeaders: Bool

    public init(style: Style = .plain, showHeaders: Bool = true) {
        self.style = style
        self.showHeaders = showHeaders
    }
}

/// A rendered document: stdout, the lines for stderr after it (notes, warnings, `error: ...`), and the exit status.
public struct Printout: Sendable, Equatable {
    public var stdout: String
    public var stderr: [String]
    public var exitCode: Int32

    public init(stdout: String, stderr: [String] = [], exitCode: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }
}

/// `-o` asked a document for a format it does not have (`doctor --list-checks -o sarif`): exit 2.
public struct UnsupportedOutputFormat: UserFacingError, Equatable {
    public let format: OutputFormat
    public let document: String
    public let formats: [OutputFormat]

    public var category: FailureCategory { .input }
    public var message: String { "\(document) cannot be printed as \(format.rawValue); -o takes \(OutputFormat.phrase(formats))" }
}

extension OutputFormat {
    /// `table, wide, json or yaml`, for help texts and errors.
    public static func phrase(_ formats: [OutputFormat]) -> String {
        let names = formats.map(\.rawValue)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}

extension OutputDocument {
    /// `Output format: table, wide, json or yaml.`: the `-o` help, from `formats`.
    public static var formatHelp: String { "Output format: \(OutputFormat.phrase(formats))." }

    /// Throws the usage error when this document has no `format`; commands call it before slow work.
    public static func check(_ format: OutputFormat) throws {
        guard formats.contains(format) else {
            throw UnsupportedOutputFormat(format: format, document: documentName, formats: formats)
        }
    }

    /// The document in `format`, or the usage error when it has no such format.
    public func render(_ format: OutputFormat, _ settings: PrintSettings = PrintSettings()) throws -> Printout {
        try Self.check(format)
        return printout(format, settings)
    }

    /// Only what goes to stdout (tests, generated files).
    public func render(format: OutputFormat, style: Style = .plain, showHeaders: Bool = true) -> String {
        printout(format, PrintSettings(style: style, showHeaders: showHeaders)).stdout
    }
}
