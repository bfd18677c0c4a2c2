import Foundation
import Testing

/// The helper itself: it starts the server, seeds with the real SDK and reads the request log.
@Suite struct AzureTestServerTests {
    @Test func seedsCheckpointsWithTheSDKAndLogsTheRequests() throws {
        let server = try AzureTestServer(.init(hubs: ["orders:partitions=2:last=150,120"]))
        let seeded = try server.seed(.blobMetadata, hub: "orders", sequences: ["0": 100, "1": 120])

        // The Python checkpoint store lowercases the whole name (azure-eventhub-checkpointstoreblob).
        #expect(seeded.map(\.blob) == ["ns.servicebus.windows.net/orders/$default/checkpoint/0",
                                       "ns.servicebus.windows.net/orders/$default/checkpoint/1"])
        #expect(seeded.map(\.sequence) == [100, 120])

        // update_checkpoint tries Set Blob Metadata first, gets 404, then puts an empty blob.
        let log = try server.requestLog()
        #expect(try server.methodsSeen() == ["PUT"])
        #expect(log.map(\.operation) == ["CreateContainer", "SetBlobMetadata", "PutBlob", "SetBlobMetadata", "PutBlob"])
        #expect(log.map(\.status) == [201, 404, 201, 404, 201])
        #expect(log.allSatisfy { $0.auth == "sharedkey" && $0.service == "blob" })
        #expect(log[2].path == "/devstoreaccount1/checkpoints/ns.servicebus.windows.net/orders/%24default/checkpoint/0")
        #expect(log[1].error == "BlobNotFound")
    }

    @Test func legacyLayoutsAndRuntimeControl() throws {
        let server = try AzureTestServer()
        let seeded = try server.seed(.dapr, container: "dapr-checkpoints", hub: "orders", sequences: ["1": 7, "0": 5])
        #expect(seeded.map(\.blob) == ["dapr-orders-$Default-0", "dapr-orders-$Default-1"])

        try server.clearLog()
        #expect(try server.requestLog().isEmpty)
        try server.setFaults(["throttle:status=503:retry-after=1"])
        #expect(try server.admin("GET", "faults").contains("\"throttle\""))
        try server.setHub("wide", json: #"{"partitions": 1024, "last": [7]}"#)
        #expect(try server.admin("GET", "hubs").contains("\"wide\""))
    }

    @Test func connectionStringsPointAtTheServer() throws {
        let server = try AzureTestServer()
        #expect(server.blobEndpoint == "http://127.0.0.1:\(server.port)/devstoreaccount1")
        #expect(server.storageConnectionString.contains("BlobEndpoint=\(server.blobEndpoint);"))
        #expect(server.eventHubsConnectionString(hub: "orders") ==
            "Endpoint=sb://127.0.0.1:\(server.port)/;SharedAccessKeyName=RootManageSharedAccessKey;"
            + "SharedAccessKey=SGVsbG9Xb3JsZEtleUZvclRlc3RpbmdPbmx5MTIzNDU2Nzg5MA==;EntityPath=orders;"
            + "UseDevelopmentEmulator=true")
    }
}
