import Testing
import Yams
@testable import ServerlessSupport

@Suite struct JSONTests {
    @Test func keepsInt64ExactAndKeyOrder() throws {
        let value = try JSON.parse(#"{"b": 9223372036854775807, "a": -1, "d": 1.5, "s": "x\u00e9\n", "n": null, "t": [true]}"#)
        #expect(value["b"] == .int(Int64.max))
        #expect(value["a"] == .int(-1))
        #expect(value["d"] == .double(1.5))
        #expect(value["s"] == .string("xé\n"))
        #expect(value.members.map(\.key) == ["b", "a", "d", "s", "n", "t"])
        #expect(JSON.text(value, pretty: false) == #"{"b":9223372036854775807,"a":-1,"d":1.5,"s":"xé\n","n":null,"t":[true]}"#)
    }

    @Test(arguments: ["", "{", #"{"a" 1}"#, "[1,]", "01", "1.", "tru", #""\x""#, "{} {}", "\"a\u{01}\""])
    func rejectsMalformedInput(_ text: String) {
        #expect(throws: JSON.SyntaxError.self) { try JSON.parse(text) }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSON.SyntaxError.self) { try JSON.parse(deep) }
    }
}

@Suite struct YAMLTests {
    @Test func readsDocumentsWithLinesAndTypes() throws {
        let text = """
        apiVersion: v1
        kind: ConfigMap
        data:
          quoted: "true"
          plain: true
          number: 42
        ---
        # second
        kind: List
        items: [a, b]
        """
        let documents = try YAML.documents(text)
        #expect(documents.count == 2)
        #expect(documents[0].value["data"]["quoted"] == .string("true"))
        #expect(documents[0].value["data"]["plain"] == .bool(true))
        #expect(documents[0].value["data"]["number"] == .int(42))
        #expect(documents[0].fieldLines["data.number"] == 6)
        #expect(documents[1].line == 9)
        #expect(documents[1].fieldLines["items[1]"] == 10)
    }

    @Test func reportsTheLineOfASyntaxError() {
        do {
            _ = try YAML.documents("a: 1\nb: [unclosed\nc: 2\n")
            Issue.record("expected an error")
        } catch let error as YAML.SyntaxError {
            #expect(error.line != nil)
            #expect(error.message.hasPrefix("line "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func writesStringsThatLookLikeOtherTypesQuoted() throws {
        let value = Value.object([("a", .string("true")), ("b", .int(3)), ("c", .string("plain"))])
        let text = YAML.text(value)
        #expect(text == "a: \"true\"\nb: 3\nc: plain\n")
        #expect(try YAML.documents(text)[0].value == value)
    }
}

@Suite struct YAMLScalarTypingTests {
    /// The fast path must type every plain scalar exactly as Yams' default resolver does.
    @Test(arguments: [
        "orders", "Orders-1", "true", "True", "yes", "Off", "null", "~", "", "0", "-1", "+2", "0x1F", "0o17", "017",
        "1_000", "1:30", "1.5", ".5", "-.inf", ".NaN", "1e3", "2026-11-22", "2026-11-22T10:00:00Z", "<<", "=",
        "nul", "truely", "y", "n", "NO_COLOR", "$Default", "/var/run", "sb://ns/", "@x", "a:b", "v1", "é", "ŝ",
    ])
    func fastPathAgreesWithYamsDefaultResolver(_ text: String) throws {
        let node = Yams.Node(text)
        let scalar = try #require(node.scalar)
        #expect(YAML.tag(of: node, scalar) == Resolver.default.resolveTag(of: node))
    }

    @Test func randomScalarsAgreeToo() throws {
        let alphabet = Array("aAtTfFyYnNoO01239+-._:~<=xeE ")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let text = String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let node = Yams.Node(text)
            #expect(YAML.tag(of: node, node.scalar!) == Resolver.default.resolveTag(of: node), "\(text)")
        }
    }
}
