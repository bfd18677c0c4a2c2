import Foundation
import Testing
@testable import ServerlessSupport

/// `-o` from the command line: a format the command's document lacks is one `error:` line and exit 2,
/// before anything is read or printed.
@Suite struct OutputFormatCommandTests {
    func run(_ arguments: [String]) throws -> Ops.Result {
        try Ops.run(try Ops.requireBinary(), arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
    }

    @Test(arguments: ["sarif", "junit"])
    func listChecksAsSARIFOrJUnitExitsTwo(format: String) throws {
        let result = try run(["doctor", "--list-checks", "-o", format])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "\(result.stdout.prefix(200))")
        #expect(result.stderr == "error: --list-checks cannot be printed as \(format); -o takes table, wide, json or yaml\n")
    }

    @Test func listChecksInItsOwnFormatsStillPrints() throws {
        let json = try run(["doctor", "--list-checks", "-o", "json", "--platform", "keda"])
        #expect(json.status == 0, "\(json.stderr)")
        let ids = try JSON.parse(json.stdout).array.compactMap { $0["id"].string }
        #expect(!ids.isEmpty && ids == ids.sorted() && ids.allSatisfy { $0.hasPrefix("KD-") })
    }

    /// Formats other commands have are not offered: the parser's one line, exit 2, nothing contacted.
    @Test func aFormatTheCommandLacksIsAUsageError() throws {
        for arguments in [["checkpoints", "-o", "sarif"], ["version", "-o", "table"], ["doctor", "-o", "text"]] {
            let result = try run(arguments + ["--kubeconfig", "/nonexistent"])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("error: the value '\(arguments[2])' is invalid for '-o <output>'"), "\(result.stderr)")
        }
    }
}
