import ServerlessKubernetes
import ServerlessSupport

/// Reads what the doctor's rules need from a live cluster: every kind in `DoctorKinds` at once, the
/// server's version, then the log tails of the few containers a check reads. GET only; a fact the
/// user may not read is left out, never a failed run.
public enum DoctorLive {
    /// At most this many containers' logs are read per run.
    package static let maxLogs = 3

    public static func load(client: KubeAPIClient, namespace: String?) async throws -> ObjectStore {
        async let objects = ClusterObjects.load(kinds: DoctorKinds.all, namespace: namespace, client: client)
        async let version = client.serverVersion()
        var store = try await objects
        store.serverVersion = try await version
        if namespace != nil { await addControlPlanes(to: &store, client: client) }
        let targets = logTargets(in: DoctorIndex(store: store))
        let tails = await targets.concurrentMap { target -> PodLogTail? in
            try? await client.podLogTail(namespace: target.namespace, pod: target.pod, container: target.container)
        }
        store.podLogs = tails.compactMap { $0 }
        return store
    }

    /// Namespace mode: the control planes (KEDA operator, Fission, OpenWhisk) run in their own namespaces,
    /// so their workloads are looked for across the cluster, and only they are kept. A user who may not
    /// list workloads cluster-wide gets `controlPlanesUnseen`, never a "not installed".
    package static func addControlPlanes(to store: inout ObjectStore, client: KubeAPIClient) async {
        let kinds: [KindRef] = [.deployment, .statefulSet]
        let results = await kinds.concurrentMap { kind -> Result<[KubeObject], Error> in
            do { return .success(try await client.list(kind, namespace: nil)) } catch { return .failure(error) }
        }
        var workloads = ObjectStore(source: store.source)
        for result in results {
            switch result {
            case let .success(objects):
                for object in objects { workloads.add(object) }
            case let .failure(error):
                store.controlPlanesUnseen = Self.reason(error)
                return
            }
        }
        for object in controlPlaneWorkloads(in: DoctorIndex(store: workloads)) { store.add(object) }
    }

    /// The workloads of the platforms' control planes in an index.
    package static func controlPlaneWorkloads(in index: DoctorIndex) -> [KubeObject] {
        index.kedaOperators.map(\.workload.object) + index.fission.components.map(\.workload.object)
            + index.openWhiskComponents.map(\.workload.object)
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case KubeAPIError.forbidden(let message), KubeAPIError.notFound(let message): message
        case KubeAPIError.status(_, _, let message) where !message.isEmpty: message
        case let failure as UserFacingError: failure.message
        default: "\(error)"
        }
    }

    /// Containers whose logs a check reads: OpenWhisk controllers (OW-LIVE-001 looks for "No invokers available").
    package static func logTargets(in index: DoctorIndex) -> [(namespace: String, pod: String, container: String)] {
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
