import Foundation
import Testing

/// `--help` on a pipe is 80 columns wide: example commands must come out whole, never wrapped
/// mid-command, so they can be copied from a terminal or a CI log.
@Suite("Ops: help text examples fit 80 columns", .enabled(if: Ops.binary != nil))
struct HelpTextTests {
    @Test func everyExampleLineSurvivesHelpOnAPipe() throws {
        let binary = try Ops.requireBinary()
        let tree = try Ops.tree()
        var checked = 0
        for (path, command) in [([String](), tree)] + tree.descendants() {
            guard let examples = command.discussion.components(separatedBy: "Examples:\n").dropFirst().first else { continue }
            let help = try Ops.run(binary, path + ["--help"]).stdout
            let shown = Set(help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            for line in examples.split(separator: "\n") {
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty, !text.hasPrefix("Exit status") else { continue }
                if !line.hasPrefix("  ") { break }  // the block ends with the first unindented line
                #expect(line.count <= 78, "\(path): example line longer than 78 columns: \(line)")
                #expect(shown.contains(text), "\(path): `\(text)` is broken in --help at 80 columns")
                checked += 1
            }
        }
        #expect(checked >= 5)
    }
}
