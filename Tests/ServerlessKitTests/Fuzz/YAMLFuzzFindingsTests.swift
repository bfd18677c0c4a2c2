import Testing
@testable import ServerlessKit

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
