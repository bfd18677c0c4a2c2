import Foundation
import Testing
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// `YAMLEvents` (libyaml's events straight into values) against Yams' node tree (`YAML.composedDocuments`):
/// wherever the event reader answers, the answer must be Yams' to the last line number.
@Suite struct YAMLEventsTests {
    static let testsRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// Every YAML and JSON file the tests keep (the doctor's example manifests, the trigger fixtures).
    static func fixtureTexts() throws -> [(String, String)] {
        let files = FileManager.default.enumerator(atPath: testsRoot.path)?.compactMap { $0 as? String } ?? []
        return try files.filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension) }.sorted().map { file in
            (file, try String(contentsOf: testsRoot.appendingPathComponent(file), encoding: .utf8))
        }
    }

    static let plainTexts = [
        "",
        "---\n",
        "a: 1\n---\n---\nb: [x, {c: d}, []]\n...\n",
        "%YAML 1.1\n---\nkey: value\n",
        "kind: ConfigMap\r\ndata:\r\n  k: v\r\n",
        "n: [0, 00, 01, -0, +1, 1_000, 0x1F, 0o17, 0b101, 190:20:30, 1.5, .5, 1e3, -.inf, 9223372036854775808]\n",
        "b: [yes, No, on, OFF, true, FALSE, y, n, null, Null, ~, '', \"\", \"true\", '42']\n",
        "t: [2001-12-14, 2001-12-14t21:59:43.10-05:00, <<, =, v1, sb://ns/, a:b, \"a\\ufeffb\", \"\\ufeffx\"]\n",
        "lit: |\n  line one\n  line two\nfold: >-\n  folded\n  text\nplain: multi\n  line\n",
        "? simple\n: value\n\"quoted key\": 1\n'': empty key\nunicode é: ŝ\n",
        "anchored: &a {x: 1}\nlist: &l\n  - &s scalar\n",
        "items:\n- name: a\n  env:\n  - {name: X, value: '1'}\n  - name: Y\n    valueFrom: {secretKeyRef: {name: s, key: k}}\n- - nested\n  - [deep, [deeper]]\n",
        "{a: 1, b: [2, 3]}\n",
        "- 1\n- two\n",
        "just a scalar\n",
        (1...14).map { "k\($0): \($0)\n" }.joined(),
    ]

    /// Texts the event reader leaves to Yams: tags, aliases, non-scalar or repeated keys, syntax errors.
    static let composedTexts = [
        "a: !!str 1\n",
        "a: !custom x\n",
        "s: !!map {a: 1}\n",
        "a: &x 1\nb: *x\n",
        "a: &x 1\n---\nb: *x\n",
        "base: &b {k: v}\nmerged:\n  <<: *b\n",
        "? [a]\n: 1\n",
        "? {a: 1}\n: 1\n",
        "a: 1\na: 2\n",
        "a: 1\n\"a\": 2\n",
        (1...14).map { "k\($0): \($0)\n" }.joined() + "k13: again\n",
        (1...14).map { "k\($0): \($0)\n" }.joined() + "k14: again\n" + "k15: 15\n",
        "a: [unclosed\n",
        "a: {{ .Values.x }}\n",
        "\tkey: tab\n",
        "a: *undefined\n",
        // libyaml told the encoding keeps a byte order mark as a column: the second key is out of line.
        "\u{FEFF}kind: ConfigMap\ndata:\n  k: v\n",
    ]

    static func sameReading(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let composed = Result { try YAML.composedDocuments(text) }
        let read = Result { try YAML.documents(text) }
        switch (composed, read) {
        case let (.success(expected), .success(actual)):
            #expect(actual.map(\.value) == expected.map(\.value), sourceLocation: sourceLocation)
            #expect(actual.map(\.line) == expected.map(\.line), sourceLocation: sourceLocation)
            #expect(actual.map(\.fieldLines) == expected.map(\.fieldLines), sourceLocation: sourceLocation)
        case let (.failure(expected as YAML.SyntaxError), .failure(actual as YAML.SyntaxError)):
            #expect(actual.message == expected.message, sourceLocation: sourceLocation)
        default:
            Issue.record("Yams: \(composed), documents: \(read)", sourceLocation: sourceLocation)
        }
    }

    @Test func readsTheFixturesAsYamsDoes() throws {
        let fixtures = try Self.fixtureTexts()
        #expect(fixtures.count >= 20)
        var readByEvents = 0
        for (file, text) in fixtures {
            Self.sameReading(text)
            if YAMLEvents.documents(text) != nil { readByEvents += 1 } else { print("left to Yams: \(file)") }
        }
        // The point of the event reader: the manifests users give are read without the node tree.
        #expect(readByEvents * 10 >= fixtures.count * 9, "\(readByEvents) of \(fixtures.count)")
    }

    @Test(arguments: plainTexts)
    func readsPlainYAMLAsYamsDoes(_ text: String) throws {
        #expect(YAMLEvents.documents(text) != nil)
        Self.sameReading(text)
    }

    @Test(arguments: composedTexts)
    func leavesTheRestToYams(_ text: String) {
        #expect(YAMLEvents.documents(text) == nil)
        Self.sameReading(text)
    }
}
