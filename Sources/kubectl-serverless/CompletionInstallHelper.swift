import ArgumentParser
import Foundation
import ServerlessCompletion

/// `completion install-kubectl-helper`: puts `kubectl_complete-serverless` where kubectl finds
/// it, so `kubectl serverless <TAB>` completes in every shell kubectl's completion supports.
struct InstallKubectlHelper: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-kubectl-helper",
        abstract: "Install kubectl_complete-serverless, which kubectl 1.26+ runs to complete `kubectl serverless`.",
        discussion: """
            Writes a two-line script next to the installed plugin (for krew installs: \
            ${KREW_ROOT:-~/.krew}/bin), or into --dir. Running it again changes nothing.

            Examples:
              # After `kubectl krew install serverless`
              kubectl serverless completion install-kubectl-helper
              # Into a directory of your choice (it must be on PATH)
              kubectl serverless completion install-kubectl-helper --dir ~/.local/bin
            """)

    @Option(help: "Directory to write kubectl_complete-serverless into (default: beside the plugin).",
            completion: .directory)
    var dir: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = KubectlCompletionHelper.directory(
            explicit: dir, invokedAs: CommandLine.arguments.first ?? "", environment: environment)
        let outcome = try KubectlCompletionHelper.install(into: directory)
        let path = (directory as NSString).appendingPathComponent(KubectlCompletionHelper.fileName)
        switch outcome {
        case .created: print("created \(path)")
        case .updated: print("updated \(path)")
        case .unchanged: print("\(path) is already up to date")
        }
        if !KubectlCompletionHelper.isOnPath(directory, environment: environment) {
            FileHandle.standardError.write(Data("warning: \(directory) is not on PATH; kubectl will not find the helper there\n".utf8))
        }
    }
}
