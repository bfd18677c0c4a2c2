import Testing
@testable import ServerlessIO

/// The byte-level reader: text only where asked for, each element's own text even around children
/// it does not want, and every cap still counted on what is not collected.
@Suite struct XMLElementHandlerTests {
    /// Wants the text of the elements named in `wanted`; records `depth name=text` at each end.
    final class Picker: XMLElementHandler {
        let wanted: Set<String>
        var ends: [String] = []
        var encoded: [String?] = []
        init(_ wanted: Set<String>) { self.wanted = wanted }
        func start(_ element: XMLElementView) throws -> Bool {
            if element.isNamed("Name") { encoded.append(element.attribute("Encoded")) }
            return wanted.contains(element.nameString)
        }
        func end(_ element: XMLElementView, text: UnsafeBufferPointer<UInt8>) throws {
            ends.append("\(element.depth) \(element.nameString)=\(String(decoding: text, as: UTF8.self))")
        }
    }

    func pick(_ document: String, _ wanted: Set<String>, limits: XMLLimits = .default) throws -> Picker {
        let picker = Picker(wanted)
        try XMLReader.parse(Array(document.utf8), limits: limits, source: "doc", elements: picker)
        return picker
    }

    @Test func textOnlyForWantedElementsAndOnlyTheirOwn() throws {
        let picker = try pick("<a>1<b>2<c>3</c>4</b>5<c>6&amp;<![CDATA[<7>]]></c></a>", ["a", "c"])
        #expect(picker.ends == ["3 c=3", "2 b=", "2 c=6&<7>", "1 a=15"])
    }

    @Test func nestedWantedElementsKeepTheirTextApart() throws {
        let picker = try pick("<a>x<a>y<a>z</a>y</a>x</a>", ["a"])
        #expect(picker.ends == ["3 a=z", "2 a=yy", "1 a=xx"])
    }

    @Test func namesAreLocalAndAttributesDecoded() throws {
        let picker = try pick("<p:r xmlns:p=\"urn:p\"><p:Name q:Encoded=\"a&amp;b\" xmlns:q=\"urn:q\"/><Name/></p:r>", [])
        #expect(picker.ends == ["2 Name=", "2 Name=", "1 r="])
        #expect(picker.encoded == ["a&b", nil])
    }

    @Test func textNobodyWantsStillCountsTowardsTheCap() {
        let limits = XMLLimits(maxTextBytes: 100)
        #expect(throws: XMLError(.tooMuchText(limit: 100), source: "doc")) {
            try pick("<a><skipped>\(String(repeating: "x", count: 101))</skipped></a>", [], limits: limits)
        }
        #expect(throws: XMLError(.tooMuchText(limit: 100), source: "doc")) {
            try pick("<a v=\"\(String(repeating: "x", count: 101))\"/>", [], limits: limits)
        }
    }

    @Test func depthAndDocumentTypeCapsHold() {
        #expect(throws: XMLError(.tooDeep(limit: 3), source: "doc")) {
            try pick("<a><b><c><d/></c></b></a>", [], limits: XMLLimits(maxDepth: 3))
        }
        #expect(throws: XMLError(.documentTypeRefused, source: "doc")) {
            try pick("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", ["a"])
        }
    }
}
