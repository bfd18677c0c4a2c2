import ServerlessSupport

/// A decoder that behaves like Go's `encoding/json.Unmarshal` into the few struct shapes KEDA
/// decodes checkpoints (and typed metadata integers) into: the same syntax errors, the same
/// type errors, case-insensitive keys with an exact match preferred, last duplicate wins,
/// unknown keys ignored, `null` leaves a value untouched.
public enum GoJSON {
    /// A Go struct type as `encoding/json` sees it.
    package struct StructType: Sendable {
        /// `reflect.Type.String()`, used in "Go value of type ..." (`azure.Checkpoint`).
        package let typeString: String
        /// `reflect.Type.Name()`, used in "Go struct field <Name>.<field>" ("" when anonymous).
        package let name: String
        package let fields: [Field]
    }

    package struct Field: Sendable {
        /// The JSON name (struct tag).
        package let name: String
        package let kind: Kind
    }

    package indirect enum Kind: Sendable {
        case int64
        case string
        case object(StructType)

        package var typeString: String {
            switch self {
            case .int64: "int64"
            case .string: "string"
            case .object(let type): type.typeString
            }
        }
    }

    package enum Value: Equatable, Sendable {
        case int64(Int64)
        case string(String)
        case object([String: Value])
    }

    /// The first error `Unmarshal` returns: syntax errors for the whole input win over type errors.
    public enum Failure: Error, Equatable, Sendable {
        case syntax(String)
        case type(String)

        public var message: String {
            switch self {
            case .syntax(let text), .type(let text): text
            }
        }
    }

    /// Decodes `bytes` into `type`; fields absent from the result were absent or null.
    package static func decode(_ bytes: [UInt8], into type: StructType) -> Result<[String: Value], Failure> {
        if let syntax = syntaxError(bytes) { return .failure(.syntax(syntax)) }
        var decoder = Decoder(bytes: bytes)
        var result: [String: Value] = [:]
        decoder.skipSpace()
        switch decoder.peekKind() {
        case .null:
            return .success([:])
        case .object:
            result = decoder.decodeObject(type, fieldStack: [])
        case let other:
            decoder.record(value: other.goName, typeString: type.typeString, structName: nil, fieldStack: [])
        }
        if let error = decoder.firstError { return .failure(.type(error)) }
        return .success(result)
    }

    /// Decodes a JSON value into a Go `int64`; `.success(nil)` for `null`.
    package static func decodeInt64(_ bytes: [UInt8]) -> Result<Int64?, Failure> {
        if let syntax = syntaxError(bytes) { return .failure(.syntax(syntax)) }
        var decoder = Decoder(bytes: bytes)
        decoder.skipSpace()
        if decoder.peekKind() == .null { return .success(nil) }
        let value = decoder.decodeScalar(.int64, structName: nil, fieldStack: [])
        if let error = decoder.firstError { return .failure(.type(error)) }
        if case .int64(let n)? = value { return .success(n) }
        return .success(nil)
    }

    // MARK: Syntax (Go's scanner, driven without recursion)

    package static let maxNestingDepth = 10000

    private enum Container { case objectKey, objectValue, array }

    private enum ScanState {
        case value(allowClose: Bool)
        case key(allowClose: Bool)
        case afterValue
    }

    /// Go's `checkValid`: the message of the first syntax error, or nil. At the end of input Go
    /// feeds one space to the scanner, so a cut-off number or literal reports `' '`.
    package static func syntaxError(_ bytes: [UInt8]) -> String? {
        var stack: [Container] = []
        var state = ScanState.value(allowClose: false)
        var i = 0
        let eof = "unexpected end of JSON input"
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        func invalid(_ c: UInt8, _ context: String) -> String { "invalid character \(GoText.quoteByte(c)) \(context)" }

        while true {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            switch state {
            case .value(let allowClose):
                guard i < bytes.count else { return eof }
                let c = bytes[i]
                if allowClose, c == UInt8(ascii: "]") {
                    stack.removeLast(); i += 1; state = .afterValue; continue
                }
                switch c {
                case UInt8(ascii: "{"):
                    stack.append(.objectKey); i += 1
                    if stack.count > maxNestingDepth { return invalid(c, "exceeded max depth") }
                    state = .key(allowClose: true); continue
                case UInt8(ascii: "["):
                    stack.append(.array); i += 1
                    if stack.count > maxNestingDepth { return invalid(c, "exceeded max depth") }
                    state = .value(allowClose: true); continue
                case UInt8(ascii: "\""):
                    if let error = scanString(bytes, &i) { return error }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let error = scanNumber(bytes, &i) { return error }
                case UInt8(ascii: "t"):
                    if let error = scanLiteral(bytes, &i, "true") { return error }
                case UInt8(ascii: "f"):
                    if let error = scanLiteral(bytes, &i, "false") { return error }
                case UInt8(ascii: "n"):
                    if let error = scanLiteral(bytes, &i, "null") { return error }
                default:
                    return invalid(c, "looking for beginning of value")
                }
                state = .afterValue
            case .key(let allowClose):
                guard i < bytes.count else { return eof }
                let c = bytes[i]
                if allowClose, c == UInt8(ascii: "}") {
                    stack.removeLast(); i += 1; state = .afterValue; continue
                }
                guard c == UInt8(ascii: "\"") else { return invalid(c, "looking for beginning of object key string") }
                if let error = scanString(bytes, &i) { return error }
                state = .afterValue
            case .afterValue:
                guard let top = stack.last else {
                    return i < bytes.count ? invalid(bytes[i], "after top-level value") : nil
                }
                guard i < bytes.count else { return eof }
                let c = bytes[i]
                i += 1
                switch (top, c) {
                case (.objectKey, UInt8(ascii: ":")):
                    stack[stack.count - 1] = .objectValue; state = .value(allowClose: false)
                case (.objectKey, _):
                    return invalid(c, "after object key")
                case (.objectValue, UInt8(ascii: ",")):
                    stack[stack.count - 1] = .objectKey; state = .key(allowClose: false)
                case (.objectValue, UInt8(ascii: "}")), (.array, UInt8(ascii: "]")):
                    stack.removeLast()
                case (.objectValue, _):
                    return invalid(c, "after object key:value pair")
                case (.array, UInt8(ascii: ",")):
                    state = .value(allowClose: false)
                case (.array, _):
                    return invalid(c, "after array element")
                }
            }
        }
    }

