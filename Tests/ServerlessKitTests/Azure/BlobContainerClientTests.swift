import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessSupport

@Suite struct BlobContainerClientTests {
    static let connection = try! StorageConnectionString.parse(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=\(StorageConnectionString.developmentAccountKey.value);"
        + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")
    static let prefix = "ns.servicebus.windows.net/hub/$default/checkpoint/"

    func client(_ http: ScriptedHTTPClient, connection: StorageConnectionString = connection) -> BlobContainerClient {
        BlobContainerClient(connection: connection, container: "checkpoints", http: http, clock: vectorClock)
    }

    @Test func firstListRequestIsVectorB() async throws {
        let http = ScriptedHTTPClient(responses: [.xml(200, ListBlobsFixtures.page([]))])
        let blobs = try await client(http).listBlobs(prefix: Self.prefix, includeMetadata: true)
        #expect(blobs.isEmpty)
        let request = try #require(http.requests.first)
        #expect(request.method == .get)
        #expect(request.url == "http://127.0.0.1:10000/devstoreaccount1/checkpoints" + SharedKeySignerTests.listQuery)
        #expect(request.header("x-ms-date") == "Sat, 22 Nov 2025 10:00:00 GMT")
        #expect(request.header("x-ms-version") == "2021-08-06")
        #expect(request.header("Authorization") == "SharedKey devstoreaccount1:5QQ2ulNgq3AvSc8Br18qWqDdRcnu4zlDd7S8dBYQ4ys=")
    }

    @Test func pagesUntilNextMarkerIsEmptyEvenThroughAnEmptyPage() async throws {
        // Continuation markers are opaque; this one needs encoding in every way a marker can.
        let marker1 = "2!100!MDAw+/= é?&#%x"
        let marker2 = "2!96!MDAwMDQ2IWNoZWNrcG9pbnQvMTAh"
        let http = ScriptedHTTPClient(responses: [
            .xml(200, ListBlobsFixtures.page([ListBlobsFixtures.checkpoint(Self.prefix + "0", sequenceNumber: 10, offset: 100),
                                              ListBlobsFixtures.checkpoint(Self.prefix + "1", sequenceNumber: 11, offset: 110)],
                                             nextMarker: "2!100!MDAw+/= é?&amp;#%x")),
            .xml(200, ListBlobsFixtures.page([], marker: "m", nextMarker: marker2)),
            .xml(200, ListBlobsFixtures.page([ListBlobsFixtures.checkpoint(Self.prefix + "2", sequenceNumber: 12, offset: 120)],
                                             marker: marker2)),
        ])
        var pageSizes: [Int] = []
        try await client(http).listBlobPages(prefix: Self.prefix) { pageSizes.append($0.blobs.count) }
        #expect(pageSizes == [2, 0, 1])

        let requests = http.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.method == .get })
        #expect(!requests[0].url.contains("marker="))
        #expect(requests[1].url.contains("&marker=2%21100%21MDAw%2B%2F%3D%20%C3%A9%3F%26%23%25x&"))
        #expect(requests[2].url.contains("&marker=2%2196%21MDAwMDQ2IWNoZWNrcG9pbnQvMTAh&"))
        // The same request as azure-storage-blob 12.31.1 signs it (list_blobs(...).by_page(marker1), with
        // x-ms-client-request-id removed): the marker is signed decoded.
        let signer = try SharedKeySigner(accountName: "devstoreaccount1", accountKey: StorageConnectionString.developmentAccountKey)
        #expect(signer.stringToSign(method: "GET", url: requests[1].url, headers: requests[1].headers.filter { $0.name != "Authorization" })
            .contains("\ninclude:metadata\nmarker:\(marker1)\nmaxresults:5000\n"))
        #expect(requests[1].header("Authorization") == "SharedKey devstoreaccount1:UIqj9+4O89h/vmUsUHOTPoWFKM3leYb8kbQVowwDxnc=")
    }

    @Test func listBlobsReturnsItemsWithPropertiesAndLowercaseMetadata() async throws {
        let http = ScriptedHTTPClient(responses: [
            .xml(200, ListBlobsFixtures.page([
                ListBlobsFixtures.checkpoint(Self.prefix + "0", sequenceNumber: 42, offset: 8_589_934_592),
                ListBlobsFixtures.checkpoint("ns.servicebus.windows.net/hub/%24Default/checkpoint/%0A1", sequenceNumber: 7, offset: 1,
                                             encoded: true, metadataKey: "SequenceNumber"),
            ])),
        ])
        let blobs = try await client(http).listBlobs(prefix: Self.prefix)
        #expect(blobs.map(\.name) == [Self.prefix + "0", "ns.servicebus.windows.net/hub/$Default/checkpoint/\n1"])
        #expect(blobs[0].metadata == ["sequencenumber": "42", "offset": "8589934592"])
        #expect(blobs[1].metadata["sequencenumber"] == "7")
        let properties = blobs[0].properties
        #expect(properties.contentLength == 0)
        #expect(properties.etag == "0x8DE29A1B2C3D4E5")
        #expect(properties.lastModified == Date(timeIntervalSince1970: 1_763_805_598))
        #expect(properties.creationTime == Date(timeIntervalSince1970: 1_763_715_600))
        #expect(properties.blobType == "BlockBlob")
        #expect(properties.leaseState == "available")
    }

    @Test func parsesAFullPageOf5000Blobs() throws {
        let blobs = (0..<5000).map { ListBlobsFixtures.checkpoint("\(Self.prefix)\($0)", sequenceNumber: $0 * 3, offset: $0) }
        let body = Array(ListBlobsFixtures.page(blobs, nextMarker: "2!96!next").utf8)
        let start = ContinuousClock.now
        let page = try ListBlobsPageParser.parse(body, source: "page")
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(page.blobs.count == 5000)
        #expect(page.nextMarker == "2!96!next")
        #expect(page.blobs[4999].name == Self.prefix + "4999")
        #expect(page.blobs[4999].metadata["sequencenumber"] == "14997")
        #expect(Set(page.blobs.map(\.name)).count == 5000)
    }

    @Test func readsBlobPrefixesAndSkipsUnknownElements() throws {
        let text = "<EnumerationResults><Blobs><BlobPrefix><Name>a/</Name></BlobPrefix><Future><Blob><Name>x</Name></Blob></Future>"
            + "<Blob><Name>b</Name><Properties><Content-Length>12</Content-Length><NewThing>1</NewThing></Properties></Blob>"
            + "</Blobs><NextMarker></NextMarker></EnumerationResults>"
        let page = try ListBlobsPageParser.parse(Array(text.utf8), source: "page")
        #expect(page.prefixes == ["a/"])
        #expect(page.blobs == [BlobItem(name: "b", properties: BlobProperties(contentLength: 12))])
        #expect(page.nextMarker == nil)
    }

    @Test func aPageThatIsNotAListingIsRefused() async throws {
        let http = ScriptedHTTPClient(responses: [.xml(200, "<html><body>captive portal</body></html>")])
        await #expect(throws: XMLError.self) { try await client(http).listBlobs() }
        let nameless = ScriptedHTTPClient(responses: [.xml(200, "<EnumerationResults><Blobs><Blob><Properties/></Blob></Blobs></EnumerationResults>")])
        await #expect(throws: XMLError.self) { try await client(nameless).listBlobs() }
    }

    @Test func aRepeatedMarkerStopsTheListing() async throws {
        let http = ScriptedHTTPClient { _ in .xml(200, ListBlobsFixtures.page([], nextMarker: "same")) }
        await #expect(throws: AzureStorageError.self) { try await client(http).listBlobs() }
        #expect(http.requests.count == 2)
    }

    @Test func getPropertiesSignsVectorDAndReadsHeaders() async throws {
        let http = ScriptedHTTPClient(responses: [HTTPResponse(status: 200, headers: [
            ("Content-Length", "0"), ("Last-Modified", "Sat, 22 Nov 2025 09:59:58 GMT"), ("ETag", "\"0x8DE29A1B2C3D4E5\""),
            ("x-ms-meta-SequenceNumber", "42"), ("X-Ms-Meta-Offset", "8589934592"), ("x-ms-blob-type", "BlockBlob"),
            ("x-ms-creation-time", "Fri, 21 Nov 2025 09:00:00 GMT"),
        ])])
        let item = try await client(http).getProperties("ns.servicebus.windows.net/hub/$default/checkpoint/0")
        let request = try #require(http.requests.first)
        #expect(request.method == .head)
        #expect(request.url == SharedKeySignerTests.blobURL)
        #expect(request.header("Authorization") == "SharedKey devstoreaccount1:lpLscqTlPombFTrPaf8h3QjuXBUSyUVyHlEFsg02UQI=")
        #expect(item.metadata == ["sequencenumber": "42", "offset": "8589934592"])
        #expect(item.properties.etag == "0x8DE29A1B2C3D4E5")
        #expect(item.properties.contentLength == 0)
        #expect(item.properties.lastModified == Date(timeIntervalSince1970: 1_763_805_598))
    }

    @Test func blobNamesAreEncodedLikeThePythonSDK() async throws {
        let connection = try StorageConnectionString.parse(
            "AccountName=myacct;AccountKey=\(StorageConnectionString.developmentAccountKey.value)")
        let http = ScriptedHTTPClient(responses: [HTTPResponse(status: 200)])
        _ = try await client(http, connection: connection).getProperties("Ns.servicebus.windows.net/Hub/$Default/checkpoint/0 a+b~é")
        let request = try #require(http.requests.first)
        // Both values from azure-storage-blob 12.31.1 get_blob_properties() (x-ms-client-request-id removed).
        #expect(request.url == "https://myacct.blob.core.windows.net/checkpoints/Ns.servicebus.windows.net/Hub/%24Default/checkpoint/0%20a%2Bb~%C3%A9")
        #expect(request.header("Authorization") == "SharedKey myacct:FPUGqzYnS1mCFXgDcpLoL+9P6/Ld82CPYBZAe4fC+7o=")
    }

    @Test func getBlobReturnsBodyMetadataAndProperties() async throws {
        let json = #"{"SequenceNumber":1,"PartitionId":"0","Owner":"","Token":"","Epoch":0}"#
        let http = ScriptedHTTPClient(responses: [HTTPResponse(status: 200, headers: [
            ("Content-Length", String(json.utf8.count)), ("Content-Type", "application/json"), ("ETag", "\"0x1\""),
            ("x-ms-meta-OWNINGHOST", "host-1"),
        ], body: Array(json.utf8))])
        let blob = try await client(http).getBlob("ns.servicebus.windows.net/hub/$Default/0")
        #expect(http.requests.first?.method == .get)
        #expect(http.requests.first?.url == "http://127.0.0.1:10000/devstoreaccount1/checkpoints/ns.servicebus.windows.net/hub/%24Default/0")
        #expect(String(decoding: blob.body, as: UTF8.self) == json)
        #expect(blob.metadata == ["owninghost": "host-1"])
        #expect(blob.properties.contentLength == Int64(json.utf8.count))
        #expect(blob.properties.contentType == "application/json")
        #expect(blob.name == "ns.servicebus.windows.net/hub/$Default/0")
    }

    @Test func sasCredentialGoesOnTheURLAndBearerInTheHeader() async throws {
        let sas = try StorageConnectionString.parse(
            "BlobEndpoint=https://myacct.blob.core.windows.net;SharedAccessSignature=sv=2021-08-06&sp=rl&sig=abc%2Bdef%3D")
        let http = ScriptedHTTPClient(responses: [.xml(200, ListBlobsFixtures.page([], nextMarker: "n1")), .xml(200, ListBlobsFixtures.page([]))])
        _ = try await client(http, connection: sas).listBlobs(prefix: "p/")
        #expect(http.requests[1].url == "https://myacct.blob.core.windows.net/checkpoints?restype=container&comp=list&prefix=p%2F"
                + "&marker=n1&include=metadata&maxresults=5000&sv=2021-08-06&sp=rl&sig=abc%2Bdef%3D")
        #expect(http.requests.allSatisfy { $0.header("Authorization") == nil })

        let bearer = ScriptedHTTPClient(responses: [HTTPResponse(status: 200)])
        let client = BlobContainerClient(endpoint: "https://myacct.blob.core.windows.net/", container: "c",
                                         credential: .bearer(Secret("eyJ0eXAi")), http: bearer)
        _ = try await client.getProperties("b")
        #expect(bearer.requests.first?.header("Authorization") == "Bearer eyJ0eXAi")
        #expect(bearer.requests.first?.url == "https://myacct.blob.core.windows.net/c/b")
        #expect(client.account == "myacct.blob.core.windows.net")
    }
}
