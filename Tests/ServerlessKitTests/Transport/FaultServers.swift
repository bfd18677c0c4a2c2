import Foundation
@testable import ServerlessIO

/// The fault servers the transport tests share. Every test scripts its own requests with a unique
/// id (see Tests/Support/fault_server.py), so sharing one server keeps tests independent.
enum FaultServers {
    static func plain() throws -> TestServerProcess { try plainServer.get() }
    /// HTTPS with a certificate for 127.0.0.1 signed by the test CA.
    static func tls() throws -> TestServerProcess { try tlsServer.get() }
    /// HTTPS that also requires a client certificate signed by the test CA.
    static func mutualTLS() throws -> TestServerProcess { try mutualServer.get() }
    /// HTTPS whose certificate names only `api.test.internal`.
    static func named() throws -> TestServerProcess { try namedServer.get() }

    private static let plainServer = Result { try TestServerProcess(script: "fault_server.py") }
    private static let tlsServer = Result {
        let pki = try TestCertificates.shared()
        return try TestServerProcess(script: "fault_server.py",
                                     arguments: ["--cert", pki.serverCertificate, "--key", pki.serverKey])
    }
    private static let mutualServer = Result {
        let pki = try TestCertificates.shared()
        return try TestServerProcess(script: "fault_server.py",
                                     arguments: ["--cert", pki.serverCertificate, "--key", pki.serverKey,
                                                 "--client-ca", pki.caFile])
    }
    private static let namedServer = Result {
        let pki = try TestCertificates.shared()
        return try TestServerProcess(script: "fault_server.py",
                                     arguments: ["--cert", pki.namedServerCertificate, "--key", pki.namedServerKey])
    }

    /// A fresh id for one test's requests.
    static func id(_ label: String = #function) -> String {
        let name = label.prefix { $0.isLetter || $0.isNumber }
        return "\(name)-\(UUID().uuidString.prefix(8))"
    }
}

extension TestServerProcess {
    func url(_ scenario: String, _ id: String, _ query: String = "", scheme: String = "http") -> String {
        "\(scheme)://127.0.0.1:\(port)/fault/\(scenario)/\(id)" + (query.isEmpty ? "" : "?\(query)")
    }

    /// The server's counters for one id: attempts, max_concurrent, connections, requests.
    func stats(_ id: String, scheme: String = "http", tls: TLSOptions = TLSOptions()) async throws -> [String: Any] {
        let transport = try CurlTransport(options: TransportOptions(tls: tls, retry: .none))
        let response = try await transport.send(HTTPRequest(url: "\(scheme)://127.0.0.1:\(port)/stats/\(id)"))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }
}

extension HTTPResponse {
    /// The fault server's echo of what it received.
    var echo: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    var echoedHeaders: [(String, String)] {
        (echo["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) }
    }
}

/// Collects `-v` lines.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    var log: RequestLog { RequestLog { line in self.lock.withLock { self.stored.append(line) } } }
}

/// Fast retries for tests: tiny base delay, no jitter surprises beyond the bound.
func quickRetry(maxAttempts: Int = 4, maxDelay: Duration = .seconds(2), budget: Duration = .seconds(10)) -> RetryPolicy {
    RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: maxDelay, budget: budget)
}

func elapsed(since start: ContinuousClock.Instant) -> Double {
    (ContinuousClock.now - start).seconds
}
