import ServerlessSupport

/// kubectl's global connection flags (cli-runtime `ConfigFlags`), as the CLI parsed them.
/// `nil` / empty means the flag was not given.
public struct KubeconfigOverrides: Sendable {
    public var kubeconfig: String?
    public var context: String?
    public var cluster: String?
    public var user: String?
    public var namespace: String?
    public var server: String?
    public var token: Secret?
    public var certificateAuthority: String?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var clientCertificate: String?
    public var clientKey: String?
    /// `--as`, `--as-group` (repeatable), `--as-uid`.
    public var impersonate: String?
    public var impersonateGroups: [String]
    public var impersonateUID: String?
    public var username: String?
    public var password: Secret?
    /// kubectl syntax: a bare integer is seconds, else a Go duration (`1s`, `2m`, `1h30m`); `0` is none.
    public var requestTimeout: String?

    public init(kubeconfig: String? = nil, context: String? = nil, cluster: String? = nil, user: String? = nil,
                namespace: String? = nil, server: String? = nil, token: Secret? = nil,
                certificateAuthority: String? = nil, insecureSkipTLSVerify: Bool = false,
                tlsServerName: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil,
                impersonate: String? = nil, impersonateGroups: [String] = [], impersonateUID: String? = nil,
                username: String? = nil, password: Secret? = nil, requestTimeout: String? = nil) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.server = server
        self.token = token
        self.certificateAuthority = certificateAuthority
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.impersonate = impersonate
        self.impersonateGroups = impersonateGroups
        self.impersonateUID = impersonateUID
        self.username = username
        self.password = password
        self.requestTimeout = requestTimeout
    }
}

/// `--request-timeout` as client-go's `ParseTimeout` reads it.
public enum RequestTimeout {
    /// `nil` for no timeout (`0`, empty).
    public static func parse(_ text: String) throws -> Duration? {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return nil }
        if let seconds = Int64(trimmed) {
            guard seconds >= 0 else { throw KubeconfigError.invalidTimeout(text) }
            return seconds == 0 ? nil : .seconds(seconds)
        }
        guard let nanoseconds = GoDuration.nanoseconds(trimmed), nanoseconds >= 0 else {
            throw KubeconfigError.invalidTimeout(text)
        }
        return nanoseconds == 0 ? nil : .nanoseconds(nanoseconds)
    }
}

/// Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+`, or a bare `0`.
package enum GoDuration {
    package static let units: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    package static func nanoseconds(_ text: String) -> Int64? {
        var rest = Substring(text)
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1,
                  let value = Double(number.hasPrefix(".") ? "0" + number : String(number)) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
        }
        let result = sign * total
        guard result.magnitude < 9.2e18 else { return nil }
        return Int64(result.rounded())
    }
}
