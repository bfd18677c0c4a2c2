/// The failures Go's `url.Parse` reports for a checkpoint blob path. KEDA runs the azureFunction,
/// blobMetadata and dapr paths through it and fails the partition when it does not parse.
public struct GoURLParseFailure: Error, Equatable, Sendable {
    /// The input, as given to `url.Parse`.
    public let url: String
    /// The inner error (`net/url: invalid control character in URL`, `invalid URL escape "%zz"`, ...).
    public let reason: String

    /// `*url.Error`'s text: `parse "<url>": <reason>`.
    public var message: String { "parse \(GoText.quote(url)): \(reason)" }
}

package enum GoURLParse {
    /// Returns the failure Go's `url.Parse(raw)` would report, or nil when it parses.
    package static func validate(_ raw: String) -> GoURLParseFailure? {
        let bytes = Array(raw.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return GoURLParseFailure(url: raw, reason: "net/url: invalid control character in URL")
        }
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
        let main = hash.map { Array(bytes[..<$0]) } ?? bytes
        if let reason = parse(main) { return GoURLParseFailure(url: raw, reason: reason) }
        if let hash, let reason = unescapeError(Array(bytes[(hash + 1)...]), mode: .fragment) {
            return GoURLParseFailure(url: raw, reason: reason)
        }
        return nil
    }

    private enum Mode { case path, host, zone, userinfo, fragment }

    /// The host Go's `url.Parse(raw)` gives (with its port; "" without an authority), or nil when it
    /// does not parse.
    package static func host(_ raw: String) -> String? {
        guard validate(raw) == nil else { return nil }
        let bytes = Array(raw.utf8)
        let main = bytes.firstIndex(of: UInt8(ascii: "#")).map { Array(bytes[..<$0]) } ?? bytes
        guard let authority = split(main)?.authority else { return "" }
        let host = authority.lastIndex(of: UInt8(ascii: "@")).map { authority[($0 + 1)...] } ?? authority
        return String(decoding: host, as: UTF8.self)
    }

    private struct Parts {
        var hasScheme: Bool
        /// After the scheme and without the query.
        var rest: ArraySlice<UInt8>
        var authority: ArraySlice<UInt8>?
        var path: ArraySlice<UInt8>
    }

    /// Go's order: scheme, query, then an authority after `//`; nil for a missing scheme (`:x`).
    private static func split(_ input: [UInt8]) -> Parts? {
        var rest = input[...]
        var hasScheme = false
        switch scheme(input) {
        case .missing: return nil
        case .none: break
        case .some(let length):
            hasScheme = true
            rest = input[(length + 1)...]
        }
        if rest.last == UInt8(ascii: "?"), rest.filter({ $0 == UInt8(ascii: "?") }).count == 1 {
            rest = rest.dropLast()
        } else if let q = rest.firstIndex(of: UInt8(ascii: "?")) {
            rest = rest[..<q]
        }
        var parts = Parts(hasScheme: hasScheme, rest: rest, authority: nil, path: rest)
        if rest.first == UInt8(ascii: "/"), rest.starts(with: Array("//".utf8)),
           hasScheme || !rest.starts(with: Array("///".utf8)) {
            let afterSlashes = rest.dropFirst(2)
            let authorityEnd = afterSlashes.firstIndex(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
            parts.authority = afterSlashes[..<authorityEnd]
            parts.path = afterSlashes[authorityEnd...]
        }
        return parts
    }

    private static func parse(_ input: [UInt8]) -> String? {
        if input == [UInt8(ascii: "*")] { return nil }
        guard let parts = split(input) else { return "missing protocol scheme" }
        if parts.rest.first != UInt8(ascii: "/") {
            if parts.hasScheme { return nil }  // opaque
            let segment = parts.rest.prefix { $0 != UInt8(ascii: "/") }
            if segment.contains(UInt8(ascii: ":")) { return "first path segment in URL cannot contain colon" }
        }
        if let authority = parts.authority, let reason = authorityError(Array(authority)) { return reason }
        return unescapeError(Array(parts.path), mode: .path)
    }

    private enum Scheme { case none, missing, some(Int) }

    private static func scheme(_ input: [UInt8]) -> Scheme {
        for (i, c) in input.enumerated() {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if i == 0 { return .none }
            case UInt8(ascii: ":"):
                return i == 0 ? .missing : .some(i)
            default:
                return .none
            }
        }
        return .none
    }

    private static func authorityError(_ authority: [UInt8]) -> String? {
        guard let at = authority.lastIndex(of: UInt8(ascii: "@")) else { return hostError(authority) }
        // Go parses the host before it looks at the userinfo.
        if let reason = hostError(Array(authority[(at + 1)...])) { return reason }
        let userinfo = authority[..<at]
        if !userinfo.allSatisfy(validUserinfoByte) { return "net/url: invalid userinfo" }
        return unescapeError(Array(userinfo), mode: .userinfo)
    }

    private static func validUserinfoByte(_ c: UInt8) -> Bool {
        if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) { return true }
        return Array("-._:~!$&'()*+,;=%@".utf8).contains(c)
    }

    private static func hostError(_ host: [UInt8]) -> String? {
        if host.first == UInt8(ascii: "[") {
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else { return "missing ']' in host" }
            let port = Array(host[(close + 1)...])
            if !validOptionalPort(port) {
                return "invalid port \(GoText.quote(String(decoding: port, as: UTF8.self))) after host"
            }
            let inside = Array(host[..<close])
            if let zone = (0..<max(0, inside.count - 2)).first(where: { inside[$0...].starts(with: Array("%25".utf8)) }) {
                if let reason = unescapeError(Array(inside[..<zone]), mode: .host) { return reason }
                if let reason = unescapeError(Array(inside[zone...]), mode: .zone) { return reason }
                return unescapeError(Array(host[close...]), mode: .host)
            }
            return unescapeError(host, mode: .host)
        }
        if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            let port = Array(host[colon...])
            if !validOptionalPort(port) {
                return "invalid port \(GoText.quote(String(decoding: port, as: UTF8.self))) after host"
            }
        }
        return unescapeError(host, mode: .host)
    }

    private static func validOptionalPort(_ port: [UInt8]) -> Bool {
        if port.isEmpty { return true }
        guard port.first == UInt8(ascii: ":") else { return false }
        return port.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
            || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }

    private static func hexValue(_ c: UInt8) -> UInt8 {
        if c >= UInt8(ascii: "a") { return c - UInt8(ascii: "a") + 10 }
        if c >= UInt8(ascii: "A") { return c - UInt8(ascii: "A") + 10 }
        return c - UInt8(ascii: "0")
    }

    /// Go's `unescape` errors: malformed `%` escapes, and bytes not allowed in a host name.
    private static func unescapeError(_ s: [UInt8], mode: Mode) -> String? {
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "%") {
                if i + 2 >= s.count || !isHex(s[i + 1]) || !isHex(s[i + 2]) {
                    let bad = Array(s[i..<min(s.count, i + 3)])
                    return "invalid URL escape \(GoText.quote(String(decoding: bad, as: UTF8.self)))"
                }
                if mode == .host, hexValue(s[i + 1]) < 8, s[i..<(i + 3)].elementsEqual(Array("%25".utf8)) == false {
                    return "invalid URL escape \(GoText.quote(String(decoding: s[i..<(i + 3)], as: UTF8.self)))"
                }
                i += 3
                continue
            }
            if (mode == .host || mode == .zone), c < 0x80, shouldEscapeInHost(c, zone: mode == .zone) {
                return "invalid character \(GoText.quote(String(UnicodeScalar(c)))) in host name"
            }
            i += 1
        }
        return nil
    }

    private static func shouldEscapeInHost(_ c: UInt8, zone: Bool) -> Bool {
        if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) { return false }
        if Array("-_.~".utf8).contains(c) { return false }
        // sub-delims, the port colon, IPv6 brackets and the few bytes Go lets through unescaped.
        if Array("!$&'()*+,;=:[]<>\"".utf8).contains(c) { return false }
        return true
    }
}
