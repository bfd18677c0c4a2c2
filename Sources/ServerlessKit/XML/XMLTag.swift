/// One element as the reader meets it. Names are local names; `namespace` is the URI, if any.
public struct XMLTag: Sendable {
    public let name: String
    public let namespace: String?
    /// By local name, in document order.
    public let attributes: [(name: String, value: String)]
    /// Local names of the open elements, the root first and this element last.
    public let path: [String]

    public var depth: Int { path.count }

    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The local name of the enclosing element, if any.
    public var parent: String? { path.count >= 2 ? path[path.count - 2] : nil }
}

/// Receives elements as they stream past. Throwing stops the parse; the error reaches the caller
/// of `XMLReader.parse` unchanged.
public protocol XMLContentHandler: AnyObject {
    func start(_ tag: XMLTag) throws
    /// `text` is the element's own character data (not its children's), entities decoded.
    func end(_ tag: XMLTag, text: String) throws
}

extension XMLContentHandler {
    public func start(_ tag: XMLTag) throws {}
}
