import ArgumentParser
import ServerlessCompletion
import ServerlessSupport

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
            var command = try parseAsRoot(arguments(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Terminal.exit(for: error, command: Self.self)
        }
    }

    /// The command line with `--name=` (an empty value, as kubectl reads it) spelled so the parser
    /// sees the empty value; the command tree is only described when such a word is there.
    static func arguments(_ given: [String]) -> [String] {
        guard given.contains(where: { $0.hasPrefix("--") && $0.hasSuffix("=") }),
              let tree = try? CommandInfo.tree(fromDump: _dumpHelp()) else { return given }
        return tree.splittingEmptyOptionValues(given)
    }
}
