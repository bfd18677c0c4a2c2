/// Where an object whose manifest leaves `metadata.namespace` out lives, as kubectl places it on
/// `kubectl apply -f`: in the namespace the command runs in (`-n`, else the kubeconfig context's,
/// else `default`; `KubeconfigLoader.defaultNamespace`). Cluster-scoped kinds stay without one.
/// The doctor and `checkpoints -f` both place manifests through this, so references between
/// namespace-less objects (scale target, Secrets, ConfigMaps, TriggerAuthentication) meet.
public struct NamespacePlacement: Sendable, Equatable {
    /// Kinds that have no namespace.
    public static let clusterScopedKinds: Set<String> = [
        "Namespace", "Node", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "APIService",
        "ClusterTriggerAuthentication", "ClusterCloudEventSource", "PersistentVolume", "StorageClass",
        "PriorityClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ]

    /// The namespace the command runs in.
    public var namespace: String

    public init(namespace: String) {
        self.namespace = namespace
    }

    /// The object's own namespace, else this one; nil for cluster-scoped kinds without one.
    public func namespace(of object: KubeObject) -> String? {
        if let namespace = object.namespace { return namespace }
        return Self.clusterScopedKinds.contains(object.kind) ? nil : namespace
    }

    /// The store with every namespaced object in the namespace it lives in, so lookups by exact
    /// namespace find what kubectl would have created together.
    public func place(_ store: ObjectStore) -> ObjectStore {
        var placed = ObjectStore(source: store.source, helmValues: store.helmValues,
                                 servedGroupVersions: store.servedGroupVersions, unreadable: store.unreadable)
        placed.serverVersion = store.serverVersion
        placed.podLogs = store.podLogs
        for var object in store.objects {
            object.namespace = namespace(of: object)
            placed.add(object)
        }
        return placed
    }
}
