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

/// Turns the byte-level callbacks into `XMLTag`s with their text, for `XMLContentHandler`s.
package final class XMLTagBuilder: XMLElementHandler {
    private let handler: XMLContentHandler
    private var tags: [XMLTag] = []
    private var path: [String] = []

    package init(_ handler: XMLContentHandler) { self.handler = handler }

    package func start(_ element: XMLElementView) throws -> Bool {
        path.append(element.nameString)
        let tag = XMLTag(name: path[path.count - 1], namespace: element.namespace, attributes: element.attributes, path: path)
        tags.append(tag)
        try handler.start(tag)
        return true
    }

    package func end(_ element: XMLElementView, text: UnsafeBufferPointer<UInt8>) throws {
        guard let tag = tags.popLast() else { return }
        defer { path.removeLast() }
        try handler.end(tag, text: String(decoding: text, as: UTF8.self))
    }
}
