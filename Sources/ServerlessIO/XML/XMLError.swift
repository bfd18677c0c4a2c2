import ServerlessSupport

/// A document from a server that we refuse to read. Category `.remote`: the server sent it.
public struct XMLError: UserFacingError, Equatable {
    public enum Reason: Equatable, Sendable {
        case tooLarge(limit: Int)
        case tooDeep(limit: Int)
        case tooMuchText(limit: Int)
        /// `<!DOCTYPE`: the door to entity bombs and external entities, never needed by Azure.
        case documentTypeRefused
        case empty
        /// libxml2 found it not well-formed; its first complaint, one line.
        case malformed(String)
    }

    public let reason: Reason
    /// What the document was, in the user's words: "the List Blobs response".
    public let source: String

    public init(_ reason: Reason, source: String) {
        self.reason = reason
        self.source = source
    }

    public var category: FailureCategory { .remote }

    public var message: String {
        "\(source) is not usable XML: \(reasonText)"
    }

    public var reasonText: String {
        switch reason {
        case let .tooLarge(limit): "it is larger than \(limit) bytes"
        case let .tooDeep(limit): "its elements nest deeper than \(limit) levels"
        case let .tooMuchText(limit): "it holds more than \(limit) bytes of text"
        case .documentTypeRefused: "it has a document type declaration (<!DOCTYPE>), which is not accepted"
        case .empty: "it is empty"
        case let .malformed(detail): detail
        }
    }
}
