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
    /// KEDA's settings, or the error KEDA reports for them.
    let result: Result<EventHubScalerSettings, KEDAConfigError>

    static func metadata(_ inputs: TriggerInputs) -> EventHubTriggerMetadata {
        EventHubTriggerMetadata(metadata: inputs.metadata, resolvedEnv: inputs.resolvedEnv.mapValues(\.value),
                                authParams: inputs.authParams.mapValues(\.value),
                                podIdentityProvider: inputs.podIdentityProvider ?? "")
    }

    /// Every azure-eventhub trigger in the input whose inputs resolve, parsed by the operator's KEDA version.
    static func all(in index: DoctorIndex) -> [EventHubTriggerParse] {
        let resources = ScaledResource.all(in: index).filter { $0.triggers.contains { $0.type == "azure-eventhub" } }
        guard !resources.isEmpty else { return [] }
        let keda = KedaOperator.all(in: index).first
        let operatorVersion = keda?.version.flatMap { KEDAVersion($0) }
        let version = operatorVersion ?? .newest
        let clusterObjectNamespace = keda?.clusterObjectNamespace(in: index) ?? "keda"
        let stores = storesByNamespace(index, clusterObjectNamespace: clusterObjectNamespace)
        var resolvers: [String: TriggerInputsResolver] = [:]
        var out: [EventHubTriggerParse] = []
        for resource in resources {
            let kind: ScalableKind = resource.isJob ? .scaledJob : .scaledObject
            let ref = ScalableObjectRef(kind: kind, namespace: index.namespace(of: resource.object) ?? index.defaultNamespace,
                                        name: resource.object.name)
            let resolver = resolvers[ref.namespace] ?? TriggerInputsResolver(
                store: stores[ref.namespace] ?? stores[""]!, clusterObjectNamespace: clusterObjectNamespace)
            resolvers[ref.namespace] = resolver
            for (position, trigger) in resource.triggers.enumerated() where trigger.type == "azure-eventhub" {
                guard let inputs = try? resolver.resolve(ref, trigger: String(position)) else { continue }
                let result: Result<EventHubScalerSettings, KEDAConfigError>
                do {
                    result = .success(try EventHubScalerSettings(parsing: metadata(inputs), version: version))
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

    /// One store per namespace, with every object placed in the namespace the doctor reads it in (manifests
    /// often leave `metadata.namespace` out). Each holds its namespace, the cluster-scoped objects and the
    /// namespace of ClusterTriggerAuthentication Secrets: all a trigger there can reach, and small enough
    /// for the resolver's lookups. Key "" is the store with none of a namespace's own objects.
    private static func storesByNamespace(_ index: DoctorIndex, clusterObjectNamespace: String) -> [String: ObjectStore] {
        var byNamespace: [String: [KubeObject]] = [:]
        var shared: [KubeObject] = []
        for var object in index.store.objects {
            object.namespace = index.namespace(of: object)
            if let namespace = object.namespace { byNamespace[namespace, default: []].append(object) } else { shared.append(object) }
        }
        shared += byNamespace[clusterObjectNamespace] ?? []
        func store(_ objects: [KubeObject]) -> ObjectStore {
            ObjectStore(source: index.store.source, objects: objects, helmValues: index.store.helmValues,
                        servedGroupVersions: index.store.servedGroupVersions, unreadable: index.store.unreadable)
        }
        var stores = byNamespace.mapValues { store($0 + shared) }
        stores[""] = store(shared)
        return stores
    }
}
