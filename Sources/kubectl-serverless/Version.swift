import ArgumentParser
import ServerlessKit

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the plugin's version.",
        discussion: """
            Examples:
              # The version, as a script reads it
              kubectl serverless version -o json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .shortAndLong, help: "Output format: text|json.")
    var output: Format = .text

    func run() throws {
        switch output {
        case .json: print(#"{"version": "\#(BuildInfo.version)"}"#)
        case .text: print("kubectl-serverless \(BuildInfo.version)")
        }
    }
}
