import ArgumentParser
import Foundation
import ServerlessRender

/// `-o` for a command whose document is `Document`: offers that document's formats (help, completion,
/// and SAP's "please provide one of" error), defaulting to its first.
struct OutputOption<Document: OutputDocument>: ExpressibleByArgument {
    let format: OutputFormat

    init(_ format: OutputFormat = Document.formats[0]) { self.format = format }

    init?(argument: String) {
        guard let format = OutputFormat(rawValue: argument), Document.formats.contains(format) else { return nil }
        self.format = format
    }

    var defaultValueDescription: String { format.rawValue }
    static var allValueStrings: [String] { Document.formats.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

extension Terminal {
    /// The end of every command: `document` in `format` on stdout, its notes and errors on stderr, its exit
    /// status (a format the document lacks is a usage error, exit 2, before anything is printed).
    static func show(_ document: some OutputDocument, as format: OutputFormat, _ settings: PrintSettings) throws {
        let printout = try document.render(format, settings)
        write(printout)
        if printout.exitCode != 0 { throw ExitCode(printout.exitCode) }
    }

    /// A printout without ending the command: a `--watch` round.
    static func write(_ printout: Printout) {
        print(printout.stdout, terminator: "")
        fflush(stdout)
        for line in printout.stderr { error(line) }
    }

    /// Colour and `--no-headers` as the user's flags and terminal ask.
    static func printSettings(_ global: GlobalOptions) -> PrintSettings {
        PrintSettings(style: style(noColor: global.noColor), showHeaders: !global.noHeaders)
    }
}
