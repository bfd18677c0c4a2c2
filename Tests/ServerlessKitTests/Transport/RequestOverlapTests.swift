import Foundation
import Testing
@testable import ServerlessIO

/// Requests started together reach the server together, even over plain HTTP to one host: the Event Hubs
/// description, its partition feed and the storage listings of one inspection cost one round trip, not four.
@Suite struct RequestOverlapTests {
    @Test func fourRequestsToOneHostStartedTogetherCostOneRoundTrip() async throws {
        let server = try AzureTestServer(.init(faults: ["latency:ms=600"]))
        let transport = try CurlTransport(options: TransportOptions())
        let url = "http://127.0.0.1:\(server.port)/devstoreaccount1/checkpoints?restype=container&comp=list"
        let started = ContinuousClock.now
        let results = await transport.sendAll((0..<4).map { _ in HTTPRequest(method: .get, url: url) })
        let took = ContinuousClock.now - started
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        #expect(took < .milliseconds(1100), "took \(took): the requests waited for each other")
    }
}
