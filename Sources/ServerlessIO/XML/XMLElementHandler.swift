import Foundation
import CLibXML2

/// The fast way to read a large document: elements arrive as libxml2's own UTF-8, and text is
/// collected only for the elements that ask for it. Nothing is allocated unless the handler does.
/// Throwing stops the parse; the error reaches the caller of `XMLReader.parse` unchanged.
public protocol XMLElementHandler: AnyObject {
    /// True to get the element's own text in `end`.
    func start(_ element: XMLElementView) throws -> Bool
    /// `text` is the element's own character data (not its children's), entities decoded; empty
    /// unless `start` asked for it. `element` has no attributes here (libxml2 does not pass them).
    func end(_ element: XMLElementView, text: UnsafeBufferPointer<UInt8>) throws
}

/// One element as libxml2 reports it. Borrowed: valid only during the call that receives it.
public struct XMLElementView {
    /// Local name (no prefix), UTF-8.
    public let name: UnsafeBufferPointer<UInt8>
    /// 1 for the root element.
    public let depth: Int
    package let namespacePointer: UnsafePointer<xmlChar>?
    /// libxml2's layout: five pointers per attribute (local name, prefix, URI, value start, value end).
    package let attributePointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    package let attributeCount: Int

    package init(name: UnsafePointer<xmlChar>?, depth: Int, namespace: UnsafePointer<xmlChar>?,
         attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>? = nil, attributeCount: Int = 0) {
        self.name = name.map { UnsafeBufferPointer(start: $0, count: strlen($0)) } ?? UnsafeBufferPointer(start: nil, count: 0)
        self.depth = depth
        self.namespacePointer = namespace
        self.attributePointers = attributes
        self.attributeCount = attributes == nil ? 0 : attributeCount
    }

    /// Compares bytes, no String made: the cheap test for a known element name.
    public func isNamed(_ literal: StaticString) -> Bool {
        XMLElementView.equal(name, literal)
    }

    public var nameString: String { String(decoding: name, as: UTF8.self) }

    /// The namespace URI, if any.
    public var namespace: String? { namespacePointer.map { String(cString: $0) } }

    /// The first attribute with this local name, entities decoded.
    public func attribute(_ localName: StaticString) -> String? {
        for index in 0..<attributeCount {
            guard let name = attributePointers![index * 5],
                  XMLElementView.equal(UnsafeBufferPointer(start: name, count: strlen(name)), localName) else { continue }
            if let value = attributeValue(index) { return value }
        }
        return nil
    }

    /// Every attribute by local name, in document order.
    public var attributes: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(attributeCount)
        for index in 0..<attributeCount {
            guard let value = attributeValue(index) else { continue }
            result.append((attributePointers![index * 5].map { String(cString: $0) } ?? "", value))
        }
        return result
    }

    package func attributeValue(_ index: Int) -> String? {
        guard let start = attributePointers![index * 5 + 3], let end = attributePointers![index * 5 + 4] else { return nil }
        return decodeAttribute(String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
    }

    /// The bytes of the value of each attribute, for counting against the text cap.
    package var attributeValueBytes: Int {
        var total = 0
        for index in 0..<attributeCount {
            guard let start = attributePointers![index * 5 + 3], let end = attributePointers![index * 5 + 4] else { continue }
            total += end - start
        }
        return total
    }

    package static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        bytes.count == literal.utf8CodeUnitCount
            && (bytes.count == 0 || memcmp(bytes.baseAddress!, literal.utf8Start, bytes.count) == 0)
    }
}

/// Without entity substitution libxml2 hands attribute values over with every `&` written as
/// `&#38;` (for the tree builder to decode later). A literal `&` cannot occur otherwise, so this is exact.
package func decodeAttribute(_ value: String) -> String {
    value.contains("&") ? value.replacing("&#38;", with: "&") : value
}
