import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessKubernetes

/// The byte-level List Blobs parser against the simple `XMLTag` one it replaced (kept below as the
/// oracle): same page or same failure, on the service's shape and on every oddity we could think of.
@Suite struct ListBlobsPageParserTests {
    static let prefix = "myns.servicebus.windows.net/hub/$default/checkpoint/"

    static func blob(_ inner: String) -> String { "<Blob>\(inner)</Blob>" }

    static let oddDocuments: [String] = {
        let p = ListBlobsFixtures.self
        let checkpoint = p.checkpoint(prefix + "0", sequenceNumber: 42, offset: 8_589_934_592)
        func properties(_ inner: String) -> String { "<Blob><Name>b</Name><Properties>\(inner)</Properties></Blob>" }
        return [
            p.page([checkpoint], nextMarker: "2!96!MDAwMDQ2IWNoZWNrcG9pbnQvMTAh"),
            p.page((0..<40).map { p.checkpoint(prefix + "\($0)", sequenceNumber: $0, offset: $0 * 7) }),
            p.page([p.checkpoint("a%20b%2Fc%E2%82%AC", sequenceNumber: 1, offset: 2, encoded: true)]),
            p.page([p.checkpoint("x", sequenceNumber: 1, offset: 2, metadataKey: "SequenceNumber")]),
            p.page([p.checkpoint("x", sequenceNumber: 1, offset: 2, metadataKey: "Ünïcode")]),
            p.page([checkpoint.replacingOccurrences(of: "<Name>", with: "<Name Encoded=\"TRUE\">")]),
            p.page([checkpoint.replacingOccurrences(of: "<Name>", with: "<Name Encoded=\"false\">")]),
            p.page([checkpoint.replacingOccurrences(of: "<Name>", with: "<Name Other=\"a&amp;b\" Encoded=\"tr&#117;e\">")]),
            p.page([Self.blob("<Name>a &amp; b&#x20AC;<![CDATA[<c>]]></Name>")]),
            p.page([Self.blob("<Name>out<i>in</i>side</Name>")]),
            p.page([Self.blob("<Name></Name>")]),
            p.page([Self.blob("<Properties/>")]),
            p.page([Self.blob("<Name>a</Name><Name>b</Name>")]),
            p.page([properties("<Etag>\"0x8D1\"</Etag><Content-Length>+12</Content-Length><Content-Type></Content-Type>")]),
            p.page([properties("<Etag>W/\"0x8D1\"</Etag><Content-Length>99999999999999999999</Content-Length>")]),
            p.page([properties("<Etag>\"</Etag><LeaseState>leased<x>y</x></LeaseState><BlobType>PageBlob</BlobType>")]),
            p.page([properties("<Last-Modified>Sat, 22 Nov 2025 9:59:58 GMT</Last-Modified>")]),
            p.page([properties("<Last-Modified>Sat,  22 Nov 2025 09:59:58 GMT</Last-Modified>")]),
            p.page([properties("<Last-Modified>sat, 22 nov 2025 09:59:58 GMT</Last-Modified>")]),
            p.page([properties("<Last-Modified>Sat, 30 Feb 2025 23:59:60 GMT</Last-Modified>")]),
            p.page([properties("<Last-Modified>Sat, 22 Nov 2025 24:00:00 GMT</Last-Modified>")]),
            p.page([properties("<Last-Modified>Sat, 00 Nov 2025 10:00:00 GMT</Last-Modified>")]),
            p.page([properties("<Last-Modified>Sat, 22 Nov 2025 10:00:00 UTC</Last-Modified>")]),
            p.page([properties("<Creation-Time>12, 22 Nov 2025 10:00:00 GMT</Creation-Time>")]),
            p.page([properties("<Creation-Time>Sat, 22 Nov 0000 10:00:00 GMT</Creation-Time>")]),
            p.page([properties("<Creation-Time>Sat, 22 Nov 2025 10:00:00 GMT </Creation-Time>")]),
            p.page([Self.blob("<Name>b</Name><Metadata><K>1</K><k>2</k><Big>x<y>z</y>w</Big></Metadata>")]),
            p.page([Self.blob("<Name>b</Name><Metadata /><Metadata><a>1</a></Metadata>")]),
            p.page([Self.blob("<Name>b</Name><Properties><Metadata><a>1</a></Metadata></Properties>")]),
            p.page(["<BlobPrefix><Name>dir/</Name></BlobPrefix>", checkpoint, "<BlobPrefix><Name>d2/</Name></BlobPrefix>"]),
            "<EnumerationResults><Other><BlobPrefix><Name>outside</Name></BlobPrefix></Other></EnumerationResults>",
            "<EnumerationResults><Other><Blob><Name>outside</Name></Blob></Other><Blobs/></EnumerationResults>",
            "<EnumerationResults><NextMarker>m<a>x</a>n</NextMarker></EnumerationResults>",
            "<EnumerationResults><NextMarker></NextMarker></EnumerationResults>",
            "<EnumerationResults><Blobs><Blobs><Blob><Name>deep</Name></Blob></Blobs></Blobs></EnumerationResults>",
            "<x:EnumerationResults xmlns:x=\"urn:x\"><x:Blobs><x:Blob><x:Name>ns</x:Name></x:Blob></x:Blobs></x:EnumerationResults>",
            "<EnumerationResults><Blobs><Blob><Name>a</Name></Blob><Blob><Properties/></Blob></Blobs></EnumerationResults>",
            "<Error><Code>AuthenticationFailed</Code></Error>",
            "<EnumerationResults><Blobs><Blob><Name>unclosed</Name></Blobs></EnumerationResults>",
            "<!DOCTYPE EnumerationResults [<!ENTITY a \"b\">]><EnumerationResults/>",
        ]
    }()

