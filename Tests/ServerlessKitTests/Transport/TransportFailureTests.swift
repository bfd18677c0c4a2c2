import Foundation
import Testing
@testable import ServerlessIO

/// Broken answers become typed errors with one-line messages, never successes.
@Suite struct TransportFailureTests {
    @Test func truncatedBodyIsAnError() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let url = server.url("truncate", FaultServers.id())
        let error = await #expect(throws: TransportError.self) { try await transport.send(HTTPRequest(url: url)) }
        guard case .truncatedBody = error?.reason else {
            Issue.record("expected a truncated body, got \(String(describing: error))")
            return
        }
        #expect(error?.message.hasPrefix("GET \(url): response body truncated (") == true)
    }

    @Test func truncatedBodyIsRetriedForGet() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let response = try await transport.send(HTTPRequest(url: server.url("truncate", id, "fail=1")))
        #expect(response.status == 200)
        #expect(try await server.stats(id)["attempts"] as? Int == 2)
    }

    @Test(arguments: ["", "&chunked=1"])
    func oversizedBodyIsAnError(chunked: String) async throws {
        let server = try FaultServers.plain()
        let options = TransportOptions(retry: quickRetry(), maxResponseBytes: 100 << 10)
        let transport = try CurlTransport(options: options)
        let url = server.url("big", FaultServers.id(), "size=300000" + chunked)
        let error = await #expect(throws: TransportError.self) { try await transport.send(HTTPRequest(url: url)) }
        #expect(error?.reason == .responseTooLarge(limit: 100 << 10))
        #expect(error?.attempts == 1)
        #expect(error?.message == "GET \(url): response larger than the 100 KiB cap")
    }

    @Test func bodyJustUnderTheCapArrivesWhole() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: .none, maxResponseBytes: 300_000))
        let response = try await transport.send(HTTPRequest(url: server.url("big", FaultServers.id(), "size=300000&chunked=1")))
        #expect(response.body.count == 300_000)
    }

    @Test func slowLorisIsCutOffWithoutARequestTimeout() async throws {
        let server = try FaultServers.plain()
        let options = TransportOptions(requestTimeout: nil, retry: .none, stallTimeout: .seconds(1))
        let transport = try CurlTransport(options: options)
        let url = server.url("trickle", FaultServers.id(), "count=20&interval=1500")
        let start = ContinuousClock.now
        let error = await #expect(throws: TransportError.self) { try await transport.send(HTTPRequest(url: url)) }
        #expect(error?.reason == .stalled(for: .seconds(1)))
        #expect(error?.message == "GET \(url): stalled: under 1 byte/s for 1 s")
        #expect(elapsed(since: start) < 5)
    }

    @Test func silentServerIsCutOffWithoutARequestTimeout() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: .none, stallTimeout: .seconds(1)))
        let start = ContinuousClock.now
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: server.url("ok", FaultServers.id(), "latency=8000")))
        }
        #expect(error?.reason == .stalled(for: .seconds(1)))
        #expect(elapsed(since: start) < 5)
    }

    @Test func headerWithALineBreakIsRefusedBeforeSending() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        // A token read from a file, trailing newline and all.
        let request = HTTPRequest(url: server.url("ok", id), headers: [("Authorization", "Bearer CANARY-TOKEN\nX-Evil: 1")])
        let error = await #expect(throws: TransportError.self) { try await transport.send(request) }
        #expect(error?.reason == .invalidHeader(name: "Authorization"))
        #expect(error?.category == .input)
        #expect(error?.message.contains("CANARY") == false)
        #expect(try await server.stats(id)["attempts"] as? Int == 0)
    }

    @Test func requestTimeoutBoundsAnAttempt() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(requestTimeout: .milliseconds(300), retry: quickRetry()))
        let url = server.url("ok", FaultServers.id(), "latency=6000")
        let start = ContinuousClock.now
        let error = await #expect(throws: TransportError.self) { try await transport.send(HTTPRequest(url: url)) }
        #expect(error?.reason == .timedOut(after: .milliseconds(300)))
        #expect(error?.message == "GET \(url): timed out after 0.3 s")
        #expect(error?.hint != nil)
        #expect(elapsed(since: start) < 4)
    }

    @Test func perRequestTimeoutOverridesTheTransports() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(requestTimeout: .seconds(30), retry: .none))
        let url = server.url("ok", FaultServers.id(), "latency=6000")
        let start = ContinuousClock.now
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: url, timeout: .milliseconds(250)))
        }
        #expect(error?.reason == .timedOut(after: .milliseconds(250)))
        #expect(elapsed(since: start) < 4)
    }

    @Test func unresolvableHostSaysSo() async throws {
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry()))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "http://no-such-host.invalid/x"))
        }
        #expect(error?.reason == .couldNotResolve(host: "no-such-host.invalid"))
        #expect(error?.attempts == 1)
    }

    @Test func badURLIsAnInputError() async throws {
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "ftp://127.0.0.1/x"))
        }
        #expect(error?.reason == .invalidURL)
        #expect(error?.category == .input)
    }

    @Test func secretsNeverReachMessagesOrTheLog() async throws {
        let server = try FaultServers.plain()
        let lines = LogLines()
        let transport = try CurlTransport(options: TransportOptions(retry: quickRetry(maxAttempts: 2), log: lines.log))
        let headers = [(name: "Authorization", value: "Bearer CANARY-TOKEN-7f3a"), (name: "x-ms-version", value: "2021-08-06")]

        let failing = server.url("drop", FaultServers.id(), "sv=2021-08-06&sig=CANARY-SIG-9b2c&se=2030")
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: failing, headers: headers))
        }
        let retried = server.url("ok", FaultServers.id(), "statuses=503,200&sig=CANARY-SIG-9b2c")
        _ = try await transport.send(HTTPRequest(url: retried, headers: headers))

        let shown = [error?.message ?? "", error?.hint ?? "", String(describing: error)] + lines.lines
        #expect(lines.lines.count == 6)
        for text in shown {
            #expect(!text.contains("CANARY"), "leaked: \(text)")
        }
        #expect(error?.message.contains("sig=REDACTED&se=2030") == true)
    }
}
