/// Reads what the doctor's rules need from a live cluster: every kind in `DoctorKinds` at once, the
/// server's version, then the log tails of the few containers a check reads. GET only; a fact the
/// user may not read is left out, never a failed run.
public enum DoctorLive {
    /// At most this many containers' logs are read per run.
    static let maxLogs = 3

    public static func load(client: KubeAPIClient, namespace: String?) async throws -> ObjectStore {
        async let objects = ClusterObjects.load(kinds: DoctorKinds.all, namespace: namespace, client: client)
        async let version = client.serverVersion()
        var store = try await objects
        store.serverVersion = try await version
        let targets = logTargets(in: DoctorIndex(store: store))
        let tails = await targets.concurrentMap { target -> PodLogTail? in
            try? await client.podLogTail(namespace: target.namespace, pod: target.pod, container: target.container)
        }
        store.podLogs = tails.compactMap { $0 }
        return store
    }

    /// Containers whose logs a check reads: OpenWhisk controllers (OW-LIVE-001 looks for "No invokers available").
    static func logTargets(in index: DoctorIndex) -> [(namespace: String, pod: String, container: String)] {
        var out: [(namespace: String, pod: String, container: String)] = []
        for component in OpenWhiskComponent.all(in: index) where component.role == .controller {
            for pod in index.scope.pods(of: component.workload, in: index) where pod.body["status"]["phase"].string == "Running" {
                guard let namespace = index.namespace(of: pod) else { continue }
                out.append((namespace, pod.name, component.container.name))
            }
        }
        return Array(out.prefix(maxLogs))
    }
}
