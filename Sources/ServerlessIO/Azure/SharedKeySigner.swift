import ServerlessSupport

/// Storage Shared Key: `Authorization: SharedKey {account}:{base64(HMAC-SHA256(key, StringToSign))}`,
/// with the 2009-09-19+ string-to-sign. The account key is base64-decoded once, here, and never shown.
public struct SharedKeySigner: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let accountName: String
    private let key: [UInt8]

    public init(accountName: String, accountKey: Secret) throws {
        self.accountName = accountName
        do {
            key = try Base64.decode(accountKey.value)
        } catch let error as Base64Error {
            throw ConnectionStringError(.storage, .accountKeyNotBase64(error))
        }
    }

    public var description: String { "SharedKey(\(accountName), <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["accountName": accountName]) }

    /// The standard headers signed by position, in order. `Date` stays empty: we send `x-ms-date`.
    package static let positionalHeaders = ["content-encoding", "content-language", "content-length", "content-md5",
                                    "content-type", "date", "if-modified-since", "if-match", "if-none-match",
                                    "if-unmodified-since", "range"]

    /// The exact text the service recomputes. `url` is the URL as sent, already percent-encoded.
    public func stringToSign(method: String, url: String, headers: [(name: String, value: String)]) -> String {
        var lines = [method.uppercased()]
        for name in Self.positionalHeaders {
            var value = headers.last { $0.name.lowercased() == name }?.value.trimmingSpaces ?? ""
            // Since 2015-02-21 a zero Content-Length is signed as an empty line.
            if name == "content-length" && value == "0" { value = "" }
            // x-ms-date wins over Date (Azurite #2316); we never send Date anyway.
            if name == "date" && headers.contains(where: { $0.name.lowercased() == "x-ms-date" }) { value = "" }
            lines.append(value)
        }
        return lines.joined(separator: "\n") + "\n" + canonicalizedHeaders(headers) + canonicalizedResource(url)
    }

    public func signature(forStringToSign text: String) -> String {
        Base64.encode(HMACSHA256.authenticationCode(key: key, message: text))
    }

    public func authorization(method: String, url: String, headers: [(name: String, value: String)]) -> String {
        "SharedKey \(accountName):\(signature(forStringToSign: stringToSign(method: method, url: url, headers: headers)))"
    }

    /// Adds the Authorization header for the request as it stands (URL and headers final).
    public func sign(_ request: inout HTTPRequest) {
        var headers = request.headers
        if !request.body.isEmpty && request.header("content-length") == nil {
            headers.append((name: "Content-Length", value: String(request.body.count)))
        }
        request.headers.append((name: "Authorization",
                                value: authorization(method: request.method.rawValue, url: request.url, headers: headers)))
    }

    /// `x-ms-*` headers: lowercase names, trimmed values, repeated names joined with `,`, sorted by name.
    /// Ordinal order matches the service's for the lowercase alphanumeric names we send.
    package func canonicalizedHeaders(_ headers: [(name: String, value: String)]) -> String {
        var byName: [String: [String]] = [:]
        for (name, value) in headers {
            let lowered = name.lowercased().trimmingSpaces
            guard lowered.hasPrefix("x-ms-") else { continue }
            byName[lowered, default: []].append(value.trimmingSpaces)
        }
        return byName.keys.sorted().map { "\($0):\(byName[$0]!.joined(separator: ","))\n" }.joined()
    }

    /// `/{account}{path as sent}` then `\n{name}:{decoded values}` per query parameter, sorted.
    /// A path-style URL (`http://127.0.0.1:10000/devstoreaccount1/c`) thus names the account twice.
    package func canonicalizedResource(_ url: String) -> String {
        let parts = URLParts(url)
        var resource = "/\(accountName)\(parts.path.isEmpty ? "/" : parts.path)"
        guard let query = parts.query, !query.isEmpty else { return resource }
        var byName: [String: [String]] = [:]
        for pair in query.split(separator: "&") {
            let equals = pair.firstIndex(of: "=")
            let name = PercentEncoding.decode(String(equals.map { pair[..<$0] } ?? pair[...]), plusAsSpace: true).lowercased()
            let value = equals.map { PercentEncoding.decode(String(pair[pair.index(after: $0)...]), plusAsSpace: true) } ?? ""
            byName[name, default: []].append(value)
        }
        for name in byName.keys.sorted() {
            resource += "\n\(name):\(byName[name]!.sorted().joined(separator: ","))"
        }
        return resource
    }
}

/// A URL split without re-encoding anything: scheme://authority, path, query.
package struct URLParts {
    package var scheme: String
    package var authority: String
    package var path: String
    package var query: String?

    package init(_ url: String) {
        var rest = Substring(url)
        if let range = rest.range(of: "://") {
            scheme = String(rest[..<range.lowerBound]).lowercased()
            rest = rest[range.upperBound...]
        } else {
            scheme = ""
        }
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        authority = String(rest[..<authorityEnd])
        rest = rest[authorityEnd...]
        if let question = rest.firstIndex(of: "?") {
            path = String(rest[..<question])
            query = String(rest[rest.index(after: question)...])
        } else {
            path = String(rest)
            query = nil
        }
    }

    /// The host without user info or port.
    package var host: String {
        var host = Substring(authority)
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[...close]) }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        return String(host)
    }
}
