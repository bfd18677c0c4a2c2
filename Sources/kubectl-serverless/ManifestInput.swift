import ArgumentParser
import ServerlessKubernetes

/// A command that reads `-f` manifests says what `-f` means for it.
protocol ManifestReadingCommand {
    static var filenameHelp: String { get }
}

/// `-f`/`-R`, declared once for every command that reads manifests (kubectl's names); `Command` gives
/// `-f` its help text.
struct ManifestFlags<Command: ManifestReadingCommand>: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("filename")], help: ArgumentHelp(Command.filenameHelp))
    var filenames: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Read directories given with -f recursively.")
    var recursive = false

    /// The manifests into one object store, with the loader's warnings on stderr.
    func load(helmValues: [String] = []) throws -> ObjectStore {
        try ManifestInput.load(paths: filenames, recursive: recursive, helmValues: helmValues)
    }
}

/// `-f` manifests into the object store, with the loader's warnings on stderr.
enum ManifestInput {
    static func load(paths: [String], recursive: Bool, helmValues: [String] = []) throws -> ObjectStore {
        let load = try ManifestLoader.load(paths: paths, recursive: recursive, helmValues: helmValues)
        for warning in load.warnings { Terminal.warning(warning.description) }
        return load.store
    }
}
