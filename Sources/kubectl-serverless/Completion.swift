import ArgumentParser
import Foundation
import ServerlessCompletion

/// `completion bash|zsh|fish` and `completion install-kubectl-helper`. Everything here reads the
/// live command tree, so new commands and flags complete without anyone listing them.
struct Completion: ParsableCommand {
    /// Everything this file family adds to the root command.
    static let commands: [ParsableCommand.Type] = [Completion.self, CompletionWords.self, ManualPages.self]

    // Named here, not derived: swift-argument-parser would print the type's name by reflection at every parse.
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print a shell completion script, or install kubectl's completion helper.",
        discussion: """
            The scripts complete `kubectl-serverless ...` typed directly. For `kubectl serverless ...` \
            (kubectl 1.26 or newer, any shell kubectl completes), install the helper kubectl looks for \
            with `kubectl serverless completion install-kubectl-helper`. Both ask the plugin itself, so \
            they offer the same: subcommands, flags, output formats, strategies, check ids, file names \
            for path flags, and live names (namespaces, contexts, ScaledObjects and ScaledJobs with an \
            azure-eventhub trigger) when the cluster answers within two seconds.

            Examples:
              # Load completion into the current bash session
              source <(kubectl-serverless completion bash)
              # Install for zsh (into a directory on $fpath)
              kubectl-serverless completion zsh > "${fpath[1]}/_kubectl-serverless"
              # Install for fish
              kubectl-serverless completion fish \\
                > ~/.config/fish/completions/kubectl-serverless.fish
              # Complete `kubectl serverless ...` through kubectl's own completion
              kubectl serverless completion install-kubectl-helper
            """,
        subcommands: [CompletionScript<Bash>.self, CompletionScript<Zsh>.self, CompletionScript<Fish>.self,
                      InstallKubectlHelper.self])
}

protocol CompletionShellName {
    static var shell: ShellScripts.Shell { get }
    static var install: String { get }
}

enum Bash: CompletionShellName {
    static let shell = ShellScripts.Shell.bash
    static let install = "source <(kubectl-serverless completion bash)"
}

enum Zsh: CompletionShellName {
    static let shell = ShellScripts.Shell.zsh
    static let install = #"kubectl-serverless completion zsh > "${fpath[1]}/_kubectl-serverless""#
}

enum Fish: CompletionShellName {
    static let shell = ShellScripts.Shell.fish
    static let install = "kubectl-serverless completion fish \\\n    > ~/.config/fish/completions/kubectl-serverless.fish"
}

/// `completion <shell>`: a script that hands the words to `__complete`, the one engine.
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
        print(ShellScripts.script(for: Shell.shell), terminator: "")
    }
}
