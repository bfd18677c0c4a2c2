import ServerlessIO
import ServerlessKEDA

/// One trigger resolved, accepted by KEDA's parser and its clients made: all a `--watch` round needs to read
/// its checkpoints again, without asking the cluster or the credential sources a second time.
public struct PreparedCheckpoint: Sendable {
    public let request: CheckpointRequest
    public let settings: EventHubScalerSettings
    public let storage: StorageConnectionString
    public let storageHTTP: any HTTPClient
    public let eventHubs: EventHubsRuntimeClient?
}
