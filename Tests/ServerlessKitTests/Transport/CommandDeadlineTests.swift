import Foundation
import Testing
@testable import ServerlessIO

/// The whole-command bound and the request counts behind the progress line, over real sockets against the
/// Azure test server.
@Suite struct CommandDeadlineTests {
    @Test func aBodyTrickledAtOneBytePerSecondEndsAtTheDeadlineNamingThePendingRequest() async throws {
        // 1 byte/s is not a stall (libcurl's low-speed bound is below 1 byte/s): only the deadline ends it.
        let server = try AzureTestServer(.init(faults: ["trickle:interval=1000:service=blob"]))
        let tracker = RequestTracker()
        let http = TrackedHTTPClient(try CurlTransport(options: TransportOptions()), tracker: tracker)
        let client = BlobContainerClient(connection: try StorageConnectionString.parse(server.storageConnectionString),
                                         container: "checkpoints", http: http)
        let started = ContinuousClock.now
        await #expect(throws: CommandDeadline.Exceeded.self) {
            _ = try await CommandDeadline(limit: .seconds(2), tracker: tracker).run { try await client.listBlobs() }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        do {
            _ = try await CommandDeadline(limit: .seconds(1), tracker: tracker).run { try await client.getBlob("a/0") }
            Issue.record("the trickled Get Blob ended before the deadline")
        } catch let error as CommandDeadline.Exceeded {
            #expect(error.message.hasPrefix("gave up after 1 s: still waiting for GET http://127.0.0.1:\(server.port)/devstoreaccount1/checkpoints"))
            #expect(error.category == .remote)
        }
    }

    @Test func theTrackerCountsDoneAndTotalAndForgetsWhatEnded() async throws {
        let server = try AzureTestServer()
        let tracker = RequestTracker()
        let http = TrackedHTTPClient(try CurlTransport(options: TransportOptions()), tracker: tracker)
        let client = BlobContainerClient(connection: try StorageConnectionString.parse(server.storageConnectionString),
                                         container: "nothing-here", http: http)
        _ = await http.sendAll((0..<3).map { _ in HTTPRequest(method: .get, url: "http://127.0.0.1:\(server.port)/devstoreaccount1?comp=list") })
        _ = try? await client.getBlob("x")
        #expect(tracker.progress == (done: 4, total: 4))
        #expect(tracker.pendingRequests.isEmpty)
        // What a request's hurry shows never carries its query (a SAS lives there).
        let waiting = Task { try await client.listBlobs() }
        _ = try? await waiting.value
        #expect(tracker.pendingRequests.allSatisfy { !$0.contains("?") })
    }
}
