import Testing
@testable import ServerlessSupport

/// `JSON.bytes` writes into one byte buffer; the former writer appended to a String scalar by scalar.
/// The former one is kept here as the oracle: the bytes must be the same for every value.
@Suite struct JSONWriterTests {
    @Test func escapesLikeTheFormerWriter() {
        let strings = ["", "plain", "quote \" and \\ backslash", "tab\tline\nreturn\r", "\u{0}\u{1}\u{1F}\u{10}\u{7F}",
                       "é ü 日本 🙂", "$Default/checkpoint/0", "/"]
        for text in strings {
            #expect(JSON.text(.string(text)) == FormerWriter.text(.string(text)), "\(text.debugDescription)")
        }
    }

    @Test func numbersLikeTheFormerWriter() {
        let numbers: [Value] = [.int(0), .int(-1), .int(.max), .int(.min), .int(1_000_000_007), .double(1.5),
                                .double(-0.0), .double(1e15), .double(999_999_999_999_999), .double(-2), .double(.nan),
                                .double(.infinity), .double(1e-7)]
        for number in numbers {
            #expect(JSON.text(number) == FormerWriter.text(number), "\(number)")
            #expect(JSON.text(number, pretty: false) == FormerWriter.text(number, pretty: false))
        }
    }

    /// 3,000 random trees, pretty and compact.
    @Test func randomValuesLikeTheFormerWriter() {
        var generator = SplitMix(seed: 0x5EED)
        for _ in 0..<3000 {
            let value = randomValue(depth: 0, using: &generator)
            #expect(JSON.text(value) == FormerWriter.text(value))
            #expect(JSON.text(value, pretty: false) == FormerWriter.text(value, pretty: false))
            #expect(JSON.bytes(value) == Array(FormerWriter.text(value).utf8))
        }
    }

    private func randomValue(depth: Int, using generator: inout SplitMix) -> Value {
        let pick = generator.next(depth > 3 ? 5 : 7)
        switch pick {
        case 0: return .null
        case 1: return .bool(generator.next(2) == 0)
        case 2: return .int((Int64(generator.next(Int.max)) - Int64(generator.next(Int.max))) >> Int64(generator.next(64)))
        case 3: return .double(Double(generator.next(200_000) - 100_000) / 8)
        case 4: return .string(randomString(using: &generator))
        case 5: return .array((0..<generator.next(4)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            return .object((0..<generator.next(4)).map { _ in
                (randomString(using: &generator), randomValue(depth: depth + 1, using: &generator))
            })
        }
    }

    private func randomString(using generator: inout SplitMix) -> String {
        let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{1}", "\u{1F}",
                                          "\u{7F}", "é", "日", "🙂", "$", "-"]
        var text = ""
        for _ in 0..<generator.next(12) {
            text.unicodeScalars.append(alphabet[generator.next(alphabet.count)])
        }
        return text
    }
}

/// The String-appending writer JSON.text used before it wrote bytes, unchanged.
private enum FormerWriter {
    static func text(_ value: Value, pretty: Bool = true) -> String {
        var out = ""
        write(value, to: &out, indent: pretty ? "" : nil)
        return out
    }

    private static func write(_ value: Value, to out: inout String, indent: String?) {
        switch value {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null"
        case let .string(s): quote(s, to: &out)
        case let .array(items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + indent + "  " }
                write(item, to: &out, indent: indent.map { $0 + "  " })
            }
            if let indent { out += "\n" + indent }
            out += "]"
        case let .object(members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + indent + "  " }
                quote(member.key, to: &out)
                out += indent == nil ? ":" : ": "
                write(member.value, to: &out, indent: indent.map { $0 + "  " })
            }
            if let indent { out += "\n" + indent }
            out += "}"
        }
    }

    private static func quote(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
