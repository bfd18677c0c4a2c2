import ServerlessKubernetes

/// Finding a trigger's authentication among the doctor's inputs.
extension TriggerAuthentication {
    /// The authentication a trigger names, looked up where KEDA looks (`AuthenticationRef.location`, the same
    /// answer `checkpoints` resolves with): the trigger's namespace, or cluster-wide. nil when the trigger names
    /// none, or a kind KEDA does not know.
    public static func lookup(_ trigger: ScaledResource.Trigger, of resource: ScaledResource,
                              in index: DoctorIndex) -> DoctorIndex.Lookup? {
        guard let ref = trigger.authenticationRef,
              let location = ref.location(triggerNamespace: index.namespace(of: resource.object) ?? index.defaultNamespace)
        else { return nil }
        return index.lookup(location.kind.kind, namespace: location.namespace, name: ref.name)
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
