/// What a Cobra `__complete` call prints, which is what kubectl (1.26+) expects from
/// `kubectl_complete-<plugin>`: one candidate per line, `value<TAB>description` optionally, then
/// `:<directive>` on the last line.
public struct CompletionReply: Equatable, Sendable {
    public struct Candidate: Equatable, Sendable {
        public var value: String
        public var description: String

        public init(_ value: String, description: String = "") {
            self.value = value
            self.description = description
        }
    }

    /// Cobra's ShellCompDirective bits.
    public struct Directive: OptionSet, Equatable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Let the shell complete file names when nothing is offered.
        public static let `default`: Directive = []
        public static let error = Directive(rawValue: 1)
        public static let noSpace = Directive(rawValue: 2)
        public static let noFileCompletion = Directive(rawValue: 4)
        /// The candidates are file extensions to filter on.
        public static let filterFileExtensions = Directive(rawValue: 8)
        public static let filterDirectories = Directive(rawValue: 16)
        public static let keepOrder = Directive(rawValue: 32)
    }

    public var candidates: [Candidate]
    public var directive: Directive

    public init(_ candidates: [Candidate], directive: Directive) {
        self.candidates = candidates
        self.directive = directive
    }

    /// Nothing to offer, and no file names either: what every failure turns into.
    public static let nothing = CompletionReply([], directive: .noFileCompletion)

    /// The text for stdout. Descriptions keep to their first line; tabs and newlines inside a
    /// value would break the protocol, so such candidates are dropped.
    public var text: String {
        var out = ""
        for candidate in candidates where !candidate.value.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            out += candidate.value
            let description = candidate.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            if !description.isEmpty { out += "\t" + description.replacingOccurrences(of: "\t", with: " ") }
            out += "\n"
        }
        return out + ":\(directive.rawValue)\n"
    }
}
