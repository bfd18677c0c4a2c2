/// Bounds on what a server may make us parse. A List Blobs page of 5000 blobs with metadata is a
/// few MB; the defaults leave room for long names and 8 KB of metadata per blob.
public struct XMLLimits: Sendable, Equatable {
    public var maxDocumentBytes: Int
    public var maxDepth: Int
    /// Total text and attribute bytes delivered, across the whole document.
    public var maxTextBytes: Int

    public init(maxDocumentBytes: Int = 64 << 20, maxDepth: Int = 32, maxTextBytes: Int = 64 << 20) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxTextBytes = maxTextBytes
    }

    public static let `default` = XMLLimits()
}
