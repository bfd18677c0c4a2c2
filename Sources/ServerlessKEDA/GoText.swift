/// Go's `strings` and `strconv` text behaviour where KEDA's results depend on it.
/// Swift's own case mapping and trimming differ at the edges (full vs simple case mapping),
/// so the few functions KEDA uses are reproduced here.
package enum GoText {
    /// Go `strings.ToLower`: per-scalar simple lowercase mapping (no context, no expansion).
    package static func toLower(_ text: String) -> String {
        // ASCII with no capital, as consumer groups and hub names mostly are: already lower.
        if text.utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(simpleLower(scalar))
        }
        return String(scalars)
    }

    package static func simpleLower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            if scalar.value >= 0x41 && scalar.value <= 0x5A { return Unicode.Scalar(scalar.value + 32)! }
            return scalar
        }
        if scalar.value == 0x130 { return "i" }  // İ: Go's simple mapping, Swift's full one adds a dot
        let mapped = scalar.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first! : scalar
    }

    /// Go `strings.ToUpper` restricted to what matters for matching ASCII names.
    package static func toUpper(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.value >= 0x61, scalar.value <= 0x7A {
                scalars.append(Unicode.Scalar(scalar.value - 32)!)
            } else if scalar.value == 0x131 {
                scalars.append("I")  // ı
            } else if scalar.value == 0x17F {
                scalars.append("S")  // ſ
            } else if scalar.isASCII {
                scalars.append(scalar)
            } else {
                let mapped = scalar.properties.uppercaseMapping.unicodeScalars
                if mapped.count == 1 { scalars.append(mapped.first!) } else { scalars.append(scalar) }
            }
        }
        return String(scalars)
    }

    /// Go `strings.EqualFold` (simple case folding) for comparisons against ASCII keys,
    /// including the two non-ASCII scalars that fold onto ASCII letters (Kelvin sign, long s).
    package static func equalFold(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where p != q {
            guard foldKey(p) == foldKey(q) else { return false }
        }
        return true
    }

    private static func foldKey(_ scalar: Unicode.Scalar) -> UInt32 {
        switch scalar.value {
        case 0x61...0x7A: return scalar.value - 32
        case 0x212A: return 0x4B  // Kelvin sign folds with k/K
        case 0x17F: return 0x53  // long s folds with s/S
        default:
            // Other non-ASCII scalars never fold onto an ASCII letter; only ASCII keys are compared.
            return scalar.isASCII ? scalar.value : scalar.value | 0x8000_0000
        }
    }

    /// Go `strings.TrimSpace`: trims Unicode White_Space from both ends.
    package static func trimSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// Go `strconv.Quote`.
    package static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars { out += escaped(scalar, quote: "\"") }
        return out + "\""
    }

    /// Go encoding/json's `quoteChar` for one input byte (the byte is read as a Latin-1 rune).
    package static func quoteByte(_ byte: UInt8) -> String {
        if byte == UInt8(ascii: "'") { return "'\\''" }
        if byte == UInt8(ascii: "\"") { return "'\"'" }
        return "'" + escaped(Unicode.Scalar(byte), quote: "\"") + "'"
    }

    private static func escaped(_ scalar: Unicode.Scalar, quote: Character) -> String {
        switch scalar {
        case "\"" where quote == "\"": return "\\\""
        case "\\": return "\\\\"
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        case "\u{0C}": return "\\f"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\u{0B}": return "\\v"
        default: break
        }
        if isPrint(scalar) { return String(scalar) }
        if scalar.value < 0x20 || scalar.value == 0x7F { return "\\x" + hex(scalar.value, width: 2) }
        if scalar.value < 0x10000 { return "\\u" + hex(scalar.value, width: 4) }
        return "\\U" + hex(scalar.value, width: 8)
    }

    /// Go `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    package static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    package static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Byte-wise string operations, as Go does them (Swift's `Character` view would merge a separator
/// with a following combining mark).
extension GoText {
    package static func split(_ text: String, on separator: UInt8) -> [String] {
        Array(text.utf8).split(separator: separator, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// `strings.Cut(s, sep)` for a one-byte separator.
    package static func cut(_ text: String, at separator: UInt8) -> (before: String, after: String)? {
        let bytes = Array(text.utf8)
        guard let i = bytes.firstIndex(of: separator) else { return nil }
        return (String(decoding: bytes[..<i], as: UTF8.self), String(decoding: bytes[(i + 1)...], as: UTF8.self))
    }

    package static func hasPrefix(_ text: String, _ prefix: String) -> Bool { text.utf8.starts(with: prefix.utf8) }

    package static func hasSuffix(_ text: String, _ suffix: String) -> Bool { text.utf8.reversed().starts(with: suffix.utf8.reversed()) }

    package static func contains(_ text: String, _ part: String) -> Bool {
        let t = Array(text.utf8), p = Array(part.utf8)
        guard !p.isEmpty else { return true }
        guard t.count >= p.count else { return false }
        return (0...(t.count - p.count)).contains { t[$0..<($0 + p.count)].elementsEqual(p) }
    }

    package static func trimPrefix(_ text: String, _ prefix: String) -> String {
        hasPrefix(text, prefix) ? String(decoding: Array(text.utf8).dropFirst(prefix.utf8.count), as: UTF8.self) : text
    }

    package static func trimSuffix(_ text: String, _ suffix: String) -> String {
        hasSuffix(text, suffix) ? String(decoding: Array(text.utf8).dropLast(suffix.utf8.count), as: UTF8.self) : text
    }
}
