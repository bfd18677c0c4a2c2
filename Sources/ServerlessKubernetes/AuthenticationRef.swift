import ServerlessSupport

/// A trigger's `authenticationRef`, and where KEDA looks it up: the one answer for `checkpoints` and the doctor.
/// KEDA's `getTriggerAuthSpec` (kedacore/keda pkg/scaling/resolver/scale_resolvers.go): kind "" or
/// TriggerAuthentication in the trigger's namespace, ClusterTriggerAuthentication cluster-wide with its Secrets
/// and ConfigMaps in KEDA's cluster object namespace, any other kind an error ("unknown trigger auth kind").
public struct AuthenticationRef: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case triggerAuthentication
        case clusterTriggerAuthentication
        /// A kind KEDA does not know (the CRD's enum refuses it, so only manifests carry one).
        case unknown(String)
    }

    public var name: String
    public var kind: Kind

    /// nil when the trigger names no authentication: KEDA's `resolveAuthRef` reads one only when
    /// `authenticationRef.name` is not empty.
    public init?(_ value: Value) {
        guard let name = value["name"].string.nonEmpty else { return nil }
        self.name = name
        switch value["kind"].string ?? "" {
        case "", "TriggerAuthentication": kind = .triggerAuthentication
        case "ClusterTriggerAuthentication": kind = .clusterTriggerAuthentication
        case let other: kind = .unknown(other)
        }
    }

    /// The kind as KEDA reads it (an empty kind is a TriggerAuthentication).
    public var kindName: String {
        switch kind {
        case .triggerAuthentication: "TriggerAuthentication"
        case .clusterTriggerAuthentication: "ClusterTriggerAuthentication"
        case let .unknown(other): other
        }
    }

    public var isCluster: Bool { kind == .clusterTriggerAuthentication }

    /// What KEDA fetches for a trigger in `namespace`: the kind, and its namespace (nil: cluster-scoped);
    /// nil for a kind KEDA does not know.
    public func location(triggerNamespace namespace: String) -> (kind: KindRef, namespace: String?)? {
        switch kind {
        case .triggerAuthentication: (kind: KindRef.triggerAuthentication, namespace: namespace)
        case .clusterTriggerAuthentication: (kind: KindRef.clusterTriggerAuthentication, namespace: nil)
        case .unknown: nil
        }
    }

    /// Where KEDA reads the Secrets and ConfigMaps the authentication names: the trigger's namespace, or for a
    /// ClusterTriggerAuthentication KEDA's own (`KEDA_CLUSTER_OBJECT_NAMESPACE`).
    public func secretNamespace(triggerNamespace: String, clusterObjectNamespace: String) -> String {
        isCluster ? clusterObjectNamespace : triggerNamespace
    }

    /// `TriggerAuthentication fn/orders-auth`, `ClusterTriggerAuthentication orders-auth`.
    public func described(triggerNamespace: String) -> String {
        isCluster ? "\(kindName) \(name)" : "\(kindName) \(triggerNamespace)/\(name)"
    }
}
