/// Fills an `ObjectStore` from a live cluster: one discovery, then every kind listed at once.
public enum ClusterObjects {
    /// Lists `kinds` in `namespace` (nil: all namespaces). Kinds whose API group the server does not
    /// serve are skipped (`servedGroupVersions` says so); a kind the user may not read (403) becomes an
    /// `UnreadableKind` and the rest goes on. Throws when the cluster itself cannot be used
    /// (unreachable, 401, discovery refused).
    public static func load(kinds: [KindRef], namespace: String?, client: KubeAPIClient,
                            labelSelector: String? = nil) async throws -> ObjectStore {
        let discovery = try await client.discover()
        var store = ObjectStore(source: .cluster(context: client.config.sourceName),
                                servedGroupVersions: discovery.groupVersions)
        let served = kinds.compactMap { kind in discovery.served(kind).map { (kind, $0) } }

        let results = await served.map(\.1).concurrentMap { kind -> Result<[KubeObject], Error> in
            do {
                let scope = kind.namespaced ? namespace : nil
                return .success(try await client.list(kind, namespace: scope, labelSelector: labelSelector))
            } catch {
                return .failure(error)
            }
        }

        for ((asked, kind), result) in zip(served, results) {
            switch result {
            case let .success(objects):
                for object in objects { store.add(object) }
            case let .failure(error):
                switch error {
                case KubeAPIError.forbidden(let message), KubeAPIError.notFound(let message):
                    store.unreadable.append(UnreadableKind(kind: asked.kind, namespace: kind.namespaced ? namespace : nil,
                                                           reason: message))
                case KubeAPIError.status(_, _, let message) where !message.isEmpty:
                    store.unreadable.append(UnreadableKind(kind: asked.kind, namespace: kind.namespaced ? namespace : nil,
                                                           reason: message))
                default:
                    throw error
                }
            }
        }
        return store
    }
}
