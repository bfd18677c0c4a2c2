/// Percent-encoding the way the Azure SDK for Python does it, so the bytes we sign are the bytes
/// the SDK would send. Upper-case hex, UTF-8.
public enum PercentEncoding {
    /// RFC 3986 unreserved: what Python's `quote` never encodes.
    package static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Python `quote(value, safe=safe)`.
    public static func quote(_ value: String, safe: String = "/") -> String {
        encode(value, keeping: unreserved.union(safe.utf8))
    }

    /// A blob name in a URL path: `quote(name, safe='~/')`, so `$` becomes `%24` and `/` stays.
    public static func blobPath(_ name: String) -> String { quote(name, safe: "~/") }

    /// A query value: nothing but unreserved characters survives (`/` is `%2F`, `+` is `%2B`).
    public static func queryValue(_ value: String) -> String { quote(value, safe: "") }

    /// One path segment for the Event Hubs REST API: RFC 3986 `pchar`, so `$Default` stays readable.
    public static func pathSegment(_ value: String) -> String { quote(value, safe: "!$&'()*+,;=:@") }

    /// Python `quote_plus(value)`: like `queryValue`, but a space becomes `+`.
    public static func quotePlus(_ value: String) -> String {
        encode(value, keeping: unreserved.union([0x20])).replacing(" ", with: "+")
    }

    /// Python `unquote`: `%XX` decoded as UTF-8; malformed escapes kept as they are.
    /// With `plusAsSpace`, `+` is a space first (form encoding, as the Storage service reads queries).
    public static func decode(_ value: String, plusAsSpace: Bool = false) -> String {
        let input = Array(value.utf8)
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count,
               let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            output.append(plusAsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    package static func encode(_ value: String, keeping safe: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output = [UInt8]()
        output.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if safe.contains(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
