import ServerlessKEDA

/// What an option's or positional's values are, worked out from the command tree: the argument's
/// own completion kind first, then kubectl's and our flag names, so flags other files add later
/// (`--storage-account`, `--azure-credential`, ...) complete without anyone listing them here.
public enum ValueKind: Equatable, Sendable {
    /// Names only a cluster or kubeconfig knows; `commaList` when several may be given (`--context a,b`).
    case live(LiveNameKind, commaList: Bool)
    /// A ScaledObject or ScaledJob: plain names, `sj/NAME`, and `so/`, `scaledobject/`... forms.
    case objectReference
    /// Doctor check ids from the catalogue, comma-separated.
    case checkIDs
    /// File names (the shell completes them, directories included), optionally by extension.
    case paths(extensions: [String])
    case directories
    /// The argument's own completion closure.
    case custom
    /// A fixed set of values, comma-separated when `commaList`.
    case known([String], commaList: Bool)
    /// Free text: nothing to offer, and no file names either.
    case free

    /// kubectl's path flags and ours: their values are files.
    package static let pathFlags: Set<String> = [
        "kubeconfig", "filename", "config", "partition-info", "azure-ca-file", "certificate-authority",
        "client-certificate", "client-key", "helm-values",
    ]

    public init(argument: ArgumentInfo) {
        let long = argument.longName ?? ""
        switch argument.completion {
        case .file(let extensions)?: self = .paths(extensions: extensions); return
        case .directory?: self = .directories; return
        case .custom?: self = .custom; return
        case .list(let values)? where !values.isEmpty: self = .known(values, commaList: false); return
        default: break
        }
        if let live = LiveNameKind(argument: argument) {
            if argument.kind == .positional && (live == .scaledObjects || live == .scaledJobs) {
                self = .objectReference
            } else {
                self = .live(live, commaList: live == .contexts)
            }
            return
        }
        if long == "only" || long == "skip" { self = .checkIDs; return }
        if long == "checkpoint-strategy" {
            self = .known(CheckpointStrategy.names, commaList: false)
            return
        }
        let words = [long, argument.valueName.lowercased()]
        if Self.pathFlags.contains(long) || words.contains(where: { $0.hasSuffix("file") || $0 == "path" }) {
            self = .paths(extensions: [])
            return
        }
        let known = argument.knownValues
        if !known.isEmpty {
            // "comma-separated" in the help, as `--platform keda,fission` says.
            self = .known(known, commaList: argument.abstract.lowercased().contains("comma"))
            return
        }
        self = .free
    }
}

/// The kind words `checkpoints` takes before a `/` (`so/orders`, `scaledjob.keda.sh/batch`),
/// kubectl's resource spellings for KEDA's two scalable kinds.
public enum ObjectReferenceKind {
    public static let scaledObjectWords = ["so", "scaledobject", "scaledobjects", "scaledobject.keda.sh", "scaledobjects.keda.sh"]
    public static let scaledJobWords = ["sj", "scaledjob", "scaledjobs", "scaledjob.keda.sh", "scaledjobs.keda.sh"]

    public static func kind(of word: String) -> LiveNameKind? {
        let word = word.lowercased()
        if scaledObjectWords.contains(word) { return .scaledObjects }
        if scaledJobWords.contains(word) { return .scaledJobs }
        return nil
    }
}
