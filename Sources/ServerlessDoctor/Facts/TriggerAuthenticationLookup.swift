import ServerlessKubernetes

/// Finding a trigger's authentication among the doctor's inputs.
extension TriggerAuthentication {
    /// The authentication a trigger names, looked up where KEDA looks: the trigger's namespace, or cluster-wide.
    public static func lookup(_ trigger: ScaledResource.Trigger, of resource: ScaledResource,
                              in index: DoctorIndex) -> DoctorIndex.Lookup? {
        guard let ref = trigger.authenticationRef else { return nil }
        if ref.kind == "ClusterTriggerAuthentication" {
            return index.lookup("ClusterTriggerAuthentication", namespace: nil, name: ref.name)
        }
        return index.lookup("TriggerAuthentication", namespace: index.namespace(of: resource.object), name: ref.name)
    }

    /// The authentication when it is in the input; nil when the trigger has none or it cannot be seen.
    public static func resolved(_ trigger: ScaledResource.Trigger, of resource: ScaledResource,
                                in index: DoctorIndex) -> (found: TriggerAuthentication?, judgeable: Bool) {
        switch lookup(trigger, of: resource, in: index) {
        case nil: return (nil, true)
        case let .found(object)?: return (TriggerAuthentication(object: object), true)
        default: return (nil, false)
        }
    }
}
