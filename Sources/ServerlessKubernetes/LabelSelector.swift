import ServerlessSupport

/// A `-l/--selector` checked the way the API server parses it before any request is sent, so a typo is
/// exit 2 with Kubernetes' own words instead of a 400 from the server; and matched against `-f` manifests'
/// labels as the API server matches them. The grammar and messages are apimachinery's `pkg/labels/selector.go`
/// (`Lexer`, `Parser.parse`, `parseRequirement`, `NewRequirement`, `Requirement.Matches`).
public enum LabelSelector {
    public struct SyntaxError: UserFacingError, Equatable {
        public let message: String
        public var category: FailureCategory { .input }
    }

    /// Throws the parser's error for a selector the API server would refuse; an empty selector selects everything.
    public static func validate(_ selector: String) throws {
        _ = try requirements(selector)
    }

    /// Whether an object with these labels is selected: every requirement holds (apimachinery's
    /// `internalSelector.Matches`).
    public static func matches(_ selector: String, labels: [String: String]) throws -> Bool {
        try requirements(selector).allSatisfy { $0.matches(labels) }
    }

    package static func requirements(_ selector: String) throws -> [Requirement] {
        var parser = Parser(tokens: Lexer.tokens(selector))
        if let failure = parser.parse() { throw SyntaxError(message: failure) }
        return parser.requirements
    }

