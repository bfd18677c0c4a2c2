/// Where `checkpoints` reads ScaledObjects and ScaledJobs and what they refer to: a cluster, or `-f` manifests
/// read once (placed as kubectl places them). The one seam between a command and where its objects come
/// from: either lists the azure-eventhub triggers in scope, resolves one as KEDA does, and says which KEDA
/// operator it holds, so one object and many, once or round after round, go the same way.
public enum ScalableObjectSource: Sendable {
    case cluster(KubeAPIClient)
    case manifests(TriggerInputsSource)

    /// The namespace of a named object when the command gives none: `-n`, else the context's, else `default`.
    public var namespace: String {
        switch self {
        case let .cluster(client): client.config.namespace
        case let .manifests(source): source.placement.namespace
        }
    }

    /// Every azure-eventhub trigger in `namespace` (nil: all) whose object matches `selector`.
    public func triggers(namespace: String?, selector: String?) async throws -> EventHubTriggerScope {
        switch self {
        case let .cluster(client): try await EventHubTriggerScope.list(client: client, namespace: namespace, selector: selector)
        case let .manifests(source): try EventHubTriggerScope.list(in: source, namespace: namespace, selector: selector)
        }
    }

    /// KEDA's resolution of `ref`'s trigger (`trigger`: an index or name; nil: the only azure-eventhub one).
    public func inputs(_ ref: ScalableObjectRef, trigger: String?, clusterObjectNamespace: String) async throws -> TriggerInputs {
        switch self {
        case let .cluster(client):
            try await TriggerInputsLoader.load(ref, trigger: trigger, client: client, clusterObjectNamespace: clusterObjectNamespace)
        case let .manifests(source):
            try source.inputs(ref, trigger: trigger, clusterObjectNamespace: clusterObjectNamespace)
        }
    }

    /// The KEDA operators found where the objects are: asked of the cluster (with why it could not say), or
    /// among the manifests (a KEDA operator Deployment, KEDA chart values).
    public func kedaOperators() async -> (sightings: [KEDAOperatorSighting], unavailable: String?) {
        switch self {
        case let .cluster(client): await KEDAVersionDetector.live(client: client)
        case let .manifests(source): (source.kedaSightings, nil)
        }
    }

    /// What the table's footer says the KEDA version came from when an operator was found.
    public var versionSource: KEDAVersionSource {
        switch self {
        case .cluster: .cluster
        case .manifests: .manifests
        }
    }
}
