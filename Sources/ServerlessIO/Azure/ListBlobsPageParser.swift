import Foundation

/// Streams a List Blobs `<EnumerationResults>` document into a `ListBlobsPage`.
///
/// A page is 5,000 blobs of some 30 elements each, so this reads libxml2's bytes directly: element
/// names are compared as bytes, and text becomes a String only for the fields a `BlobItem` keeps.
package final class ListBlobsPageParser: XMLElementHandler {
    /// What an open element is to a listing. The one above it decides: a `<Name>` matters only
    /// inside `Blobs/Blob` or `BlobPrefix`, a property only inside `Blob/Properties`.
    private enum Role {
        case root, blobs, blob, blobPrefix, properties, metadata
        case nextMarker, blobName, prefixName, metadataValue
        case property(Property)
        case ignored
    }

    private enum Property {
        case contentLength, lastModified, creationTime, etag, contentType, blobType, leaseState
    }

    // Touched only from this parse's callbacks, one at a time: no need for Swift's run-time
    // exclusivity checks, which cost more than the work they guard here.
    @exclusivity(unchecked) package private(set) var page = ListBlobsPage(blobs: [], prefixes: [], nextMarker: nil)
    private var nameIsEncoded = false
    /// The open elements, the root first.
    @exclusivity(unchecked) private var open: [Role] = []
    private let source: String

    package init(source: String) {
        self.source = source
        open.reserveCapacity(8)
    }

    package static func parse(_ body: [UInt8], source: String) throws -> ListBlobsPage {
        let parser = ListBlobsPageParser(source: source)
        try XMLReader.parse(body, source: source, elements: parser)
        return parser.page
    }

    package func start(_ element: XMLElementView) throws -> Bool {
        let role = try role(of: element, under: open.last)
        open.append(role)
        switch role {
        case .blob:
            // Filled in place as its children end (a Name, Properties and Metadata are only read
            // inside a Blob): no copy of the finished item.
            page.blobs.append(BlobItem(name: ""))
        case .metadata:
            // A checkpoint carries two keys (sequencenumber, offset): one allocation instead of two.
            page.blobs[page.blobs.count - 1].metadata.reserveCapacity(2)
        case .blobName:
            nameIsEncoded = element.attribute("Encoded")?.lowercased() == "true"
        default:
            break
        }
        switch role {
        case .nextMarker, .blobName, .prefixName, .metadataValue, .property: return true
        default: return false
        }
    }

    private func role(of element: XMLElementView, under parent: Role?) throws -> Role {
        // Prefixes have always been read from any third-level <BlobPrefix>, not only inside <Blobs>.
        if element.depth == 3, element.isNamed("BlobPrefix") { return .blobPrefix }
        switch parent {
        case nil:
            guard element.isNamed("EnumerationResults") else {
                throw XMLError(.malformed("expected <EnumerationResults>, found <\(element.nameString)>"), source: source)
            }
            return .root
        case .root:
            if element.isNamed("Blobs") { return .blobs }
            if element.isNamed("NextMarker") { return .nextMarker }
        case .blobs:
            if element.isNamed("Blob") { return .blob }
        case .blob:
            if element.isNamed("Name") { return .blobName }
            if element.isNamed("Properties") { return .properties }
            if element.isNamed("Metadata") { return .metadata }
        case .blobPrefix:
            if element.isNamed("Name") { return .prefixName }
        case .properties:
            return Self.property(element).map(Role.property) ?? .ignored
        case .metadata:
            return .metadataValue
        default:
            break
        }
        return .ignored
    }

    /// The properties a `BlobItem` keeps; the other dozen are skipped unread.
    private static func property(_ element: XMLElementView) -> Property? {
        if element.isNamed("Last-Modified") { return .lastModified }
        if element.isNamed("Etag") { return .etag }
        if element.isNamed("Content-Length") { return .contentLength }
        if element.isNamed("Content-Type") { return .contentType }
        if element.isNamed("Creation-Time") { return .creationTime }
        if element.isNamed("BlobType") { return .blobType }
        if element.isNamed("LeaseState") { return .leaseState }
        return nil
    }

    package func end(_ element: XMLElementView, text: UnsafeBufferPointer<UInt8>) throws {
        guard let role = open.popLast() else { return }
        switch role {
        case .nextMarker:
            page.nextMarker = text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
        case .blob:
            guard !page.blobs[page.blobs.count - 1].name.isEmpty else {
                throw XMLError(.malformed("a <Blob> has no <Name>"), source: source)
            }
        case .blobName:
            let name = String(decoding: text, as: UTF8.self)
            page.blobs[page.blobs.count - 1].name = nameIsEncoded ? PercentEncoding.decode(name) : name
        case .prefixName:
            page.prefixes.append(String(decoding: text, as: UTF8.self))
        case let .property(property):
            guard !text.isEmpty else { return }
            setProperty(property, text)
        case .metadataValue:
            page.blobs[page.blobs.count - 1].metadata[Self.metadataKey(element.name)] = String(decoding: text, as: UTF8.self)
        default:
            break
        }
    }

    private func setProperty(_ property: Property, _ bytes: UnsafeBufferPointer<UInt8>) {
        let text = { String(decoding: bytes, as: UTF8.self) }
        let last = page.blobs.count - 1
        switch property {
        case .contentLength: page.blobs[last].properties.contentLength = Int64(text())
        case .lastModified: page.blobs[last].properties.lastModified = AzureTime.parseRFC1123(bytes)
        case .creationTime: page.blobs[last].properties.creationTime = AzureTime.parseRFC1123(bytes)
        case .etag: page.blobs[last].properties.etag = Self.etag(bytes)
        case .contentType: page.blobs[last].properties.contentType = text()
        case .blobType: page.blobs[last].properties.blobType = text()
        case .leaseState: page.blobs[last].properties.leaseState = text()
        }
    }

    /// Listings send ETags bare (`0x8D...`); only a quoted or weak one needs `normalizeETag`.
    private static func etag(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.first == UInt8(ascii: "W") || bytes.contains(UInt8(ascii: "\"")) else { return text }
        return BlobProperties.normalizeETag(text)
    }

    /// Metadata keys are case-insensitive; we keep them lowercase. ASCII (every SDK's keys) without
    /// going through Unicode case mapping.
    private static func metadataKey(_ name: UnsafeBufferPointer<UInt8>) -> String {
        guard name.allSatisfy({ $0 < 0x80 }) else { return String(decoding: name, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: name.count) { out in
            for (index, byte) in name.enumerated() {
                out[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            return name.count
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
