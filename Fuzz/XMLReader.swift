@testable import ServerlessIO


/// The hardened libxml2 reader every XML body goes through, with small limits so the caps are hit too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    final class Collector: XMLContentHandler {
        var count = 0
        func start(_ tag: XMLTag) throws { count += tag.attributes.count + tag.path.count }
        func end(_ tag: XMLTag, text: String) throws { count += text.utf8.count }
    }
    let (limits, rest) = FuzzInput(data, size).choosing([
        XMLLimits.default,
        XMLLimits(maxDocumentBytes: 1 << 20, maxDepth: 8, maxTextBytes: 256),
    ])
    _ = try? XMLReader.parse(rest.bytes, limits: limits, source: "fuzz", handler: Collector())
    return 0
}
