import ServerlessSupport

/// A request that got no usable response. The message names the method, the URL with its secrets
/// redacted, and what failed; it never holds header values.
public struct TransportError: UserFacingError, Equatable {
    public enum Reason: Sendable, Equatable {
        case couldNotResolve(host: String)
        /// Nothing was sent: refused, unreachable, or connecting took longer than the connect timeout.
        case couldNotConnect(endpoint: String, detail: String)
        case tlsVerificationFailed(detail: String)
        /// The handshake failed for another reason (protocol, a client certificate the server refused).
        case tlsHandshakeFailed(detail: String)
        /// Our own client certificate or key could not be used.
        case clientCertificateUnusable(detail: String)
        case timedOut(after: Duration)
        /// Under 1 byte/s for this long (a server trickling its answer).
        case stalled(for: Duration)
        case connectionReset
        case emptyReply
        case responseTooLarge(limit: Int)
        case truncatedBody(detail: String)
        case invalidURL
        /// A header name or value with a line break, or a name that is empty or holds a colon.
        case invalidHeader(name: String)
        case invalidOptions(detail: String)
        case other(code: Int, detail: String)
    }

    public var method: String
    /// Already redacted.
    public var url: String
    public var reason: Reason
    /// Attempts made before giving up.
    public var attempts: Int

    public init(method: String, url: String, reason: Reason, attempts: Int = 1) {
        self.method = method
        self.url = Redact.url(url)
        self.reason = reason
        self.attempts = attempts
    }

    public var category: FailureCategory {
        switch reason {
        case .invalidURL, .invalidHeader, .invalidOptions, .clientCertificateUnusable: .input
        default: .remote
        }
    }

    public var message: String {
        let what = "\(method) \(url): \(reason.text)"
        return attempts > 1 ? "\(what) (gave up after \(attempts) attempts)" : what
    }

    public var hint: String? {
        switch reason {
        case .tlsVerificationFailed:
            "for a test server only, --insecure-skip-tls-verify (API server) or --azure-insecure-skip-tls-verify (Azure) turns verification off"
        case .timedOut:
            "raise --request-timeout, or 0 for none"
        default: nil
        }
    }
}

extension TransportError.Reason {
    /// What failed, in words a user can act on.
    public var text: String {
        switch self {
        case .couldNotResolve(let host): "could not resolve host \(host)"
        case .couldNotConnect(let endpoint, let detail):
            detail.isEmpty ? "could not connect to \(endpoint)" : "could not connect to \(endpoint) (\(detail))"
        case .tlsVerificationFailed(let detail):
            "TLS verification failed (\(detail)); if the server uses a private CA, pass it with --certificate-authority (API server) or --azure-ca-file (Azure)"
        case .tlsHandshakeFailed(let detail): "TLS handshake failed (\(detail))"
        case .clientCertificateUnusable(let detail): "could not use the client certificate or key (\(detail))"
        case .timedOut(let after): "timed out after \(after.shortText)"
        case .stalled(let duration): "stalled: under 1 byte/s for \(duration.shortText)"
        case .connectionReset: "connection reset by the server"
        case .emptyReply: "the server closed the connection without a response"
        case .responseTooLarge(let limit): "response larger than the \(Self.sizeText(limit)) cap"
        case .truncatedBody(let detail): "response body truncated (\(detail))"
        case .invalidURL: "not a valid http(s) URL"
        case .invalidHeader(let name): "header \(name.isEmpty ? "with no name" : "'\(name)'") has a line break or a bad name; its value was not sent"
        case .invalidOptions(let detail): "bad transport settings: \(detail)"
        case .other(let code, let detail): "transfer failed (curl \(code): \(detail))"
        }
    }

    /// A short name for the retry log line: "retrying in 0.4 s after connection reset".
    package var shortText: String {
        switch self {
        case .couldNotConnect: "connect failure"
        case .connectionReset: "connection reset"
        case .emptyReply: "empty reply"
        case .truncatedBody: "truncated body"
        default: text
        }
    }

    /// Connection-level failures are worth another attempt. Nothing was sent when connecting failed,
    /// so any request may go again; after a reset or a cut-off answer only idempotent ones may.
    package func isRetryable(idempotent: Bool) -> Bool {
        switch self {
        case .couldNotConnect: true
        case .connectionReset, .emptyReply, .truncatedBody: idempotent
        default: false
        }
    }

    package static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