    @Test(arguments: oddDocuments) func sameResultAsTheTagParser(_ document: String) {
        expectSameOutcome(Array(document.utf8))
    }

    /// Seeded, so a failure replays: cuts, copies and swaps of pieces of a real page.
    @Test func sameResultOnMutatedPages() {
        let p = ListBlobsFixtures.self
        let base = Array(p.page([
            p.checkpoint(Self.prefix + "0", sequenceNumber: 42, offset: 8_589_934_592),
            "<BlobPrefix><Name>dir/</Name></BlobPrefix>",
            p.checkpoint("a%20b", sequenceNumber: 7, offset: 1, encoded: true, metadataKey: "Offset"),
        ], nextMarker: "next").utf8)
        var random = SplitMix(seed: 20_251_122)
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<(1 + random.next(3)) {
                let a = random.next(bytes.count), b = min(bytes.count, a + random.next(40))
                switch random.next(3) {
                case 0: bytes.removeSubrange(a..<b)
                case 1: bytes.insert(contentsOf: bytes[a..<b], at: random.next(bytes.count))
                default:
                    let piece = Array(bytes[a..<b])
                    bytes.removeSubrange(a..<b)
                    bytes.insert(contentsOf: piece, at: random.next(bytes.count + 1))
                }
            }
            expectSameOutcome(bytes)
        }
    }

    @Test func canonicalDatesAgreeWithAzureTime() {
        let dates = ["Sat, 22 Nov 2025 09:59:58 GMT", "Thu, 01 Jan 1970 00:00:00 GMT", "Wed, 09 Sep 2009 09:20:02 GMT",
                     "Mon, 29 Feb 2016 23:59:60 GMT", "Xyz, 31 Dec 9999 23:59:59 GMT", "Sat, 32 Nov 2025 09:59:58 GMT",
                     "Sat, 22 Nov 2025 09:60:58 GMT", "Sat, 22 Nov 2025 09:59:58 gmt", "Sat, 22 NOV 2025 09:59:58 GMT"]
        for text in dates {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { AzureTime.parseRFC1123($0) }
            #expect(fast == AzureTime.parseRFC1123(text), "\(text)")
        }
        #expect(Array("Sat, 22 Nov 2025 09:59:58 GMT".utf8).withUnsafeBufferPointer { AzureTime.parseRFC1123($0) }
            == Date(timeIntervalSince1970: 1_763_805_598))
    }

    func expectSameOutcome(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let fast = Result { try ListBlobsPageParser.parse(bytes, source: "page") }
        let oracle = Result { try ReferenceListBlobsParser.parse(bytes, source: "page") }
        let document = String(decoding: bytes, as: UTF8.self)
        switch (fast, oracle) {
        case let (.success(a), .success(b)):
            #expect(a.blobs == b.blobs && a.prefixes == b.prefixes && a.nextMarker == b.nextMarker,
                    "\(document)", sourceLocation: sourceLocation)
        case let (.failure(a), .failure(b)):
            #expect(a as? XMLError == b as? XMLError, "\(document)", sourceLocation: sourceLocation)
        default:
            Issue.record("fast \(fast), reference \(oracle) for \(document)", sourceLocation: sourceLocation)
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return bound <= 0 ? 0 : Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// The List Blobs parser as it was before the byte-level rewrite, kept as the oracle.
private final class ReferenceListBlobsParser: XMLContentHandler {
    private(set) var page = ListBlobsPage(blobs: [], prefixes: [], nextMarker: nil)
    private var current: BlobItem?
    private var nameIsEncoded = false
    private let source: String

    init(source: String) { self.source = source }

    static func parse(_ body: [UInt8], source: String) throws -> ListBlobsPage {
        let parser = ReferenceListBlobsParser(source: source)
        try XMLReader.parse(body, source: source, handler: parser)
        return parser.page
    }

    func start(_ tag: XMLTag) throws {
        let path = tag.path
        if path.count == 1, tag.name != "EnumerationResults" {
            throw XMLError(.malformed("expected <EnumerationResults>, found <\(tag.name)>"), source: source)
        }
        if path.count == 3, path[1] == "Blobs", tag.name == "Blob" {
            current = BlobItem(name: "")
        } else if path.count == 4, path[2] == "Blob", tag.name == "Name" {
            nameIsEncoded = tag.attribute("Encoded")?.lowercased() == "true"
        }
    }

    func end(_ tag: XMLTag, text: String) throws {
        let path = tag.path
        switch path.count {
        case 2 where tag.name == "NextMarker":
            page.nextMarker = text.isEmpty ? nil : text
        case 3 where path[1] == "Blobs" && tag.name == "Blob":
            guard let blob = current, !blob.name.isEmpty else {
                throw XMLError(.malformed("a <Blob> has no <Name>"), source: source)
            }
            page.blobs.append(blob)
            current = nil
        case 4 where path[2] == "Blob" && tag.name == "Name":
            current?.name = nameIsEncoded ? PercentEncoding.decode(text) : text
        case 4 where path[2] == "BlobPrefix" && tag.name == "Name":
            page.prefixes.append(text)
        case 5 where path[2] == "Blob" && path[3] == "Properties":
            setProperty(tag.name, text)
        case 5 where path[2] == "Blob" && path[3] == "Metadata":
            current?.metadata[tag.name.lowercased()] = text
        default:
            break
        }
    }

    private func setProperty(_ name: String, _ text: String) {
        guard current != nil, !text.isEmpty else { return }
        switch name {
        case "Content-Length": current!.properties.contentLength = Int64(text)
        case "Last-Modified": current!.properties.lastModified = AzureTime.parseRFC1123(text)
        case "Creation-Time": current!.properties.creationTime = AzureTime.parseRFC1123(text)
        case "Etag": current!.properties.etag = BlobProperties.normalizeETag(text)
        case "Content-Type": current!.properties.contentType = text
        case "BlobType": current!.properties.blobType = text
        case "LeaseState": current!.properties.leaseState = text
        default: break
        }
    }
}
