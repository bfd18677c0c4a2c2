/// Standard base64 (RFC 4648 §4, with padding). Decoding is strict: account keys and signatures
/// that are not exactly base64 are refused with a reason, never silently truncated.
public enum Base64 {
    public static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output = [UInt8]()
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group: UInt32 = 0
            for offset in 0..<3 { group = group << 8 | UInt32(offset < count ? bytes[index + offset] : 0) }
            for slot in 0..<4 {
                output.append(slot <= count ? alphabet[Int(group >> UInt32(18 - 6 * slot) & 63)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `text`, which must have a length that is a multiple of 4, only characters of the
    /// standard alphabet, and `=` padding only at the end. Whitespace is not accepted.
    public static func decode(_ text: String) throws -> [UInt8] {
        let input = Array(text.utf8)
        guard input.count % 4 == 0 else { throw Base64Error.badLength(input.count) }
        var output = [UInt8]()
        output.reserveCapacity(input.count / 4 * 3)
        var index = 0
        while index < input.count {
            let isLast = index + 4 == input.count
            var quad: [UInt32] = [0, 0, 0, 0]
            var padding = 0
            for offset in 0..<4 {
                let char = input[index + offset]
                if char == UInt8(ascii: "=") {
                    // Padding: only in the last group, only in its last two places, and only trailing.
                    guard isLast, offset >= 2 else { throw Base64Error.misplacedPadding(position: index + offset) }
                    padding += 1
                    continue
                }
                guard padding == 0 else { throw Base64Error.misplacedPadding(position: index + offset - 1) }
                guard let value = sextet(char) else { throw Base64Error.badCharacter(position: index + offset) }
                quad[offset] = value
            }
            let group = quad[0] << 18 | quad[1] << 12 | quad[2] << 6 | quad[3]
            output.append(UInt8(group >> 16 & 0xff))
            if padding < 2 { output.append(UInt8(group >> 8 & 0xff)) }
            if padding < 1 { output.append(UInt8(group & 0xff)) }
            index += 4
        }
        return output
    }

    /// The value of one symbol of the standard alphabet; nil for anything else.
    package static func sextet(_ char: UInt8) -> UInt32? {
        switch char {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(char - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(char - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(char - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}

/// Why a value is not base64. Positions, never the text: the text is usually a key.
public enum Base64Error: Error, Equatable, CustomStringConvertible {
    case badLength(Int)
    case badCharacter(position: Int)
    case misplacedPadding(position: Int)

    public var description: String {
        switch self {
        case let .badLength(length): "its length (\(length)) is not a multiple of 4"
        case let .badCharacter(position): "it has a character outside the base64 alphabet at position \(position + 1)"
        case let .misplacedPadding(position): "it has '=' padding at position \(position + 1), before the end"
        }
    }
}
