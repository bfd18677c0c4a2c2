import Yams

/// YAML documents into `Value`, with the line each field starts on (for findings that point into a file),
/// and `Value` back to YAML text for `-o yaml`.
public enum YAML {
    /// One document of a (possibly multi-document) YAML stream.
    public struct Document: Sendable {
        public var value: Value
        /// 1-based line where the document's content starts.
        public var line: Int
        /// Line of every field, by path: `spec.template.spec.containers[0].env[3]`.
        public var fieldLines: [String: Int]
    }

    public struct SyntaxError: UserFacingError {
        public let line: Int?
        public let reason: String
        public var category: FailureCategory { .input }
        public var message: String { line.map { "line \($0): \(reason)" } ?? reason }
    }

    public static func documents(_ text: String) throws -> [Document] {
        try YAMLEvents.documents(text) ?? composedDocuments(text)
    }

    /// Through Yams' node tree: what `YAMLEvents` leaves to it (tags, aliases, repeated keys, errors).
    package static func composedDocuments(_ text: String) throws -> [Document] {
        var documents: [Document] = []
        do {
            // Driven by hand: the lazy `compose_all` sequence drops errors met after the first document.
            // Yams resolves every scalar's tag with regular expressions, and again when it hashes keys
            // to find duplicates: the parser gets the rule-less resolver and `tag(of:)` does the typing.
            // The encoding is named: its default reads the whole environment on every call.
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            while let node = try parser.nextRoot() {
                var lines: [String: Int] = [:]
                let start = node.mark?.line ?? 1
                let value = try convert(node, path: "", lines: &lines, documentStart: start, referencedFrom: start)
                documents.append(Document(value: value, line: start, fieldLines: lines))
            }
        } catch let error as YamlError {
            throw syntaxError(error)
        }
        return documents
    }

    public static func text(_ value: Value) -> String {
        (try? Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true)) ?? ""
    }

    /// `referencedFrom` is the line of the key or item that holds `node`: where an alias would be written.
    private static func convert(_ node: Node, path: String, lines: inout [String: Int], documentStart: Int,
                                referencedFrom: Int) throws -> Value {
        // The parser keeps anchors across `---`, but YAML scopes them to one document: a node of this
        // document that starts before the document does came through an alias to an earlier one.
        if let line = node.mark?.line, line < documentStart {
            throw SyntaxError(line: referencedFrom,
                              reason: "an alias refers to an anchor of an earlier document (line \(line)); YAML anchors do not cross ---")
        }
        if let line = node.mark?.line, !path.isEmpty { lines[path] = line }
        switch node {
        case let .scalar(scalar):
            return scalarValue(scalar.string, tag: tag(of: node, scalar)) { scalar }
        case let .sequence(sequence):
            return .array(try sequence.enumerated().map { index, item in
                try convert(item, path: "\(path)[\(index)]", lines: &lines, documentStart: documentStart,
                            referencedFrom: node.mark?.line ?? referencedFrom)
            })
        case let .mapping(mapping):
            return .object(try mapping.map { key, item in
                let name = key.string ?? ""
                return (name, try convert(item, path: path.isEmpty ? name : "\(path).\(name)", lines: &lines,
                                          documentStart: documentStart, referencedFrom: key.mark?.line ?? referencedFrom))
            })
        case .alias:
            return .null
        }
    }

    /// The YAML 1.1 type Yams' default resolver gives a scalar, without its regular expressions where the
    /// answer is plain: every pattern it has (bool, int, float, null, timestamp, merge, value) starts with a
    /// digit, sign, dot, `~`, `<` or `=`, or is one of a few words, or is empty. Anything else is a string.
    package static func tag(of node: Node, _ scalar: Node.Scalar) -> Tag.Name {
        guard scalar.style == .plain else { return Resolver.default.resolveTag(of: node) }
        return plainTag(scalar.string)
    }

    /// The type of `text` written as a plain scalar.
    package static func plainTag(_ text: String) -> Tag.Name {
        if isDecimal(text.utf8) { return .int }
        guard let first = text.unicodeScalars.first, !"-+0123456789.~<=".unicodeScalars.contains(first),
              !typedWords.contains(text) else {
            return Resolver.default.resolveTag(of: Node(text))
        }
        return .str
    }

    /// `0` or `[1-9][0-9]*`: the common integer, which the resolver's first matching pattern (int) types
    /// without its regular expressions.
    private static func isDecimal(_ text: String.UTF8View) -> Bool {
        guard let first = text.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
        if first == UInt8(ascii: "0") { return text.count == 1 }
        return text.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    package static let typedWords: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ]

    /// `scalar` is Yams' scalar for its constructors (bool, int, float), made only when they are asked.
    package static func scalarValue(_ text: String, tag: Tag.Name, scalar: () -> Node.Scalar) -> Value {
        switch tag {
        case .null: return .null
        case .bool: return Bool.construct(from: scalar()).map(Value.bool) ?? .string(text)
        case .int:
            let digits = text.utf8.contains(UInt8(ascii: "_")) ? text.filter { $0 != "_" } : text
            if let int = Int64(digits) { return .int(int) }
            // Yams traps on overflow in base 60 (`1:0:0:0:0:0:0:0:0:0:0`), so that form is read here.
            if digits.contains(":") { return sexagesimal(digits).map(Value.int) ?? .string(text) }
            return Int.construct(from: scalar()).map { .int(Int64($0)) } ?? .string(text)
        case .float: return Double.construct(from: scalar()).map(Value.double) ?? .string(text)
        default: return .string(text)
        }
    }

    /// YAML 1.1 base 60 (`190:20:30` is 685230); nil when not that form or out of Int64's range.
    private static func sexagesimal(_ text: String) -> Int64? {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        var value: Int64 = 0
        for part in rest.split(separator: ":", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let digit = Int64(part) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 60)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    private static func node(_ value: Value) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case let .bool(b): return Node(b ? "true" : "false", Tag(.bool))
        case let .int(i): return Node(String(i), Tag(.int))
        case let .double(d):
            // YAML spells these .inf, -.inf and .nan; Swift's "inf" would read back as a string.
            let text = d.isNaN ? ".nan" : d.isInfinite ? (d < 0 ? "-.inf" : ".inf") : String(d)
            return Node(text, Tag(.float))
        case let .string(s):
            // Strings that would read back as another type are quoted.
            let style: Node.Scalar.Style = plainTag(s) == .str ? .any : .doubleQuoted
            return Node(s, Tag(.str), style)
        case let .array(items): return Node(items.map(node))
        case let .object(members):
            // YAML keys are unique (Yams refuses a repeat), but JSON may repeat one and distinct YAML keys
            // may read as the same text (`? [a]` and `? [b]` are both ""): keep the last, as lookups do.
            var last: [String: Int] = [:]
            for (index, member) in members.enumerated() { last[member.key] = index }
            let kept = members.enumerated().filter { last[$0.element.key] == $0.offset }.map(\.element)
            return Node(kept.map { (Node($0.key), node($0.value)) })
        }
    }

    private static func syntaxError(_ error: YamlError) -> SyntaxError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return SyntaxError(line: mark.line, reason: detail)
        default:
            return SyntaxError(line: nil, reason: "\(error)")
        }
    }
}
