import Foundation
import ServerlessIO
import ServerlessKEDA
import ServerlessKubernetes

/// What the triggers of one `checkpoints -A`/`-l`/`-f`/`--watch` run share: where their objects are read (one
/// cluster client, or the manifests read once), one answer to "which KEDA runs here", one Azure transport (a
/// fixed number of requests in flight across all triggers, 429/503 Retry-After honoured by its retries), one
/// answer per read (`SharedReads`), each warning once.
final class SharedCheckpointRun: @unchecked Sendable {
    let objects: ScalableObjectSource
    let reads = SharedReads()
    private let base: any HTTPClient
    private let lock = NSLock()
    private var warned: Set<String> = []
    private var operators: Task<(sightings: [KEDAOperatorSighting], unavailable: String?), Never>?

    init(objects: ScalableObjectSource, transport: any HTTPClient) {
        self.objects = objects
        base = transport
    }

    /// The run's transport, sharing reads with the triggers that hold the same credentials.
    func transport(for settings: EventHubScalerSettings) -> any HTTPClient {
        reads.client(base, storageCredential: settings.storageConnection?.value, eventHubsCredential: settings.eventHubConnection?.value)
    }

    /// The KEDA operators of the cluster or the manifests, looked for once per run.
    func kedaOperators() async -> (sightings: [KEDAOperatorSighting], unavailable: String?) {
        let task = lock.withLock {
            if let operators { return operators }
            let objects = objects
            let task = Task { await objects.kedaOperators() }
            operators = task
            return task
        }
        return await task.value
    }

    func warn(_ line: String) {
        let first = lock.withLock { warned.insert(line).inserted }
        if first { Terminal.warning(line) }
    }

    /// One trigger's place in the run: how its warnings name it.
    struct Slot: Sendable {
        let run: SharedCheckpointRun
        let object: String
    }
}
