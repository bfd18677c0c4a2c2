import ArgumentParser
import ServerlessRender

struct Version: ParsableCommand {
    // Named here, not derived: swift-argument-parser would print the type's name by reflection at every parse.
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the plugin's version.",
        discussion: """
            Prints the version, the commit and date of the release build (unknown in a development build), \
            the Swift compiler that built it, the versions of libcurl, libxml2 and OpenSSL loaded at run \
            time, and the newest KEDA release whose behaviour it reproduces. It contacts nothing, so \
            kubectl's flags (--context, -n, -v and the rest) are accepted, as by every subcommand, but \
            change nothing here; they are left out of this help.

            Examples:
              # The version, as a script reads it
              kubectl serverless version -o json
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp(VersionReport.formatHelp))
    var output: OutputOption<VersionReport> = .init()

    // kubectl's flags are accepted like everywhere (scripts pass them to every subcommand), but a
    // version needs no cluster and logs nothing, so help, man page and completion do not offer them.
    @OptionGroup(visibility: .private) var global: GlobalOptions

    func run() throws {
        try Terminal.show(VersionReport(), as: output.format, Terminal.printSettings(global))
    }
}
