import ServerlessKit

/// `-f` manifests into the object store, with the loader's warnings on stderr.
enum ManifestInput {
    static func load(paths: [String], recursive: Bool, helmValues: [String] = []) throws -> ObjectStore {
        let load = try ManifestLoader.load(paths: paths, recursive: recursive, helmValues: helmValues)
        for warning in load.warnings { Terminal.warning(warning.description) }
        return load.store
    }
}
