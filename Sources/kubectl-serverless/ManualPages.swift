import ArgumentParser
import Foundation
import ServerlessCompletion
import ServerlessRender

/// `__manual DIR [--checks-document FILE]`: writes the man pages (mdoc) for every visible command, from the same tree
/// `--help` is printed from. `scripts/generate` runs it; a test checks man/ is current.
struct ManualPages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__manual",
        abstract: "Write the man pages for every command into a directory.",
        shouldDisplay: false)

    @Argument(help: "Directory to write the pages into (man/man1, so that MANPATH=man finds them).")
    var directory: String

    @Option(name: .customLong("checks-document"), help: "Also write the check catalogue as Markdown (CHECKS.md) to this file.")
    var checksDocument: String?

    func run() throws {
        let tree = try CommandInfo.tree(fromDump: KubectlServerless._dumpHelp())
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for page in ManualPage.all(tree: tree) {
            let path = (directory as NSString).appendingPathComponent(page.fileName)
            try Data(page.mdoc().utf8).write(to: URL(fileURLWithPath: path))
        }
        if let checksDocument {
            try Data(DoctorCatalogue.markdown().utf8).write(to: URL(fileURLWithPath: checksDocument))
        }
    }
}
