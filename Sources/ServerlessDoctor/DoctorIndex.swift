import ServerlessKubernetes
import ServerlessSupport

/// The object store indexed once for the rules: by kind, by name, workloads by name, and the
/// namespace every object really lives in. Every rule reads this; none scans the store in nested loops.
public struct DoctorIndex: Sendable {
    public let store: ObjectStore
    /// Where objects without `metadata.namespace` go: `-n`, else the context's, else `default`.
    public var defaultNamespace: String { placement.namespace }
    /// The one placement of namespace-less manifests, shared with `checkpoints -f`.
    public let placement: NamespacePlacement
    private let byKind: [String: [KubeObject]]
    private let byName: [ObjectName: KubeObject]
    private let workloadsByName: [ObjectName: Workload]
    private let eventsByObject: [ObjectName: [KubeObject]]
    private let unreadableKinds: [String: [String?]]

    // What several rules read, worked out once per run.
    public private(set) var functionsHosts: [FunctionsHost] = []
    public private(set) var scaledResources: [ScaledResource] = []
    public private(set) var scaledByTarget: [ObjectName: [ScaledResource]] = [:]
    public private(set) var kedaOperators: [KedaOperator] = []
    /// KEDA operators by the detector `checkpoints` shares: operator Deployments, then KEDA chart values.
    public private(set) var kedaSightings: [KEDAOperatorSighting] = []
    /// Every azure-eventhub trigger whose inputs resolve, through KEDA's resolver and parser: on first use,
    /// once per run (the live loader's own indexes never ask).
    package var eventHubTriggers: [EventHubTriggerParse] { eventHubTriggerCache.value { EventHubTriggerParse.scan(in: self) } }
    private let eventHubTriggerCache = EventHubTriggerCache()
    public private(set) var fission = FissionControlPlane(components: [], values: [])
    public private(set) var openWhiskComponents: [OpenWhiskComponent] = []
    /// What the `general` checks look at: by default what the platforms found in the store own.
    public private(set) var scope = ServerlessScope(platforms: [], members: [])

    public init(store: ObjectStore, defaultNamespace: String = "default") {
        self.store = store
        let placement = NamespacePlacement(namespace: defaultNamespace)
        self.placement = placement
        var byKind: [String: [KubeObject]] = [:]
        var byName: [ObjectName: KubeObject] = [:]
        var workloads: [ObjectName: Workload] = [:]
        var events: [ObjectName: [KubeObject]] = [:]
        for object in store.objects {
            byKind[object.kind, default: []].append(object)
            let namespace = placement.namespace(of: object)
            let key = ObjectName(kind: object.kind, namespace: namespace, name: object.name)
            if byName[key] == nil { byName[key] = object }
            if let workload = Workload(object), workloads[key] == nil { workloads[key] = workload }
            if object.kind == "Event" {
                let involved = object.body["involvedObject"]
                let target = ObjectName(kind: involved["kind"].string ?? "",
                                        namespace: involved["namespace"].string ?? namespace,
                                        name: involved["name"].string ?? "")
                events[target, default: []].append(object)
            }
        }
        self.byKind = byKind
        self.byName = byName
        workloadsByName = workloads
        eventsByObject = events
        unreadableKinds = Dictionary(grouping: store.unreadable, by: \.kind).mapValues { $0.map(\.namespace) }
        functionsHosts = FunctionsHost.scan(in: self)
        scaledResources = ScaledResource.scan(in: self)
        scaledByTarget = ScaledResource.scanTargets(in: self)
        kedaSightings = KEDAVersionDetector.sightings(objects: self.objects("Deployment"), helmValues: store.helmValues)
        kedaOperators = KedaOperator.scan(in: self)
        fission = FissionControlPlane(index: self)
        openWhiskComponents = OpenWhiskComponent.scan(in: self)
        scope = ServerlessScope(index: self, platforms: PlatformDetection.platforms(in: self))
    }

    /// The same index with the `general` checks scoped to these platforms' objects (`--platform keda,general`).
    public func scoped(to platforms: Set<Platform>) -> DoctorIndex {
        var copy = self
        copy.scope = ServerlessScope(index: self, platforms: platforms)
        return copy
    }

    public var isLive: Bool { store.isLive }

    /// The namespace an object lives in: its own, the default one when a manifest omits it, nil when cluster-scoped.
    public func namespace(of object: KubeObject) -> String? { placement.namespace(of: object) }

    /// Objects of a kind, optionally only those of an API group (`keda.sh`).
    public func objects(_ kind: String, group: String? = nil) -> [KubeObject] {
        let all = byKind[kind] ?? []
        guard let group else { return all }
        return all.filter { $0.group == group }
    }

    public func object(_ kind: String, namespace: String?, name: String) -> KubeObject? {
        byName[ObjectName(kind: kind, namespace: namespace, name: name)]
    }

    public var workloads: Dictionary<ObjectName, Workload>.Values { workloadsByName.values }

    public func workload(_ kind: String, namespace: String?, name: String) -> Workload? {
        workloadsByName[ObjectName(kind: kind, namespace: namespace, name: name)]
    }

    public func events(for object: KubeObject) -> [KubeObject] {
        eventsByObject[ObjectName(kind: object.kind, namespace: namespace(of: object), name: object.name)] ?? []
    }

    public func helmValues(_ chart: HelmChart) -> [HelmValuesDocument] {
        store.helmValues.filter { $0.chart == chart.rawValue }
    }

    /// What a reference to another object finds.
    public enum Lookup: Sendable {
        case found(KubeObject)
        /// Live, and the kind is readable: it really is not there.
        case missing
        /// Manifests: not among the files read (it may exist in the cluster).
        case notInInput
        /// Live, but we may not read that kind there.
        case unreadable
    }

    public func lookup(_ kind: String, namespace: String?, name: String) -> Lookup {
        if let object = object(kind, namespace: namespace, name: name) { return .found(object) }
        guard isLive else { return .notInInput }
        if let namespaces = unreadableKinds[kind], namespaces.contains(where: { $0 == nil || $0 == namespace }) {
            return .unreadable
        }
        return .missing
    }

    /// Keys of a Secret's `data`/`stringData` or a ConfigMap's `data`/`binaryData`; nil when the object is not known.
    public func dataKeys(kind: String, namespace: String?, name: String) -> Set<String>? {
        guard let object = object(kind, namespace: namespace, name: name) else { return nil }
        let fields = kind == "Secret" ? ["data", "stringData"] : ["data", "binaryData"]
        return Set(fields.flatMap { object.body[$0].members.map(\.key) })
    }

    /// A container's environment as the input shows it.
    public func env(of container: Container, in workload: Workload) -> ContainerEnv {
        ContainerEnv(container: container, namespace: namespace(of: workload.object), index: self)
    }
}

/// A kind, namespace and name: how objects refer to each other.
public struct ObjectName: Hashable, Sendable {
    public var kind: String
    public var namespace: String?
    public var name: String
}

extension ObjectName: CustomStringConvertible {
    /// The text reflection printed for it (rules key sets by `"\(name)|..."`), without reflection's cost:
    /// Mirror-based printing was a twentieth of the doctor's time over 5,000 objects.
    public var description: String {
        "ObjectName(kind: \(kind.debugDescription), namespace: \(namespace.map { "Optional(\($0.debugDescription))" } ?? "nil"), name: \(name.debugDescription))"
    }
}
