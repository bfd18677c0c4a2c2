/// Names that only a cluster or a kubeconfig knows, offered for the flags kubectl itself
/// completes that way (`-n` namespaces, `--context` contexts, ...) and for our own object names.
public enum LiveNameKind: String, Sendable, CaseIterable {
    case namespaces, contexts, clusters, users, scaledObjects, scaledJobs

    /// Which kind, if any, an argument's values are: by kubectl's flag names, and for our own
    /// arguments by their value name (`SCALEDOBJECT` positional, `--scaled-job NAME`).
    public init?(argument: ArgumentInfo) {
        let words = argument.names.filter { $0.kind != .short }.map(\.name) + [argument.valueName]
        for word in words.map(Self.normalise) {
            switch word {
            case "namespace": self = .namespaces; return
            case "context": self = .contexts; return
            case "cluster": self = .clusters; return
            case "user": self = .users; return
            case "scaledobject": self = .scaledObjects; return
            case "scaledjob": self = .scaledJobs; return
            default: continue
            }
        }
        return nil
    }

    /// The kind as kubectl names it, for candidate descriptions.
    public var title: String {
        switch self {
        case .namespaces: "Namespace"
        case .contexts: "Context"
        case .clusters: "Cluster"
        case .users: "User"
        case .scaledObjects: "ScaledObject"
        case .scaledJobs: "ScaledJob"
        }
    }

    package static func normalise(_ word: String) -> String {
        word.lowercased().filter { $0 != "-" && $0 != "_" }
    }
}

/// The kubeconfig selection the user already typed, handed on to whatever lists live names.
public struct LiveNameScope: Equatable, Sendable {
    public var kubeconfig: String?
    public var context: String?
    public var cluster: String?
    public var user: String?
    public var namespace: String?

    public init(kubeconfig: String? = nil, context: String? = nil, cluster: String? = nil,
                user: String? = nil, namespace: String? = nil) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
    }

    public init(_ point: CompletionPoint) {
        self.init(kubeconfig: point.value(of: "kubeconfig"), context: point.value(of: "context"),
                  cluster: point.value(of: "cluster"), user: point.value(of: "user"),
                  namespace: point.value(of: "namespace"))
    }
}

/// Lists live names; returns nothing when it cannot answer quickly. Never throws: completion
/// must stay silent when the cluster is away.
public protocol LiveNameSource: Sendable {
    func names(_ kind: LiveNameKind, scope: LiveNameScope) async -> [String]
}
