import ArgumentParser
import ServerlessKit

@main
struct KubectlServerless: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubectl-serverless",
        abstract: "Diagnose serverless platforms on Kubernetes: KEDA, Azure Functions, Fission, OpenWhisk.",
        discussion: "Run as `kubectl serverless ...` through kubectl's plugin discovery, or directly.",
        version: BuildInfo.version,
        subcommands: [Version.self] + Completion.commands)
}
