import ArgumentParser
import Foundation
import ServerlessIO
import ServerlessRender
import ServerlessSupport

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

/// One line on a terminal's stderr, `requests done/total`, drawn once a command has run for a second,
/// redrawn as requests end and erased at the end. Never drawn on a pipe.
final class ProgressLine: @unchecked Sendable {
    private let task: Task<Void, Never>
    private let drawn = NSLock()
    private var visible = false

    private init(_ tracker: RequestTracker) {
        let box = Box()
        task = Task {
            try? await Task.sleep(for: .seconds(1))
            while !Task.isCancelled {
                let (done, total) = tracker.progress
                box.line?.draw("reading checkpoints: \(done)/\(total) requests")
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        box.line = self
    }

    /// A progress line when stderr is a terminal that can take it, else nil.
    static func start(_ tracker: RequestTracker) -> ProgressLine? {
        guard Terminal.stderrIsTerminal, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        return ProgressLine(tracker)
    }

    private func draw(_ text: String) {
        drawn.withLock {
            visible = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }

    func stop() {
        task.cancel()
        drawn.withLock {
            if visible { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            visible = false
        }
    }

    private final class Box: @unchecked Sendable { weak var line: ProgressLine? }
}
