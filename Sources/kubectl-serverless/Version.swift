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

    // Accepted like every subcommand's (kubectl's global flags), though the version needs no cluster.
    @OptionGroup(title: "Kubernetes") var global: GlobalOptions

    func run() throws {
        switch output {
        case .json: print(#"{"version": "\#(BuildInfo.version)"}"#)
        case .text: print("kubectl-serverless \(BuildInfo.version)")
        }
    }
}
