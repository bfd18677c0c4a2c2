@testable import ServerlessIO


/// Collects what the reader reports, as `name=text` lines, for assertions.
final class XMLRecorder: XMLContentHandler {
    var started: [XMLTag] = []
    var ended: [(path: String, namespace: String?, text: String)] = []

    func start(_ tag: XMLTag) throws { started.append(tag) }
    func end(_ tag: XMLTag, text: String) throws {
        ended.append((tag.path.joined(separator: "/"), tag.namespace, text))
    }

    func text(at path: String) -> String? { ended.first { $0.path == path }?.text }

    static func parse(_ text: String, limits: XMLLimits = .default) throws -> XMLRecorder {
        let recorder = XMLRecorder()
        try XMLReader.parse(Array(text.utf8), limits: limits, source: "the test document", handler: recorder)
        return recorder
    }
}
