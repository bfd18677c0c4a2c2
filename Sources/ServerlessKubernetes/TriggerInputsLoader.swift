import ServerlessKEDA

/// Gathers trigger inputs from a live cluster with as few reads as KEDA's resolver needs: it GETs the
/// ScaledObject, then the objects the resolution asks for (target, Secrets, ConfigMaps,
/// TriggerAuthentication), round by round, never listing whole namespaces.
public enum TriggerInputsLoader {
    public static func load(_ ref: ScalableObjectRef, trigger: String? = nil, triggerType: String = "azure-eventhub",
                            client: KubeAPIClient, clusterObjectNamespace: String = KEDADefaults.clusterObjectNamespace) async throws -> TriggerInputs {
        var store = ObjectStore(source: .cluster(context: client.config.sourceName))
        var fetched: Set<LookupLog.Entry> = []
        // Each round can reveal at most one more level of references (object, target, its Secrets).
        for _ in 0..<8 {
            let resolver = TriggerInputsResolver(store: store, clusterObjectNamespace: clusterObjectNamespace)
            let outcome = Result { try resolver.resolve(ref, trigger: trigger, triggerType: triggerType) }
            let wanted = resolver.lookups.entries.filter { !fetched.contains($0) }
            if wanted.isEmpty { return try outcome.get() }
            let fetchedObjects = await wanted.concurrentMap { entry -> Result<KubeObject?, Error> in
                do {
                    return .success(try await client.get(entry.kind, namespace: entry.namespace, name: entry.name))
                } catch {
                    return .failure(error)
                }
            }
            let results = zip(wanted, fetchedObjects)
            for (entry, result) in results {
                fetched.insert(entry)
                switch result {
                case let .success(object?): store.add(object)
                case .success(nil): break
                case let .failure(KubeAPIError.forbidden(message)):
                    store.unreadable.append(UnreadableKind(kind: entry.kind.kind, namespace: entry.namespace, reason: message))
                case let .failure(error): throw error
                }
            }
        }
        let resolver = TriggerInputsResolver(store: store, clusterObjectNamespace: clusterObjectNamespace)
        return try resolver.resolve(ref, trigger: trigger, triggerType: triggerType)
    }
}
