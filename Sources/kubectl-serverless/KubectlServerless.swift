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
}
