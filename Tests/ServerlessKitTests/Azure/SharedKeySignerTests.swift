import Foundation
import Testing
@testable import ServerlessIO

/// Vectors B–F, produced by azure-storage-blob 12.31.1's SharedKeyCredentialPolicy.
@Suite struct SharedKeySignerTests {
    static let signer = try! SharedKeySigner(accountName: "devstoreaccount1",
                                             accountKey: StorageConnectionString.developmentAccountKey)
    static let common: [(name: String, value: String)] = [
        ("x-ms-date", "Sat, 22 Nov 2025 10:00:00 GMT"), ("x-ms-version", "2021-08-06"),
    ]
    static let listQuery = "?restype=container&comp=list&prefix=ns.servicebus.windows.net%2Fhub%2F%24default%2Fcheckpoint%2F&include=metadata&maxresults=5000"
    static let blobURL = "http://127.0.0.1:10000/devstoreaccount1/checkpoints/ns.servicebus.windows.net/hub/%24default/checkpoint/0"

    @Test func vectorBListBlobsPathStyle() {
        let url = "http://127.0.0.1:10000/devstoreaccount1/checkpoints" + Self.listQuery
        let text = Self.signer.stringToSign(method: "GET", url: url, headers: Self.common)
        #expect(text == "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sat, 22 Nov 2025 10:00:00 GMT\nx-ms-version:2021-08-06\n"
                + "/devstoreaccount1/devstoreaccount1/checkpoints\ncomp:list\ninclude:metadata\nmaxresults:5000\n"
                + "prefix:ns.servicebus.windows.net/hub/$default/checkpoint/\nrestype:container")
        #expect(Self.signer.authorization(method: "GET", url: url, headers: Self.common)
                == "SharedKey devstoreaccount1:5QQ2ulNgq3AvSc8Br18qWqDdRcnu4zlDd7S8dBYQ4ys=")
    }

    @Test func vectorCListBlobsHostStyle() {
        let url = "https://devstoreaccount1.blob.core.windows.net/checkpoints" + Self.listQuery
        #expect(Self.signer.stringToSign(method: "GET", url: url, headers: Self.common)
                .contains("\n/devstoreaccount1/checkpoints\ncomp:list\n"))
        #expect(Self.signer.authorization(method: "GET", url: url, headers: Self.common)
                == "SharedKey devstoreaccount1:HU1xk3KxHv+kgY3iQhiODNNI1/giYFXMIWM9ssqrN8E=")
    }

    @Test func vectorDGetBlobProperties() {
        let text = Self.signer.stringToSign(method: "HEAD", url: Self.blobURL, headers: Self.common)
        #expect(text.hasSuffix("\n/devstoreaccount1/devstoreaccount1/checkpoints/ns.servicebus.windows.net/hub/%24default/checkpoint/0"))
        #expect(Self.signer.signature(forStringToSign: text) == "lpLscqTlPombFTrPaf8h3QjuXBUSyUVyHlEFsg02UQI=")
    }

    @Test func vectorEPutBlobWithMetadataAndZeroLength() {
        let headers: [(name: String, value: String)] = [
            ("x-ms-blob-type", "BlockBlob"), ("Content-Length", "0"),
            ("x-ms-meta-sequencenumber", "42"), ("x-ms-meta-offset", "8589934592"),
        ] + Self.common
        let text = Self.signer.stringToSign(method: "PUT", url: Self.blobURL, headers: headers)
        #expect(text == "PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-blob-type:BlockBlob\nx-ms-date:Sat, 22 Nov 2025 10:00:00 GMT\n"
                + "x-ms-meta-offset:8589934592\nx-ms-meta-sequencenumber:42\nx-ms-version:2021-08-06\n"
                + "/devstoreaccount1/devstoreaccount1/checkpoints/ns.servicebus.windows.net/hub/%24default/checkpoint/0")
        #expect(Self.signer.signature(forStringToSign: text) == "WUkPW1iipn4TMs8NvG6LPLSBpCyLDCP7rtn+/cvXx2o=")
    }

    @Test func vectorFSetBlobMetadata() {
        let headers: [(name: String, value: String)] = [
            ("Content-Length", "0"), ("x-ms-meta-sequencenumber", "42"), ("x-ms-meta-offset", "8589934592"),
        ] + Self.common
        #expect(Self.signer.authorization(method: "PUT", url: Self.blobURL + "?comp=metadata", headers: headers)
                == "SharedKey devstoreaccount1:t2tknxUyXOcbZ0coJnnr2XaVYV2x4LqtW+6D/0o420I=")
    }

    @Test func nonZeroContentLengthAndPositionalHeadersAreSigned() {
        let headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("Content-Length", "12"), ("If-None-Match", "*"),
            ("Date", "ignored because x-ms-date is present"),
        ] + Self.common
        let lines = Self.signer.stringToSign(method: "post", url: Self.blobURL, headers: headers)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "POST")
        #expect(lines[3] == "12")
        #expect(lines[5] == "application/json")
        #expect(lines[6] == "")
        #expect(lines[9] == "*")
    }

    @Test func headersAreCanonicalised() {
        let headers: [(name: String, value: String)] = [
            ("X-MS-Version", " 2021-08-06 "), ("x-ms-meta-b", "2"), ("x-ms-meta-a", "1"), ("x-ms-meta-a", "3"),
            ("Accept", "application/xml"),
        ]
        #expect(Self.signer.canonicalizedHeaders(headers) == "x-ms-meta-a:1,3\nx-ms-meta-b:2\nx-ms-version:2021-08-06\n")
    }

    @Test func queryIsDecodedSortedAndLowercased() {
        let resource = Self.signer.canonicalizedResource(
            "https://a.blob.core.windows.net/c?Comp=list&marker=2%21a%2Bb%2Fc&include=metadata&include=copy&prefix=a+b")
        #expect(resource == "/devstoreaccount1/c\ncomp:list\ninclude:copy,metadata\nmarker:2!a+b/c\nprefix:a b")
        #expect(Self.signer.canonicalizedResource("https://a.blob.core.windows.net") == "/devstoreaccount1/")
        #expect(Self.signer.canonicalizedResource("https://a.blob.core.windows.net/?comp=list") == "/devstoreaccount1/\ncomp:list")
    }

    @Test func signingAddsTheAuthorizationHeader() {
        var request = HTTPRequest(method: .head, url: Self.blobURL, headers: Self.common)
        Self.signer.sign(&request)
        #expect(request.header("Authorization") == "SharedKey devstoreaccount1:lpLscqTlPombFTrPaf8h3QjuXBUSyUVyHlEFsg02UQI=")
    }

    @Test func neverShowsTheKey() {
        let text = "\(Self.signer) \(String(reflecting: Self.signer))"
        var dumped = ""
        dump(Self.signer, to: &dumped)
        for output in [text, dumped] {
            #expect(!output.contains("Eby8"))
            #expect(!output.contains("17, 188"))
        }
    }
}
