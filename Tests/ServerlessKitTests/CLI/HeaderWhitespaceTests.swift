import Foundation
import Testing
@testable import ServerlessSupport

/// A header value may carry optional whitespace (spaces, tabs) around it, which every HTTP client strips
/// (RFC 9110 5.5); KEDA's Go client does, so a blobMetadata checkpoint whose `x-ms-meta-sequencenumber`
/// arrives as ` \t5\t ` is 5 to KEDA. Through the real libcurl transport: the test server sends every
/// header of every service padded so (`padded-headers`), and the report must be the one KEDA gives.
@Suite struct HeaderWhitespaceTests {
    /// Issue #18's minimal case: blobMetadata, partition 0, begin 0, last 100, metadata " 5" -> 95 unprocessed.
    @Test func paddedMetadataHeaderCountsAsKEDACountsIt() throws {
        let world = try CLIWorld()
        try world.azure.setHub("orders", json: #"{"partitions": 1, "last": [100], "begin": [0]}"#)
        try world.azure.seed(.blobMetadata, connectionString: world.storage, namespace: CLIWorld.namespace, hub: "orders",
                             sequences: ["0": 5])
        try world.azure.setFaults(["padded-headers"])
        // A SAS without list permission: the listing is refused, so the blob's metadata comes from Get
        // Blob's response headers, as KEDA reads it; the account key reads it from the listing.
        let readOnly = world.sasConnection(expiry: "2099-01-01T00:00:00Z", permissions: "r")
        for storage in [readOnly, world.storage] {
            try world.azure.clearLog()
            let run = try world.kubectl(world.flags(storage: storage) + ["-o", "json"] + world.endpoint)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try JSON.parse(run.stdout)
            #expect(report["partitions"].array.map { $0["status"].string } == ["ok"])
            #expect(report["partitions"][0]["checkpointSequenceNumber"] == .int(5))
            #expect(report["partitions"][0]["unprocessedEvents"] == .int(95))
            #expect(report["totalUnprocessedEvents"] == .int(95))
            let log = try world.azure.requestLog()
            #expect(!log.isEmpty && log.allSatisfy { $0.fault == "padded-headers" })
            if storage == readOnly {
                #expect(log.contains { $0.operation == "GetBlob" && $0.status == 200 })
            }
        }
    }

    /// The same checkpoint written as a fixture with " 5": Azure only ever receives metadata as header
    /// values, so it stores, lists and sends "5"; the test server's fixtures follow it.
    @Test func metadataGivenWithSurroundingSpacesIsStoredAsAzureStoresIt() throws {
        let world = try CLIWorld()
        try world.azure.setHub("orders", json: #"{"partitions": 1, "last": [100], "begin": [0]}"#)
        let blob = "\(CLIWorld.namespace)/orders/$default/checkpoint/0"
        try world.azure.admin("PUT", "blobs/ordersstore/checkpoints",
                              body: #"[{"name": "\#(blob)", "metadata": {"sequencenumber": " 5"}}]"#)
        let run = try world.kubectl(world.flags() + ["-o", "json"] + world.endpoint)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSON.parse(run.stdout)
        #expect(report["partitions"][0]["status"] == .string("ok"))
        #expect(report["partitions"][0]["unprocessedEvents"] == .int(95))
    }
}
