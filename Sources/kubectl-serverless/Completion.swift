import ArgumentParser
import Foundation
import ServerlessKit

/// `completion bash|zsh|fish` and `completion install-kubectl-helper`. Everything here reads the
/// live command tree, so new commands and flags complete without anyone listing them.
struct Completion: ParsableCommand {
    /// Everything this file family adds to the root command.
    static let commands: [ParsableCommand.Type] = [Completion.self, CompletionWords.self, ManualPages.self]

    static let configuration = CommandConfiguration(
        abstract: "Print a shell completion script, or install kubectl's completion helper.",
        discussion: """
            The scripts complete `kubectl-serverless ...` typed directly. For `kubectl serverless ...` \
            (kubectl 1.26 or newer, any shell kubectl completes), install the helper kubectl looks for \
            with `kubectl serverless completion install-kubectl-helper`.

            Examples:
              # Load completion into the current bash session
              source <(kubectl-serverless completion bash)
              # Install for zsh (into a directory on $fpath)
              kubectl-serverless completion zsh > "${fpath[1]}/_kubectl-serverless"
              # Install for fish
              kubectl-serverless completion fish > ~/.config/fish/completions/kubectl-serverless.fish
              # Complete `kubectl serverless ...` through kubectl's own completion
              kubectl serverless completion install-kubectl-helper
            """,
        subcommands: [CompletionScript<Bash>.self, CompletionScript<Zsh>.self, CompletionScript<Fish>.self,
                      InstallKubectlHelper.self])
}

protocol CompletionShellName {
    static var shell: CompletionShell { get }
    static var install: String { get }
}

enum Bash: CompletionShellName {
    static let shell = CompletionShell.bash
    static let install = "source <(kubectl-serverless completion bash)"
}

enum Zsh: CompletionShellName {
    static let shell = CompletionShell.zsh
    static let install = #"kubectl-serverless completion zsh > "${fpath[1]}/_kubectl-serverless""#
}

enum Fish: CompletionShellName {
    static let shell = CompletionShell.fish
    static let install = "kubectl-serverless completion fish > ~/.config/fish/completions/kubectl-serverless.fish"
}

/// `completion <shell>`: swift-argument-parser's own script for that shell.
struct CompletionScript<Shell: CompletionShellName>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Shell.shell.rawValue,
            abstract: "Print the \(Shell.shell.rawValue) completion script for kubectl-serverless.",
            discussion: """
                Examples:
                  # Install it
                  \(Shell.install)
                """)
    }

    func run() {
        let script = KubectlServerless.completionScript(for: Shell.shell)
        print(script, terminator: script.hasSuffix("\n") ? "" : "\n")
    }
}
