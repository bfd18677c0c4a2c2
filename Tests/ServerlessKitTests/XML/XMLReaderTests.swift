import Testing
@testable import ServerlessIO

@Suite struct XMLReaderTests {
    @Test func readsElementsTextAndNamespaces() throws {
        let doc = """
        \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
        <entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml">
        <PartitionIds xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">\
        <d2p1:string>0</d2p1:string><d2p1:string>1</d2p1:string></PartitionIds></content></entry>
        """
        let recorder = try XMLRecorder.parse(doc)
        let strings = recorder.ended.filter { $0.path.hasSuffix("/string") }
        #expect(strings.map(\.text) == ["0", "1"])
        #expect(strings.allSatisfy { $0.namespace == "http://schemas.microsoft.com/2003/10/Serialization/Arrays" })
        #expect(recorder.started.first?.namespace == "http://www.w3.org/2005/Atom")
        #expect(recorder.started.first { $0.name == "content" }?.attribute("type") == "application/xml")
        #expect(recorder.started.last?.path == ["entry", "content", "PartitionIds", "string"])
    }

    @Test func decodesPredefinedEntitiesCharacterReferencesAndCDATA() throws {
        let doc = """
        <r><a>x &amp; y &lt;z&gt; &#36;&#x41;</a><b><![CDATA[<raw> & ]]></b>\
        <c v="a&amp;b &#38; &lt; &amp;#38; &#x22;"/></r>
        """
        let recorder = try XMLRecorder.parse(doc)
        #expect(recorder.text(at: "r/a") == "x & y <z> $A")
        #expect(recorder.text(at: "r/b") == "<raw> & ")
        #expect(recorder.started.first { $0.name == "c" }?.attribute("v") == "a&b & < &#38; \"")
    }

    @Test func textIsTheElementsOwn() throws {
        let recorder = try XMLRecorder.parse("<a>one<b>two</b>three</a>")
        #expect(recorder.text(at: "a/b") == "two")
        #expect(recorder.text(at: "a") == "onethree")
    }

    @Test func acceptsOtherDeclaredEncodings() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf".utf8)
        bytes += [0xE9] + Array("</a>".utf8)
        let recorder = XMLRecorder()
        try XMLReader.parse(bytes, source: "doc", handler: recorder)
        #expect(recorder.text(at: "a") == "café")
    }

    struct Stop: Error, Equatable {}
    final class Thrower: XMLContentHandler {
        var seen = 0
        func end(_ tag: XMLTag, text: String) throws {
            seen += 1
            if tag.name == "b" { throw Stop() }
        }
    }

    @Test func handlerErrorsPassThroughAndStopTheParse() {
        let thrower = Thrower()
        #expect(throws: Stop()) {
            try XMLReader.parse(Array("<a><b/><c/><d/></a>".utf8), source: "doc", handler: thrower)
        }
        #expect(thrower.seen == 1)
    }

    @Test func errorIsRemoteAndOneLine() {
        do {
            _ = try XMLRecorder.parse("<a>\n<b>\n</a>")
            Issue.record("expected an error")
        } catch let error as XMLError {
            #expect(error.category == .remote)
            #expect(!error.message.contains("\n"))
            #expect(error.message.hasPrefix("the test document is not usable XML: line 3:"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
