import Testing
@testable import ServerlessSupport

/// YAML 1.1 base-60 integers: Yams computes them with trapping arithmetic, so a manifest or kubeconfig
/// value such as `1:0:0:0:0:0:0:0:0:0:0` crashed the plugin (found reviewing the YAMLDocuments target).
@Suite struct YAMLFuzzFindingsTests {
    @Test(arguments: [
        ("a: 1:0:0:0:0:0:0:0:0:0:0", Value.int(604_661_760_000_000_000)),   // 60^10: fits, but Yams' next base overflows
        ("a: 1:0:0:0:0:0:0:0:0:0:0:0", .string("1:0:0:0:0:0:0:0:0:0:0:0")),  // 60^11 is beyond Int64
        ("a: 999999999999999999:00", .string("999999999999999999:00")),  // 10^18 · 60 overflows
        ("a: 190:20:30", .int(685_230)),
        ("a: -1:30", .int(-90)),
        ("a: 1_0:00", .int(600)),
    ])
    func readsBase60WithoutTrapping(_ text: String, _ expected: Value) throws {
        let documents = try YAML.documents(text)
        #expect(documents.first?.value["a"] == expected)
    }
}

/// `-o yaml` printed infinities as Swift spells them (`inf`), which YAML reads back as a string
/// (found by the YAMLDocuments target's read-print-read check).
@Suite struct YAMLTextFuzzFindingsTests {
    @Test(arguments: [(".inf", Double.infinity), ("-.Inf", -Double.infinity), ("+.INF", Double.infinity)])
    func printsInfinitiesAsYAML(_ text: String, _ expected: Double) throws {
        let value = try YAML.documents("a: \(text)")[0].value
        #expect(value["a"] == .double(expected))
        let printed = YAML.text(value)
        #expect(printed == "a: \(expected < 0 ? "-.inf" : ".inf")\n")
        #expect(try YAML.documents(printed)[0].value == value)
    }

    @Test func printsNaNAsYAML() throws {
        let printed = YAML.text(try YAML.documents("a: .NaN")[0].value)
        #expect(printed == "a: .nan\n")
        guard case .double(let d) = try YAML.documents(printed)[0].value["a"] else {
            Issue.record("\(printed) does not read back as a float")
            return
        }
        #expect(d.isNaN)
    }
}

/// `-o yaml` printed a repeated key twice, which Yams refuses to read back ("expected all keys to be
/// unique"); found by the YAMLDocuments target's read-print-read check.
@Suite struct YAMLRepeatedKeyFuzzFindingsTests {
    @Test func printsTheLastOfARepeatedJSONKey() throws {
        let value = try JSON.parse(#"{"a": 1, "b": true, "a": 2}"#)
        let printed = YAML.text(value)
        #expect(printed == "b: true\na: 2\n")
        #expect(try YAML.documents(printed)[0].value["a"] == value["a"])
    }

    @Test func printsCollapsedComplexKeysOnce() throws {
        let value = try YAML.documents("? [a]\n: 1\n? [b]\n: 2\nc: 3\n")[0].value
        let printed = YAML.text(value)
        #expect(try YAML.documents(printed)[0].value == .object([("", .int(2)), ("c", .int(3))]))
    }
}
