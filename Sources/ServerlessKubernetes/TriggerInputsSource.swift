import ServerlessSupport

/// Objects read all at once (`-f` manifests, or the doctor's store), ready for KEDA's resolver: placed once as
/// kubectl places namespace-less manifests (`NamespacePlacement`), so references between them meet. The one
/// way `checkpoints -f` and the doctor's azure-eventhub rules gather a trigger's inputs from such a store, and
/// where both find the KEDA operator that decides the version modelled.
public struct TriggerInputsSource: Sendable {
    public let store: ObjectStore
    public let placement: NamespacePlacement

    public init(_ store: ObjectStore, placement: NamespacePlacement) {
        self.store = placement.place(store)
        self.placement = placement
    }

    /// KEDA's resolution of `ref`'s trigger (`trigger`: an index or name; nil: the only azure-eventhub one). An
    /// object kept in another namespace than `ref`'s is named with the `-n` that finds it.
    public func inputs(_ ref: ScalableObjectRef, trigger: String?, clusterObjectNamespace: String) throws -> TriggerInputs {
        do {
            return try TriggerInputsResolver(store: store, clusterObjectNamespace: clusterObjectNamespace).resolve(ref, trigger: trigger)
        } catch let error as TriggerInputError
            where error == .objectNotFound(kind: ref.kind.rawValue, namespace: ref.namespace, name: ref.name, referencedBy: nil) {
            // Manifests that name their namespace stay in it, whatever -n says.
            let elsewhere = store.objects(kind: ref.kind.rawValue).filter { $0.name == ref.name }.compactMap(\.namespace)
            guard let first = elsewhere.first else { throw error }
            throw WithHint(error, hint: "the manifests have it in namespace \(elsewhere.joined(separator: ", ")): pass -n \(first)")
        }
    }

    /// The KEDA operators and chart values among the objects (`KEDAVersionDetector`).
    public var kedaSightings: [KEDAOperatorSighting] { KEDAVersionDetector.sightings(in: store) }
}
