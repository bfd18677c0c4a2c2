import ArgumentParser
import Foundation
import ServerlessCompletion

/// `__complete WORD...`: Cobra's completion protocol, which kubectl (1.26+) speaks with the
/// `kubectl_complete-serverless` helper for `kubectl serverless <TAB>`. Hidden: only the helper
/// calls it. It always exits 0 and never prints an error, so a shell never shows one mid-line.
struct CompletionWords: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__complete",
        abstract: "Answer kubectl's plugin completion protocol (used by kubectl_complete-serverless).",
        shouldDisplay: false)

    @Argument(parsing: .captureForPassthrough, help: "The words typed after `kubectl serverless`, the last one being completed.")
    var words: [String] = []

    func run() async {
        guard let tree = try? CommandInfo.tree(fromDump: KubectlServerless._dumpHelp()) else {
            print(CompletionReply.nothing.text, terminator: "")
            return
        }
        let completer = WordCompleter(tree: tree, liveNames: KubectlNameSource(), custom: Self.runCustomCompletion)
        print(await completer.complete(words).text, terminator: "")
    }

    /// Runs an argument's own `.custom` completion closure in-process through SAP's
    /// `---completion` call, the one its shell scripts make.
    @Sendable static func runCustomCompletion(_ point: CompletionPoint, _ argument: ArgumentInfo) async -> [String] {
        let name: String
        if argument.kind == .positional {
            guard let index = point.command.positionals.firstIndex(of: argument) else { return [] }
            name = "positional@\(index)"
        } else {
            guard let preferred = argument.preferredName ?? argument.names.first else { return [] }
            name = preferred.spelling
        }
        unsetenv("SAP_SHELL")  // plain lines, whatever shell this was started from
        // SAP's closures see the whole command line, the command's own name as word 0.
        let words = [KubectlServerless.configuration.commandName ?? "kubectl-serverless"] + point.words
        let request = ["---completion"] + point.path + ["--", name, String(words.count - 1), String(point.prefix.count)] + words
        do {
            _ = try await KubectlServerless.asyncParseAsRoot(request)
            return []
        } catch {
            let message = KubectlServerless.fullMessage(for: error)
            return message.split(whereSeparator: \.isNewline).map(String.init)
        }
    }
}
