/// Reads what the doctor's rules need from a live cluster: every kind in `DoctorKinds` at once, then
/// the server's version. GET only; a fact the user may not read is left out, never a failed run.
public enum DoctorLive {
    public static func load(client: KubeAPIClient, namespace: String?) async throws -> ObjectStore {
        async let objects = ClusterObjects.load(kinds: DoctorKinds.all, namespace: namespace, client: client)
        async let version = client.serverVersion()
        var store = try await objects
        store.serverVersion = try await version
        return store
    }
}
