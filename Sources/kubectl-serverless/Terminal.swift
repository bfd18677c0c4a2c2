import ArgumentParser
import Foundation
import ServerlessKit

/// Where the CLI meets the terminal: stderr lines, colour decisions, exit codes.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func warning(_ line: String) {
        error("warning: " + line)
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour only on a terminal that can show it, never with `NO_COLOR` (any value), `TERM=dumb` or `--no-color`.
    static func style(noColor: Bool) -> Style {
        let environment = ProcessInfo.processInfo.environment
        let environmentSaysNo = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Style(enabled: stdoutIsTerminal && !noColor && !environmentSaysNo && environment["TERM"] != "dumb")
    }

    /// Prints what the user needs to know about `error` on stderr and exits with the contract's code.
    static func exit<Root: ParsableCommand>(for error: Error, command: Root.Type) -> Never {
        switch error {
        case let failure as UserFacingError:
            Terminal.error("error: " + failure.message)
            if let hint = failure.hint { Terminal.error(hint) }
            Foundation.exit(failure.category.exitCode)
        case let code as ExitCode:
            Foundation.exit(code.rawValue)
        default:
            let code = Root.exitCode(for: error)
            guard code == .validationFailure else { Root.exit(withError: error) }  // help, version, completion
            let message = Root.message(for: error)
            Terminal.error("error: " + lowercasingFirstLetter(message))
            Terminal.error("See 'kubectl serverless --help' for usage.")
            Foundation.exit(2)
        }
    }

    private static func lowercasingFirstLetter(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
