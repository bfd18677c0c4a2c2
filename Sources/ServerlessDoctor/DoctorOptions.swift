import Foundation

/// How a doctor run is scoped, from the CLI's flags and the config file.
public struct DoctorOptions: Sendable {
    /// `--platform`; nil runs the checks of every platform found in the store.
    public var platforms: Set<Platform>?
    /// `--only`; empty runs all.
    public var only: Set<String>
    /// `--skip`, added to the config file's `skip`.
    public var skip: Set<String>
    /// `--fail-on`; nil takes the config file's `failOn`, else `error`.
    public var failOn: FailOn?
    /// Report only objects in this namespace (`-n` without `-A`); nil reports every namespace.
    public var namespace: String?
    /// The namespace of objects whose manifest has none (`-n`, else the context's, else `default`).
    public var defaultNamespace: String
    public var config: DoctorConfig

    public init(platforms: Set<Platform>? = nil, only: Set<String> = [], skip: Set<String> = [], failOn: FailOn? = nil,
                namespace: String? = nil, defaultNamespace: String = "default", config: DoctorConfig = DoctorConfig()) {
        self.platforms = platforms
        self.only = only
        self.skip = skip
        self.failOn = failOn
        self.namespace = namespace
        self.defaultNamespace = defaultNamespace
        self.config = config
    }

    /// `--only AF-LOCK-001,kd-ta-001`: upper-cased, each checked against the catalogue.
    public static func parseIDs(_ text: String, flag: String) throws -> Set<String> {
        var out: Set<String> = []
        for part in text.split(separator: ",") {
            let id = part.trimmingCharacters(in: .whitespaces).uppercased()
            guard Catalogue.ids.contains(id) else {
                throw DoctorInputError(message: "unknown check id \"\(id)\" in \(flag)",
                                       hint: "kubectl serverless doctor --list-checks lists them")
            }
            out.insert(id)
        }
        return out
    }

    public var effectiveFailOn: FailOn { failOn ?? config.failOn ?? .error }
}