    /// One comma-separated part of a selector.
    package struct Requirement: Equatable {
        package enum Operator: Equatable { case equals, notEquals, `in`, notIn, exists, doesNotExist, greaterThan, lessThan }
        package var key: String
        package var `operator`: Operator
        package var values: [String]

        /// apimachinery's `Requirement.Matches`: `!=` and `notin` hold for an object without the key; `gt`
        /// and `lt` need the label's value to be a base-10 int64.
        package func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch self.operator {
            case .equals, .in: return value.map(values.contains) ?? false
            case .notEquals, .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            case .greaterThan, .lessThan:
                guard let text = value, let number = Int64(text), values.count == 1, let bound = Int64(values[0]) else { return false }
                return self.operator == .greaterThan ? number > bound : number < bound
            }
        }
    }

    package enum Token: Equatable {
        case error, end, closedPar, comma, doesNotExist, doubleEquals, equals, greaterThan, identifier, `in`, lessThan,
             notEquals, notIn, openPar
    }

    package static let keywords: [String: Token] = [
        ")": .closedPar, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals, ">": .greaterThan,
        "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openPar,
    ]

    package enum Lexer {
        package static func isSpecial(_ byte: UInt8) -> Bool { "=!(),><".utf8.contains(byte) }
        package static func isWhitespace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }

        package static func tokens(_ text: String) -> [(token: Token, literal: String)] {
            let bytes = Array(text.utf8)
            var position = 0
            var out: [(token: Token, literal: String)] = []
            while true {
                while position < bytes.count, isWhitespace(bytes[position]) { position += 1 }
                guard position < bytes.count else {
                    out.append((.end, ""))
                    return out
                }
                if isSpecial(bytes[position]) {
                    // The longest run of special symbols that is a token (`!=`, `==`), else an error token.
                    var buffer: [UInt8] = []
                    var last: (token: Token, literal: String)?
                    while position < bytes.count, isSpecial(bytes[position]) {
                        buffer.append(bytes[position])
                        let text = String(decoding: buffer, as: UTF8.self)
                        if let token = keywords[text] {
                            last = (token, text)
                        } else if last != nil {
                            break
                        }
                        position += 1
                    }
                    out.append(last ?? (.error, "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'"))
                } else {
                    let start = position
                    while position < bytes.count, !isSpecial(bytes[position]), !isWhitespace(bytes[position]) { position += 1 }
                    let text = String(decoding: bytes[start..<position], as: UTF8.self)
                    out.append((keywords[text] ?? .identifier, text))
                }
            }
        }
    }

    package struct Parser {
        package let tokens: [(token: Token, literal: String)]
        package var position = 0
        /// What the selector asks, in its order, as far as it parsed.
        package var requirements: [Requirement] = []

        package init(tokens: [(token: Token, literal: String)]) { self.tokens = tokens }

        /// In a values context `in` and `notin` are identifiers (`a=in`).
        package func lookahead(values: Bool = true) -> (Token, String) {
            let item = tokens[min(position, tokens.count - 1)]
            if values, item.token == .in || item.token == .notIn { return (.identifier, item.literal) }
            return (item.token, item.literal)
        }

        package mutating func consume(values: Bool = true) -> (Token, String) {
            let item = lookahead(values: values)
            position += 1
            return item
        }

        /// nil when the selector parses; else the error text `Parser.parse` returns.
        package mutating func parse() -> String? {
            while true {
                let (token, literal) = lookahead()
                switch token {
                case .identifier, .doesNotExist:
                    if let failure = parseRequirement() { return "unable to parse requirement: \(failure)" }
                    let (next, nextLiteral) = consume()
                    switch next {
                    case .end: return nil
                    case .comma:
                        let (after, afterLiteral) = lookahead()
                        if after != .identifier, after != .doesNotExist {
                            return "found '\(afterLiteral)', expected: identifier after ','"
                        }
                    default: return "found '\(nextLiteral)', expected: ',' or 'end of string'"
                    }
                case .end: return nil
                default: return "found '\(literal)', expected: !, identifier, or 'end of string'"
                }
            }
        }

        package mutating func parseRequirement() -> String? {
            var (token, key) = consume()
            var doesNotExist = false
            if token == .doesNotExist {
                doesNotExist = true
                (token, key) = consume()
            }
            guard token == .identifier else { return "found '\(key)', expected: identifier" }
            if let failure = LabelSelector.keyError(key) { return failure }
            let (next, _) = lookahead()
            if next == .end || next == .comma || doesNotExist {
                // `key` or `!key` is complete; what follows `!key` is the caller's to judge.
                requirements.append(Requirement(key: key, operator: doesNotExist ? .doesNotExist : .exists, values: []))
                return nil
            }
            let (operatorToken, operatorLiteral) = consume(values: false)
            var values: [String]
            let operation: Requirement.Operator
            switch operatorToken {
            case .in, .notIn:
                switch parseValues() {
                case let .success(list): values = list
                case let .failure(failure): return failure.text
                }
                if values.isEmpty { return "for 'in', 'notin' operators, values set can't be empty" }
                operation = operatorToken == .in ? .in : .notIn
            case .equals, .doubleEquals, .notEquals, .greaterThan, .lessThan:
                let (valueToken, valueLiteral) = lookahead()
                if valueToken == .end || valueToken == .comma {
                    values = [""]
                } else {
                    _ = consume()
                    guard valueToken == .identifier else { return "found '\(valueLiteral)', expected: identifier" }
                    values = [valueLiteral]
                }
                if operatorToken == .greaterThan || operatorToken == .lessThan, Int64(values[0]) == nil {
                    return "for 'Gt', 'Lt' operators, the value must be an integer"
                }
                operation = switch operatorToken {
                case .notEquals: .notEquals
                case .greaterThan: .greaterThan
                case .lessThan: .lessThan
                default: .equals
                }
            default:
                return "found '\(operatorLiteral)', expected: '=', '!=', '==', 'in', notin'"
            }
            for value in values {
                if let failure = LabelSelector.valueError(value) {
                    return "invalid label value: \"\(value)\": at key: \"\(key)\": \(failure)"
                }
            }
            requirements.append(Requirement(key: key, operator: operation, values: values))
            return nil
        }

        package struct Failure: Error { let text: String }

        package mutating func parseValues() -> Result<[String], Failure> {
            let (open, openLiteral) = consume()
            guard open == .openPar else { return .failure(Failure(text: "found '\(openLiteral)' expected: '('")) }
            let (first, firstLiteral) = lookahead()
            switch first {
            case .identifier, .comma:
                var values: [String] = []
                listLoop: while true {
                    let (token, literal) = consume()
                    switch token {
                    case .identifier:
                        values.append(literal)
                        let (next, nextLiteral) = lookahead()
                        if next == .comma { continue listLoop }
                        if next == .closedPar { break listLoop }
                        return .failure(Failure(text: "found '\(nextLiteral)', expected: ',' or ')'"))
                    case .comma:
                        if values.isEmpty { values.append("") }
                        let (next, _) = lookahead()
                        if next == .closedPar {
                            values.append("")
                            break listLoop
                        }
                        if next == .comma {
                            _ = consume()
                            values.append("")
                        }
                    default:
                        return .failure(Failure(text: "found '\(literal)', expected: ',', or identifier"))
                    }
                }
                let (close, _) = consume()
                guard close == .closedPar else { return .failure(Failure(text: "found '\(firstLiteral)', expected: ')'")) }
                return .success(values)
            case .closedPar:
                _ = consume()
                return .success([""])
            default:
                return .failure(Failure(text: "found '\(firstLiteral)', expected: ',', ')' or identifier"))
            }
        }
    }

    // MARK: apimachinery's validation (IsQualifiedName, IsValidLabelValue)

    package static let nameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    package static let valueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
        + "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
        + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    package static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
        + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

    package static func isAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    package static func isName(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return text.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    package static func keyError(_ key: String) -> String? {
        var errors: [String] = []
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        var name = Substring(key)
        if parts.count == 2 {
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                if prefix.count > 253 { errors.append("prefix part must be no more than 253 characters") }
                let lower = prefix.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
                let labels = prefix.split(separator: ".", omittingEmptySubsequences: false)
                if !lower || labels.contains(where: { $0.isEmpty || $0.first == "-" || $0.last == "-" }) {
                    errors.append("prefix part " + subdomainMessage)
                }
            }
        } else if parts.count > 2 {
            errors.append("a qualified name " + nameMessage.replacingOccurrences(of: "name part ", with: "")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")
        }
        if parts.count <= 2 {
            if name.isEmpty {
                errors.append("name part must be non-empty")
            } else {
                if name.count > 63 { errors.append("name part must be no more than 63 characters") }
                if !isName(name) { errors.append(nameMessage) }
            }
        }
        return errors.isEmpty ? nil : "invalid label key \"\(key)\": " + errors.joined(separator: "; ")
    }

    package static func valueError(_ value: String) -> String? {
        var errors: [String] = []
        if value.count > 63 { errors.append("must be no more than 63 characters") }
        if !value.isEmpty, !isName(Substring(value)) { errors.append(valueMessage) }
        return errors.isEmpty ? nil : errors.joined(separator: "; ")
    }
}
