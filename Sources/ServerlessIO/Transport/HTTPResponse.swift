/// A complete response: status, headers (names as received), body bytes.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Header lookup is case-insensitive, as HTTP says.
    public func header(_ name: String) -> String? {
        headers.last { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every header whose name starts with `prefix` (case-insensitive), prefix removed and lowercased.
    public func headers(withPrefix prefix: String) -> [String: String] {
        var result: [String: String] = [:]
        let lowered = prefix.lowercased()
        for (name, value) in headers where name.lowercased().hasPrefix(lowered) {
            result[String(name.lowercased().dropFirst(lowered.count))] = value
        }
        return result
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
    public var isSuccess: Bool { (200..<300).contains(status) }
}
