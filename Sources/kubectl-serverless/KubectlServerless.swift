import ArgumentParser
import ServerlessKit

@main
struct KubectlServerless: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubectl-serverless",
        abstract: "Diagnose serverless platforms on Kubernetes: KEDA, Azure Functions, Fission, OpenWhisk.",
        discussion: """
            Run as `kubectl serverless ...` through kubectl's plugin discovery, or directly.

            Exit status: 0 success; 1 the check found problems; 2 usage or input error; 3 remote error.
            """,
        version: BuildInfo.version,
        subcommands: [Checkpoints.self, DoctorCommand.self, Version.self] + Completion.commands)

    /// Exit codes follow the contract, not swift-argument-parser's defaults: usage errors are 2,
    /// and the kit's errors carry their own category.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Terminal.exit(for: error, command: Self.self)
        }
    }
}
