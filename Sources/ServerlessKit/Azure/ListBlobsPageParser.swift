import Foundation

/// Streams a List Blobs `<EnumerationResults>` document into a `ListBlobsPage`.
final class ListBlobsPageParser: XMLContentHandler {
    private(set) var page = ListBlobsPage(blobs: [], prefixes: [], nextMarker: nil)
    private var current: BlobItem?
    private var nameIsEncoded = false
    private let source: String

    init(source: String) { self.source = source }

    static func parse(_ body: [UInt8], source: String) throws -> ListBlobsPage {
        let parser = ListBlobsPageParser(source: source)
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

extension ListBlobsPage {
    /// One List Blobs response body, parsed as `BlobContainerClient` parses every page.
    /// `source` names the document in errors ("the List Blobs response for container ...").
    public init(listBlobsXML body: [UInt8], source: String) throws {
        self = try ListBlobsPageParser.parse(body, source: source)
    }
}
