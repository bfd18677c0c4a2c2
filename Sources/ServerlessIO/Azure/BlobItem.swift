import Foundation

/// The properties we read from List Blobs `<Properties>` or from Get Blob (Properties) headers.
public struct BlobProperties: Sendable, Equatable {
    public var contentLength: Int64?
    public var lastModified: Date?
    public var creationTime: Date?
    /// Surrounding quotes stripped: headers send `"0x8D..."`, listings `0x8D...`; both compare equal.
    public var etag: String?
    public var contentType: String?
    public var blobType: String?
    public var leaseState: String?

    public init(contentLength: Int64? = nil, lastModified: Date? = nil, creationTime: Date? = nil,
                etag: String? = nil, contentType: String? = nil, blobType: String? = nil, leaseState: String? = nil) {
        self.contentLength = contentLength
        self.lastModified = lastModified
        self.creationTime = creationTime
        self.etag = etag.map(Self.normalizeETag)
        self.contentType = contentType
        self.blobType = blobType
        self.leaseState = leaseState
    }

    package static func normalizeETag(_ etag: String) -> String {
        var value = Substring(etag)
        if value.hasPrefix("W/") { value = value.dropFirst(2) }
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = value.dropFirst().dropLast() }
        return String(value)
    }

    /// From Get Blob / Get Blob Properties response headers.
    package init(headers response: HTTPResponse) {
        self.init(contentLength: response.header("Content-Length").flatMap { Int64($0) },
                  lastModified: response.header("Last-Modified").flatMap(AzureTime.parseRFC1123),
                  creationTime: response.header("x-ms-creation-time").flatMap(AzureTime.parseRFC1123),
                  etag: response.header("ETag"),
                  contentType: response.header("Content-Type"),
                  blobType: response.header("x-ms-blob-type"),
                  leaseState: response.header("x-ms-lease-state"))
    }
}

/// One blob as listed or as its properties were read.
public struct BlobItem: Sendable, Equatable {
    /// Decoded (a listing's `Encoded="true"` names are percent-decoded).
    public var name: String
    public var properties: BlobProperties
    /// Keys lowercased (metadata keys are case-insensitive; HTTP/2 and Go change their case).
    public var metadata: [String: String]

    public init(name: String, properties: BlobProperties = BlobProperties(), metadata: [String: String] = [:]) {
        self.name = name
        self.properties = properties
        self.metadata = metadata
    }
}

/// A blob with its content (Get Blob).
public struct Blob: Sendable {
    public var item: BlobItem
    public var body: [UInt8]

    public var name: String { item.name }
    public var properties: BlobProperties { item.properties }
    public var metadata: [String: String] { item.metadata }
}

/// One page of List Blobs.
public struct ListBlobsPage: Sendable {
    public var blobs: [BlobItem]
    /// `BlobPrefix` names, only when listing with a delimiter.
    public var prefixes: [String]
    /// nil when the listing is complete.
    public var nextMarker: String?
}
