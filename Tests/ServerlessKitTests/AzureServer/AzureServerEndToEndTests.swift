import Foundation
import Testing
@testable import ServerlessIO

/// The plugin's own Blob client over libcurl and real sockets reads what the real Azure SDK wrote.
@Suite struct AzureServerEndToEndTests {
    @Test func curlClientReadsCheckpointsTheSDKWroteFollowingShortPages() async throws {
        // Pages of one blob each: the opaque markers hold '+', '/', '=' and must survive URL encoding.
        let server = try AzureTestServer(.init(faults: ["short-page:items=1"]))
        try server.seed(.blobMetadata, sequences: ["0": 100, "1": 120, "2": 7])
        try server.clearLog()

        let connection = try StorageConnectionString.parse(server.storageConnectionString)
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let client = BlobContainerClient(connection: connection, container: "checkpoints", http: transport)
        let prefix = "ns.servicebus.windows.net/hub/$default/checkpoint/"
        let blobs = try await client.listBlobs(prefix: prefix)
        #expect(blobs.map(\.name) == ["0", "1", "2"].map { prefix + $0 })
        #expect(blobs.map { $0.metadata["sequencenumber"] } == ["100", "120", "7"])
        let properties = try await client.getProperties(prefix + "1")
        #expect(properties.metadata["sequencenumber"] == "120")

        let log = try server.requestLog()
        #expect(try server.methodsSeen() == ["GET", "HEAD"])
        #expect(log.map(\.operation) == ["ListBlobs", "ListBlobs", "ListBlobs", "GetBlobProperties"])
        #expect(log.allSatisfy { $0.status == 200 && $0.auth == "sharedkey" && $0.version == "2021-08-06" })
    }
}
