import Foundation
import Testing
@testable import ServerlessIO

/// Retries against the fault server: statuses, Retry-After, attempt and time bounds, broken connections.
@Suite struct TransportRetryTests {
    @Test func retriesA503HonouringRetryAfterSeconds() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let lines = LogLines()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry(), log: lines.log))
        let start = ContinuousClock.now
        let response = try await transport.send(HTTPRequest(url: server.url("ok", id, "statuses=503,200&retry_after=1")))
        #expect(response.status == 200)
        #expect(elapsed(since: start) >= 0.95)
        #expect(try await server.stats(id)["attempts"] as? Int == 2)
        #expect(lines.lines.count == 3)
        #expect(lines.lines[0].contains("-> 503 ("))
        #expect(lines.lines[1].contains("retrying in 1 s after 503"))
        #expect(lines.lines[2].contains("-> 200 ("))
    }

    @Test func honoursRetryAfterAsHTTPDate() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let start = ContinuousClock.now
        // The date has whole seconds, so "2 s ahead" means a wait between 1 and 2 s.
        let response = try await transport.send(HTTPRequest(url: server.url("ok", id, "statuses=503,200&retry_after=date:2")))
        #expect(response.status == 200)
        #expect(elapsed(since: start) >= 0.9)
    }

    @Test func retryAfterIsCappedAtMaxDelay() async throws {
        let server = try FaultServers.plain()
        let lines = LogLines()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry(maxDelay: .milliseconds(200)), log: lines.log))
        let start = ContinuousClock.now
        let response = try await transport.send(HTTPRequest(url: server.url("ok", FaultServers.id(), "statuses=429,200&retry_after=30")))
        #expect(response.status == 200)
        // Waiting the full 30 s would blow far past this.
        #expect(elapsed(since: start) < 5, "\(lines.lines)")
        #expect(lines.lines.dropFirst().first?.contains("retrying in 0.2 s after 429") == true)
    }

    @Test func retriesA429WithoutRetryAfter() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let response = try await transport.send(HTTPRequest(url: server.url("ok", id, "statuses=429,429,200")))
        #expect(response.status == 200)
        #expect(try await server.stats(id)["attempts"] as? Int == 3)
    }

    @Test(arguments: [408, 500, 502, 504])
    func retriesEveryRetryableStatus(status: Int) async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let response = try await transport.send(HTTPRequest(url: server.url("ok", id, "statuses=\(status),200")))
        #expect(response.status == 200)
    }

    @Test func doesNotRetryOtherStatuses() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let response = try await transport.send(HTTPRequest(url: server.url("ok", id, "statuses=403,200")))
        #expect(response.status == 403)
        #expect(try await server.stats(id)["attempts"] as? Int == 1)
    }

    @Test func givesUpAfterMaxAttemptsReturningTheLastResponse() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry(maxAttempts: 3)))
        let response = try await transport.send(HTTPRequest(url: server.url("ok", id, "statuses=500,502,503,200")))
        #expect(response.status == 503)
        #expect(response.echo["attempt"] as? Int == 3)
        #expect(try await server.stats(id)["attempts"] as? Int == 3)
    }

    @Test func budgetBoundsTheTotalTime() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let policy = RetryPolicy(maxAttempts: 1000, baseDelay: .milliseconds(50), maxDelay: .milliseconds(100),
                                 budget: .milliseconds(1500))
        let lines = LogLines()
        let transport = try CurlTransport(options: TransportOptions(retry: policy, log: lines.log))
        let start = ContinuousClock.now
        let response = try await transport.send(HTTPRequest(url: server.url("ok", id, "statuses=503")))
        let took = elapsed(since: start)
        #expect(response.status == 503)
        // The last attempt starts within the budget; it may itself take a moment on a busy machine.
        #expect(took >= 1.4 && took < 4)
        let attempts = try await server.stats(id)["attempts"] as? Int ?? 0
        #expect(attempts < 1000)
        // Only an attempt that itself outlasted the budget (a very busy machine) leaves no room for a second.
        #expect(attempts >= 2 || took >= 1.5, "\(lines.lines)")
    }

    @Test func postIsRetriedOnStatuses() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let response = try await transport.send(HTTPRequest(method: .post, url: server.url("ok", FaultServers.id(), "statuses=503,200"),
                                                            body: Array("x".utf8)))
        #expect(response.status == 200)
        #expect(response.echo["body"] as? String == "x")
    }

    @Test func connectionResetMidBodyIsRetriedForGet() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let lines = LogLines()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry(), log: lines.log))
        let response = try await transport.send(HTTPRequest(url: server.url("reset", id, "fail=1")))
        #expect(response.status == 200)
        #expect(try await server.stats(id)["attempts"] as? Int == 2)
        #expect(lines.lines.first?.contains("-> error: connection reset by the server") == true)
        #expect(lines.lines.dropFirst().first?.contains("retrying in") == true)
    }

    @Test func connectionResetIsNotRetriedForPost() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: .post, url: server.url("reset", id, "fail=1"), body: [1]))
        }
        #expect(error?.reason == .connectionReset)
        #expect(error?.attempts == 1)
        #expect(try await server.stats(id)["attempts"] as? Int == 1)
    }

    @Test func droppedConnectionsAreRetriedThenSucceed() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let response = try await transport.send(HTTPRequest(url: server.url("drop", id, "fail=2")))
        #expect(response.status == 200)
        #expect(try await server.stats(id)["attempts"] as? Int == 3)
    }

    @Test func givesUpOnConnectionFailuresByThrowing() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry(maxAttempts: 3)))
        let url = server.url("drop", FaultServers.id())
        let error = await #expect(throws: TransportError.self) { try await transport.send(HTTPRequest(url: url)) }
        #expect(error?.reason == .emptyReply)
        #expect(error?.attempts == 3)
        #expect(error?.category == .remote)
        #expect(error?.message == "GET \(url): the server closed the connection without a response (gave up after 3 attempts)")
    }

    @Test func refusedConnectionNamesHostAndPort() async throws {
        // A port that was free a moment ago: nothing listens there.
        let port = try freePort()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry(maxAttempts: 2)))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: .post, url: "http://127.0.0.1:\(port)/x"))
        }
        // Nothing was sent, so even a POST is tried again.
        #expect(error?.attempts == 2)
        #expect(error?.message.hasPrefix("POST http://127.0.0.1:\(port)/x: could not connect to 127.0.0.1:\(port)") == true)
        #expect(error?.message.contains("gave up after 2 attempts") == true)
    }
}

/// Binds port 0, reads the port the system chose, and closes the socket again.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
            guard bind(fd, pointer, length) == 0 else { return -1 }
            return getsockname(fd, pointer, &length)
        }
    }
    guard bound == 0 else { throw TestServerProcess.ServerFailed(message: "could not find a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
