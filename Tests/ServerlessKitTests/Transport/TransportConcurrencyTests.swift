import Foundation
import Testing
@testable import ServerlessIO

/// Many requests in flight over one multi handle, bounded, on reused connections.
@Suite struct TransportConcurrencyTests {
    @Test func fiftyParallelRequestsOverlapAndReuseConnections() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let requests = (0..<50).map { HTTPRequest(url: server.url("ok", id, "latency=200&n=\($0)")) }

        let start = ContinuousClock.now
        let first = await transport.sendAll(requests)
        let firstWave = elapsed(since: start)
        let second = await transport.sendAll(requests)

        for result in first + second { #expect((try? result.get().status) == 200) }
        // In order: each result echoes its own request.
        #expect((try first[7].get().echo["path"] as? String)?.hasSuffix("n=7") == true)
        // 50 x 200 ms one after the other would take 10 s.
        #expect(firstWave < 5)
        let stats = try await server.stats(id)
        #expect(stats["attempts"] as? Int == 100)
        #expect((stats["max_concurrent"] as? Int ?? 0) >= 10)
        // The second wave runs on the first wave's connections.
        #expect((stats["connections"] as? Int ?? 100) <= 55)
    }

    @Test func atMostMaxConcurrentRequestsOnTheWire() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: .none, maxConcurrentRequests: 4))
        let results = await transport.sendAll((0..<12).map { _ in HTTPRequest(url: server.url("ok", id, "latency=100")) })
        #expect(results.allSatisfy { (try? $0.get().status) == 200 })
        let stats = try await server.stats(id)
        let concurrent = stats["max_concurrent"] as? Int ?? 0
        #expect(concurrent >= 2 && concurrent <= 4)
        #expect((stats["connections"] as? Int ?? 99) <= 4)
    }

    @Test func cancellingATaskEndsItsRequestPromptly() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let url = server.url("ok", FaultServers.id(), "latency=6000")
        let start = ContinuousClock.now
        let task = Task { try await transport.send(HTTPRequest(url: url)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(elapsed(since: start) < 4)
        // The transport keeps working after a cancellation.
        let next = try await transport.send(HTTPRequest(url: server.url("ok", FaultServers.id())))
        #expect(next.status == 200)
    }

    @Test func alreadyCancelledTaskSendsNothing() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await transport.send(HTTPRequest(url: server.url("ok", id)))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try await server.stats(id)["attempts"] as? Int == 0)
    }
}
