import ServerlessSupport

/// How a transport reaches one kind of endpoint. Azure endpoints and the API server each get their own.
public struct TransportOptions: Sendable {
    public var tls: TLSOptions
    /// `proxy-url` from the kubeconfig, or nil for libcurl's environment defaults.
    public var proxy: String?
    /// Bounds every request (`--request-timeout`); nil means none.
    public var requestTimeout: Duration?
    /// How long connecting may take before it counts as a failed attempt.
    public var connectTimeout: Duration
    public var retry: RetryPolicy
    /// Requests on the wire at once.
    public var maxConcurrentRequests: Int
    /// Receives one line per request (method, redacted URL, status, timing) for `-v`.
    public var log: RequestLog?
    /// A response body larger than this aborts the request (`TransportError`, `.responseTooLarge`).
    public var maxResponseBytes: Int
    /// A transfer receiving less than 1 byte/s for this long is abandoned, even without a request timeout,
    /// so a server that trickles (slow loris) cannot hold the command forever. nil: no such bound.
    public var stallTimeout: Duration?

    public init(tls: TLSOptions = TLSOptions(), proxy: String? = nil, requestTimeout: Duration? = nil,
                connectTimeout: Duration = .seconds(10), retry: RetryPolicy = RetryPolicy(),
                maxConcurrentRequests: Int = 64, log: RequestLog? = nil,
                maxResponseBytes: Int = 64 << 20, stallTimeout: Duration? = .seconds(30)) {
        self.tls = tls
        self.proxy = proxy
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.retry = retry
        self.maxConcurrentRequests = maxConcurrentRequests
        self.log = log
        self.maxResponseBytes = maxResponseBytes
        self.stallTimeout = stallTimeout
    }
}

public struct TLSOptions: Sendable {
    /// Verification is on unless the user asked otherwise (`--insecure-skip-tls-verify`,
    /// `--azure-insecure-skip-tls-verify`, `insecure-skip-tls-verify: true` in a kubeconfig).
    public var verify: Bool
    /// Trusted CAs from a file, or PEM bytes (kubeconfig `certificate-authority-data`). Neither: system bundle
    /// (`SSL_CERT_FILE` when set).
    public var caFile: String?
    public var caPEM: [UInt8]?
    /// Client certificate and key, as files or PEM bytes (kubeconfig `client-certificate[-data]`, `client-key[-data]`).
    public var clientCertificateFile: String?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyFile: String?
    public var clientKeyPEM: Secret?
    /// The name to verify the server certificate against, when not the URL's host (`tls-server-name`).
    public var serverName: String?

    public init(verify: Bool = true, caFile: String? = nil, caPEM: [UInt8]? = nil,
                clientCertificateFile: String? = nil, clientCertificatePEM: [UInt8]? = nil,
                clientKeyFile: String? = nil, clientKeyPEM: Secret? = nil, serverName: String? = nil) {
        self.verify = verify
        self.caFile = caFile
        self.caPEM = caPEM
        self.clientCertificateFile = clientCertificateFile
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyFile = clientKeyFile
        self.clientKeyPEM = clientKeyPEM
        self.serverName = serverName
    }
}

/// Retries with exponential backoff and full jitter, bounded in count and in total time.
/// Retried: connection failures and resets (idempotent requests only), 408, 429, 500, 502, 503, 504.
/// `Retry-After` (seconds or an HTTP date) is honoured up to `maxDelay`.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// No new attempt starts after this much time since the first.
    public var budget: Duration

    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(200),
                maxDelay: Duration = .seconds(10), budget: Duration = .seconds(60)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.budget = budget
    }

    public static let none = RetryPolicy(maxAttempts: 1)
    public static let retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]
}

/// Where `-v` lines go. Callers pass already-redacted text; `Redact` does the redaction.
public struct RequestLog: Sendable {
    public let write: @Sendable (String) -> Void
    public init(_ write: @escaping @Sendable (String) -> Void) { self.write = write }
}