    /// The byte at `k`, or the space Go feeds at the end of input.
    private static func byte(_ bytes: [UInt8], _ k: Int) -> UInt8 { k < bytes.count ? bytes[k] : 0x20 }

    private static func scanString(_ bytes: [UInt8], _ i: inout Int) -> String? {
        i += 1  // opening quote
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { i += 1; return nil }
            if c < 0x20 { return "invalid character \(GoText.quoteByte(c)) in string literal" }
            i += 1
            guard c == UInt8(ascii: "\\") else { continue }
            let e = byte(bytes, i)
            if Array("bfnrt\\/\"".utf8).contains(e) {
                i += 1
            } else if e == UInt8(ascii: "u") {
                i += 1
                for _ in 0..<4 {
                    let h = byte(bytes, i)
                    guard isHexDigit(h) else {
                        return "invalid character \(GoText.quoteByte(h)) in \\u hexadecimal character escape"
                    }
                    i += 1
                }
            } else {
                return "invalid character \(GoText.quoteByte(e)) in string escape code"
            }
        }
        return "unexpected end of JSON input"
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }

    /// Scans a number; the byte that ends it is left for the caller (Go's stateEndValue).
    private static func scanNumber(_ bytes: [UInt8], _ i: inout Int) -> String? {
        if bytes[i] == UInt8(ascii: "-") {
            i += 1
            let c = byte(bytes, i)
            guard isDigit(c) else { return "invalid character \(GoText.quoteByte(c)) in numeric literal" }
        }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let c = byte(bytes, i)
            guard isDigit(c) else { return "invalid character \(GoText.quoteByte(c)) after decimal point in numeric literal" }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let c = byte(bytes, i)
            guard isDigit(c) else { return "invalid character \(GoText.quoteByte(c)) in exponent of numeric literal" }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return nil
    }

    private static func scanLiteral(_ bytes: [UInt8], _ i: inout Int, _ word: String) -> String? {
        let expected = Array(word.utf8)
        i += 1
        for k in 1..<expected.count {
            let c = byte(bytes, i)
            guard c == expected[k] else {
                return "invalid character \(GoText.quoteByte(c)) in literal \(word) (expecting \(GoText.quoteByte(expected[k])))"
            }
            i += 1
        }
        return nil
    }

    // MARK: Decoding (input already valid)

    package enum TokenKind: Equatable {
        case object, array, string, number, bool, null

        /// The word Go puts in "cannot unmarshal <word> into ...".
        package var goName: String {
            switch self {
            case .object: "object"
            case .array: "array"
            case .string: "string"
            case .number: "number"
            case .bool: "bool"
            case .null: "null"
            }
        }
    }

    private struct Decoder {
        let bytes: [UInt8]
        var i = 0
        var firstError: String?

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        func peekKind() -> TokenKind {
            switch bytes[i] {
            case UInt8(ascii: "{"): .object
            case UInt8(ascii: "["): .array
            case UInt8(ascii: "\""): .string
            case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
            case UInt8(ascii: "n"): .null
            default: .number
            }
        }

        mutating func record(value: String, typeString: String, structName: String?, fieldStack: [String]) {
            guard firstError == nil else { return }
            if let structName {
                firstError = "json: cannot unmarshal \(value) into Go struct field \(structName).\(fieldStack.joined(separator: ".")) of type \(typeString)"
            } else {
                firstError = "json: cannot unmarshal \(value) into Go value of type \(typeString)"
            }
        }

        /// Decodes the object at `i` into `type`. `fieldStack` is the path of JSON names so far.
        mutating func decodeObject(_ type: StructType, fieldStack: [String]) -> [String: Value] {
            var result: [String: Value] = [:]
            i += 1  // {
            skipSpace()
            if bytes[i] == UInt8(ascii: "}") { i += 1; return result }
            while true {
                skipSpace()
                let key = readString()
                skipSpace()
                i += 1  // :
                skipSpace()
                if let field = GoJSON.field(named: key, in: type) {
                    let stack = fieldStack + [field.name]
                    switch field.kind {
                    case .object(let nested):
                        switch peekKind() {
                        case .object:
                            var inner: [String: Value] = [:]
                            if case .object(let existing)? = result[field.name] { inner = existing }
                            let decoded = decodeObject(nested, fieldStack: stack)
                            inner.merge(decoded) { _, new in new }
                            result[field.name] = .object(inner)
                        case .null:
                            skipValue()
                        case let other:
                            record(value: other.goName, typeString: nested.typeString, structName: type.name, fieldStack: stack)
                            skipValue()
                        }
                    case .int64, .string:
                        if let value = decodeScalar(field.kind, structName: type.name, fieldStack: stack) {
                            result[field.name] = value
                        }
                    }
                } else {
                    skipValue()
                }
                skipSpace()
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                i += 1  // }
                return result
            }
        }

        /// Decodes a scalar; nil when null or mismatched (the mismatch is recorded).
        mutating func decodeScalar(_ kind: Kind, structName: String?, fieldStack: [String]) -> Value? {
            let token = peekKind()
            switch (token, kind) {
            case (.null, _):
                skipValue()
                return nil
            case (.string, .string):
                return .string(readString())
            case (.number, .int64):
                let start = i
                skipValue()
                let literal = String(decoding: bytes[start..<i], as: UTF8.self)
                if case .success(let n) = GoParseInt.parse(literal) { return .int64(n) }
                record(value: "number \(literal)", typeString: kind.typeString, structName: structName, fieldStack: fieldStack)
                return nil
            default:
                record(value: token.goName, typeString: kind.typeString, structName: structName, fieldStack: fieldStack)
                skipValue()
                return nil
            }
        }

        /// Reads a string token and returns its unquoted text (invalid UTF-8 and lone surrogates become U+FFFD).
        mutating func readString() -> String {
            i += 1
            var out: [UInt8] = []
            var scalars = String.UnicodeScalarView()
            func flush() {
                if !out.isEmpty { scalars.append(contentsOf: String(decoding: out, as: UTF8.self).unicodeScalars); out = [] }
            }
            while bytes[i] != UInt8(ascii: "\"") {
                let c = bytes[i]
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    flush()
                    var code = readHex4()
                    if (0xD800..<0xDC00).contains(code), bytes.count > i + 5, bytes[i] == UInt8(ascii: "\\"),
                       bytes[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = readHex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                            code = 0xFFFD
                        }
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: out.append(e)
                }
            }
            flush()
            i += 1
            return String(scalars)
        }

        private mutating func readHex4() -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let digit: UInt32 = c >= UInt8(ascii: "a") ? UInt32(c - UInt8(ascii: "a") + 10)
                    : c >= UInt8(ascii: "A") ? UInt32(c - UInt8(ascii: "A") + 10) : UInt32(c - UInt8(ascii: "0"))
                value = value << 4 | digit
                i += 1
            }
            return value
        }

        /// Skips one value without recursion.
        mutating func skipValue() {
            var depth = 0
            while true {
                skipSpace()
                switch bytes[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1; i += 1; continue
                case UInt8(ascii: ","), UInt8(ascii: ":"):
                    i += 1; continue
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1; i += 1
                case UInt8(ascii: "\""):
                    _ = readString()
                default:
                    while i < bytes.count, !Array(",:]} \t\r\n".utf8).contains(bytes[i]) { i += 1 }
                }
                if depth == 0 { return }
            }
        }
    }

    /// Go 1.21+ field lookup: exact name first, then the folded name.
    package static func field(named key: String, in type: StructType) -> Field? {
        if let exact = type.fields.first(where: { $0.name == key }) { return exact }
        let folded = foldName(key)
        return type.fields.first { foldName($0.name) == folded }
    }

    /// Go's `foldName`: ASCII upper-cased, other scalars as `ToUpper(ToLower(r))`.
    package static func foldName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                scalars.append(scalar.value >= 0x61 && scalar.value <= 0x7A ? Unicode.Scalar(scalar.value - 32)! : scalar)
            } else {
                let lower = GoText.simpleLower(scalar)
                scalars.append(contentsOf: GoText.toUpper(String(lower)).unicodeScalars)
            }
        }
        return String(scalars)
    }
}
