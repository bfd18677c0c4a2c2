/// One HTTP request as it goes on the wire. The URL is kept already percent-encoded,
/// because Shared Key signs the path exactly as sent.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", head = "HEAD", post = "POST" }

    public var method: Method
    public var url: String
    /// Header names as sent; order kept. Values of secret headers are never logged.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Per-request bound; `nil` uses the transport's default.
    public var timeout: Duration?
    /// Safe to send again after a connection failure or a retryable status.
    public var idempotent: Bool

    public init(method: Method = .get, url: String, headers: [(name: String, value: String)] = [],
                body: [UInt8] = [], timeout: Duration? = nil, idempotent: Bool? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.idempotent = idempotent ?? (method != .post)
    }

    public func header(_ name: String) -> String? {
        headers.last { $0.name.lowercased() == name.lowercased() }?.value
    }
}
