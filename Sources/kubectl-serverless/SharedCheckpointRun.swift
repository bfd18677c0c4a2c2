import Foundation
import ServerlessIO
import ServerlessKEDA
import ServerlessKubernetes

/// What the triggers of one `checkpoints -A`/`-l`/`--watch` run share: one cluster client, one answer to
/// "which KEDA runs here", one Azure transport (a fixed number of requests in flight across all triggers,
/// 429/503 Retry-After honoured by its retries), one answer per read (`SharedReads`), each warning once.
final class SharedCheckpointRun: @unchecked Sendable {
    let apiClient: KubeAPIClient
    let reads = SharedReads()
    private let base: any HTTPClient
    private let lock = NSLock()
    private var warned: Set<String> = []
    private var operators: Task<(sightings: [KEDAOperatorSighting], unavailable: String?), Never>?

    init(apiClient: KubeAPIClient, transport: any HTTPClient) {
        self.apiClient = apiClient
        base = transport
    }

    /// The run's transport, sharing reads with the triggers that hold the same credentials.
    func transport(for settings: EventHubScalerSettings) -> any HTTPClient {
        reads.client(base, storageCredential: settings.storageConnection?.value, eventHubsCredential: settings.eventHubConnection?.value)
    }

    /// The KEDA operators of the cluster, looked for once per run.
    func kedaOperators() async -> (sightings: [KEDAOperatorSighting], unavailable: String?) {
        let task = lock.withLock {
            if let operators { return operators }
            let client = apiClient
            let task = Task { await KEDAVersionDetector.live(client: client) }
            operators = task
            return task
        }
        return await task.value
    }

    func warn(_ line: String) {
        let first = lock.withLock { warned.insert(line).inserted }
        if first { Terminal.warning(line) }
    }

    /// One trigger's place in the run: the namespace its object is read from, and how warnings name it.
    struct Slot: Sendable {
        let run: SharedCheckpointRun
        let namespace: String
        let object: String
    }
}
