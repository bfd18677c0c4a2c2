import ServerlessSupport

/// Everything a command reads about the cluster, filled once from the API server or from manifests.
/// Rules and inspectors are pure functions of this store.
public struct ObjectStore: Sendable {
    public enum Source: Sendable, Equatable {
        case cluster(context: String)
        case manifests(paths: [String])
    }

    public var source: Source
    public private(set) var objects: [KubeObject]
    /// Helm values documents (no apiVersion/kind) met among the manifests, with the file they came from.
    public var helmValues: [HelmValuesDocument]
    /// Group/versions the API server serves (`apps/v1`, `keda.sh/v1alpha1`); empty for manifests.
    public var servedGroupVersions: Set<String>
    /// Kinds that could not be read, and why (a 403 on Secrets, say). The rest still goes on.
    public var unreadable: [UnreadableKind]
    /// The API server's version (`GET /version`); nil for manifests or when the server would not say.
    public var serverVersion: KubernetesVersion?
    /// Log tails the doctor asked for (a few control-plane containers only); empty for manifests.
    public var podLogs: [PodLogTail] = []
    /// Namespace mode only: why the platforms' control planes (KEDA, Fission, OpenWhisk workloads) could not
    /// be looked for across the cluster (a 403 on listing Deployments in all namespaces); nil when they were.
    public var controlPlanesUnseen: String?

    public init(source: Source, objects: [KubeObject] = [], helmValues: [HelmValuesDocument] = [],
                servedGroupVersions: Set<String> = [], unreadable: [UnreadableKind] = []) {
        self.source = source
        self.objects = []
        self.helmValues = helmValues
        self.servedGroupVersions = servedGroupVersions
        self.unreadable = unreadable
        for object in objects { add(object) }
    }

    public var isLive: Bool { if case .cluster = source { return true } else { return false } }

    /// Adds an object; the same object twice (kind, namespace, name) keeps the first and returns false.
    @discardableResult
    public mutating func add(_ object: KubeObject) -> Bool {
        let key = ObjectKey(object)
        guard positions[key] == nil else { return false }
        positions[key] = objects.count
        objects.append(object)
        return true
    }

    /// Where each object is in `objects`, so lookups by name do not scan thousands of objects.
    private var positions: [ObjectKey: Int] = [:]

    /// The object with this API group, kind, namespace (nil: cluster-scoped) and name.
    public func object(group: String, kind: String, namespace: String?, name: String) -> KubeObject? {
        positions[ObjectKey(group: group, kind: kind, namespace: namespace, name: name)].map { objects[$0] }
    }

    /// Objects of a kind (and API group, when given), in one namespace or all.
    public func objects(kind: String, group: String? = nil, namespace: String? = nil) -> [KubeObject] {
        objects.filter { object in
            object.kind == kind && (group == nil || object.group == group)
                && (namespace == nil || object.namespace == namespace)
        }
    }

    public func object(kind: String, namespace: String?, name: String) -> KubeObject? {
        objects.first { $0.kind == kind && $0.namespace == namespace && $0.name == name }
    }
}

public struct HelmValuesDocument: Sendable {
    public var file: String
    /// `openwhisk`, `fission` or `keda` when recognised or named with `--helm-values CHART=FILE`.
    public var chart: String?
    public var values: Value
    /// The file and the line of every key, for findings that point into the values file.
    public var location: SourceLocation?

    public init(file: String, chart: String?, values: Value, location: SourceLocation? = nil) {
        self.file = file
        self.chart = chart
        self.values = values
        self.location = location
    }
}

public struct UnreadableKind: Sendable, Equatable {
    public var kind: String
    public var namespace: String?
    public var reason: String

    public init(kind: String, namespace: String?, reason: String) {
        self.kind = kind
        self.namespace = namespace
        self.reason = reason
    }
}

private struct ObjectKey: Hashable {
    let group: String, kind: String, namespace: String?, name: String

    init(group: String, kind: String, namespace: String?, name: String) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    init(_ object: KubeObject) {
        self.init(group: object.group, kind: object.kind, namespace: object.namespace, name: object.name)
    }
}
