import ArgumentParser
import ServerlessKit

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the plugin's version.")

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: String = "text"

    func run() throws {
        switch output {
        case "json": print(#"{"version": "\#(BuildInfo.version)"}"#)
        case "text": print("kubectl-serverless \(BuildInfo.version)")
        default: throw ValidationError("unknown output format \"\(output)\" (want text or json)")
        }
    }
}
