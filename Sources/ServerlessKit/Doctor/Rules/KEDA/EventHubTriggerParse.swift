/// One azure-eventhub trigger run through KEDA's own parser, with inputs gathered as KEDA gathers them.
/// Triggers whose inputs cannot be gathered (a missing or forbidden object) are left to the rules
/// about those objects: parsing them anyway would blame the trigger for something else.
struct EventHubTriggerParse {
    let resource: ScaledResource
    let trigger: ScaledResource.Trigger
    let inputs: TriggerInputs
    let version: KEDAVersion
    /// Whether `version` is the operator's (found in the input) rather than the newest KEDA.
    let versionFromOperator: Bool
    /// KEDA's settings, or the first error KEDA reports for them (metadata, then client creation).
    let result: Result<EventHubScalerSettings, KEDAConfigError>

    /// Every azure-eventhub trigger in the input whose inputs resolve, parsed by the operator's KEDA version.
    static func all(in index: DoctorIndex) -> [EventHubTriggerParse] {
        let resources = ScaledResource.all(in: index).filter { $0.triggers.contains { $0.type == "azure-eventhub" } }
        guard !resources.isEmpty else { return [] }
        let keda = KedaOperator.all(in: index).first
        let operatorVersion = keda?.version.flatMap { KEDAVersion($0) }
        let version = operatorVersion ?? .newest
        let clusterObjectNamespace = keda?.clusterObjectNamespace(in: index) ?? "keda"
        let resolver = TriggerInputsResolver(store: placed(index), clusterObjectNamespace: clusterObjectNamespace)
        var out: [EventHubTriggerParse] = []
        for resource in resources {
            let kind: ScalableKind = resource.isJob ? .scaledJob : .scaledObject
            let ref = ScalableObjectRef(kind: kind, namespace: index.namespace(of: resource.object) ?? index.defaultNamespace,
                                        name: resource.object.name)
            for (position, trigger) in resource.triggers.enumerated() where trigger.type == "azure-eventhub" {
                guard let inputs = try? resolver.resolve(ref, trigger: String(position)) else { continue }
                let result: Result<EventHubScalerSettings, KEDAConfigError>
                do {
                    let settings = try EventHubScalerSettings(parsing: inputs.eventHubTrigger, version: version)
                    // KEDA then creates its clients; when that fails, the scaler is never built either.
                    result = settings.clientCreationError.map { .failure($0) } ?? .success(settings)
                } catch let error as KEDAConfigError {
                    result = .failure(error)
                } catch {
                    continue
                }
                out.append(EventHubTriggerParse(resource: resource, trigger: trigger, inputs: inputs, version: version,
                                                versionFromOperator: operatorVersion != nil, result: result))
            }
        }
        return out
    }

    /// The input with every object placed in the namespace the doctor reads it in (manifests often leave
    /// `metadata.namespace` out), as the resolver looks objects up by exact namespace.
    private static func placed(_ index: DoctorIndex) -> ObjectStore {
        var store = ObjectStore(source: index.store.source, helmValues: index.store.helmValues,
                                servedGroupVersions: index.store.servedGroupVersions, unreadable: index.store.unreadable)
        for var object in index.store.objects {
            object.namespace = index.namespace(of: object)
            store.add(object)
        }
        return store
    }
}
