import Foundation
import Testing
@testable import ServerlessIO

/// Documents a hostile or broken server could send. Each must fail fast, with a typed reason,
/// without expanding anything or touching the file system or network.
@Suite struct XMLHostileInputTests {
    func reason(_ text: String, limits: XMLLimits = .default) -> XMLError.Reason? {
        reason(Array(text.utf8), limits: limits)
    }

    func reason(_ bytes: [UInt8], limits: XMLLimits = .default) -> XMLError.Reason? {
        let start = ContinuousClock.now
        defer { #expect(ContinuousClock.now - start < .seconds(2)) }
        do {
            try XMLReader.parse(bytes, limits: limits, source: "doc", handler: XMLRecorder())
            return nil
        } catch let error as XMLError {
            return error.reason
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    func isMalformed(_ reason: XMLError.Reason?) -> Bool {
        if case .malformed = reason { return true } else { return false }
    }

    @Test func billionLaughs() {
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        doc += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for level in 2...9 {
            let previous = "&lol\(level - 1);"
            doc += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">\n"
        }
        doc += "]>\n<lolz>&lol9;</lolz>"
        #expect(reason(doc) == .documentTypeRefused)
    }

    @Test func quadraticBlowup() {
        let big = String(repeating: "A", count: 50_000)
        let doc = "<!DOCTYPE kaboom [<!ENTITY a \"\(big)\">]><kaboom>"
            + String(repeating: "&a;", count: 50_000) + "</kaboom>"
        #expect(reason(doc) == .documentTypeRefused)
    }

    @Test func externalEntityToLocalFile() throws {
        let doc = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>"
        #expect(reason(doc) == .documentTypeRefused)
    }

    @Test func externalEntityOverHTTP() {
        let doc = "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/evil.dtd\">]><foo>&xxe;</foo>"
        #expect(reason(doc) == .documentTypeRefused)
    }

    @Test func externalParameterEntity() {
        let doc = "<!DOCTYPE foo [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]><foo/>"
        #expect(reason(doc) == .documentTypeRefused)
    }

    @Test func externalDTD() {
        #expect(reason("<!DOCTYPE foo SYSTEM \"file:///etc/passwd\"><foo/>") == .documentTypeRefused)
        #expect(reason("<!DOCTYPE foo PUBLIC \"-//x//y\" \"http://127.0.0.1:9/x.dtd\"><foo/>") == .documentTypeRefused)
    }

    @Test func undeclaredEntityWithoutDTD() {
        #expect(isMalformed(reason("<foo>&xxe;</foo>")))
    }

    @Test func entityTextNeverReachesTheHandler() throws {
        let recorder = XMLRecorder()
        let doc = "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>"
        #expect(throws: XMLError.self) {
            try XMLReader.parse(Array(doc.utf8), source: "doc", handler: recorder)
        }
        #expect(recorder.started.isEmpty)
        #expect(recorder.ended.isEmpty)
    }

    @Test func truncatedDocument() {
        #expect(isMalformed(reason("<EnumerationResults><Blobs><Blob><Name>a</Name>")))
        #expect(isMalformed(reason("<?xml version=\"1.0\"?>")))
        #expect(isMalformed(reason("<a")))
    }

    @Test func oversizedDocument() {
        let doc = "<a>" + String(repeating: "x", count: 2000) + "</a>"
        #expect(reason(doc, limits: XMLLimits(maxDocumentBytes: 1000)) == .tooLarge(limit: 1000))
    }

    @Test func tooDeepNesting() {
        let doc = String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40)
        #expect(reason(doc) == .tooDeep(limit: 32))
        #expect(reason(doc, limits: XMLLimits(maxDepth: 40)) == nil)
        // A million levels: stopped at the cap, not after reading them all.
        let deep = String(repeating: "<a>", count: 1_000_000)
        #expect(reason(deep) == .tooDeep(limit: 32))
    }

    @Test func tooMuchText() {
        let doc = "<a>" + String(repeating: "<b>0123456789</b>", count: 20) + "</a>"
        #expect(reason(doc, limits: XMLLimits(maxTextBytes: 100)) == .tooMuchText(limit: 100))
        let attributes = "<a>" + String(repeating: "<b v=\"0123456789\"/>", count: 20) + "</a>"
        #expect(reason(attributes, limits: XMLLimits(maxTextBytes: 100)) == .tooMuchText(limit: 100))
    }

    @Test func notXML() {
        #expect(isMalformed(reason("{\"error\": \"not xml\"}")))
        #expect(isMalformed(reason("hello world")))
        #expect(isMalformed(reason("<html><body>502 Bad Gateway</body>")))
        #expect(isMalformed(reason([0x00, 0xff, 0xfe, 0x01, 0x02, 0x03])))
        #expect(isMalformed(reason("<a/><b/>")))
        #expect(isMalformed(reason("<a>\u{1}</a>")))
        #expect(isMalformed(reason([UInt8]("<a>".utf8) + [0xc3, 0x28] + [UInt8]("</a>".utf8))))
    }

    @Test func emptyDocument() {
        #expect(reason("") == .empty)
        #expect(reason(" \n ") == .empty)
    }
}

/// libxml2 prints to stderr by default; ours must not. Runs alone so no other test writes to fd 2.
@Suite(.serialized) struct XMLSilenceTests {
    @Test func nothingReachesStandardError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xml-stderr-\(getpid())").path
        let file = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        #expect(file >= 0)
        let saved = dup(2)
        dup2(file, 2)
        var docs = ["<a>", "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>", "<a>&nope;</a>",
                    "<a></b>", "\u{0}junk", "<?xml version=\"1.0\" encoding=\"x-no-such-encoding\"?><a/>"].map { Array($0.utf8) }
        // An iconv conversion failure is reported without a parser context, through libxml2's globals.
        docs.append(Array("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>".utf8) + [0x82, 0xff, 0x82] + Array("</a>".utf8))
        for doc in docs {
            #expect(throws: XMLError.self) { try XMLReader.parse(doc, source: "doc", handler: XMLRecorder()) }
        }
        dup2(saved, 2)
        close(saved)
        close(file)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: path)
        #expect(written.isEmpty, "libxml2 wrote: \(written)")
    }
}
