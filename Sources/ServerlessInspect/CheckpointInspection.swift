import ServerlessIO
import ServerlessKEDA
import ServerlessSupport

extension CheckpointInspector {
    /// `checkpoints` in two steps, so that a `--watch` round reads again without resolving again: `prepare`
    /// parses KEDA's settings as the request's KEDA version does and reaches storage and Event Hubs as
    /// `CheckpointAzureAccess` decides; `read` inspects every partition KEDA reads. A runner over many triggers
    /// calls both per trigger.
    /// Everything before the checkpoints are read: KEDA's settings (its refusal, if any, comes first) and
    /// the clients. `transport` is asked for once KEDA accepts the settings; several triggers may hand out one
    /// transport that shares reads between them.
    public static func prepare(_ request: CheckpointRequest, transport: (EventHubScalerSettings) throws -> any HTTPClient,
                               log: RequestLog? = nil) async throws -> PreparedCheckpoint {
        let settings = try request.settings()
        let http = try transport(settings)
        do {
            let access = try CheckpointAzureAccess(settings: settings, source: request.access, environment: request.environment,
                                                   transport: http, log: log)
            let clients = try await access.clients()
            return PreparedCheckpoint(request: request, settings: settings, storage: clients.storage,
                                      storageHTTP: clients.storageHTTP, eventHubs: clients.eventHubs)
        } catch let error as ConnectionStringError {
            // A connection string that neither KEDA nor this tool can use: KEDA's reason comes first.
            throw settings.clientCreationError ?? error
        }
    }

    /// Reads a prepared trigger's checkpoints; a `--watch` round after the first calls only this.
    public static func read(_ prepared: PreparedCheckpoint) async throws -> CheckpointReport {
        let request = prepared.request
        do {
            let partitionInfo = request.access.partitionInfo
            // The storage listing does not wait for Event Hubs: both go out at once.
            var report = try await CheckpointInspector(trigger: request.trigger, settings: prepared.settings, target: request.target,
                                                       storage: prepared.storage, http: prepared.storageHTTP)
                .inspect(loadingPartitions: { try await partitions(from: partitionInfo, or: prepared.eventHubs) })
            report.kedaVersionChoice = request.keda
            report.origin = request.origin
            return report
        } catch let error as ConnectionStringError {
            throw prepared.settings.clientCreationError ?? error
        }
    }

    /// Partition ids and sequence numbers: `--partition-info`, else the Event Hubs REST runtime endpoints.
    private static func partitions(from partitionInfo: (@Sendable () throws -> [PartitionRuntimeInfo])?,
                                   or client: EventHubsRuntimeClient?) async throws -> [PartitionRuntimeInfo] {
        if let partitionInfo { return try partitionInfo() }
        guard let client else {
            throw CheckpointInputError("partition info needs --partition-info, an Event Hubs connection string or an Entra ID credential")
        }
        do {
            return try await client.allPartitions()
        } catch let error as UserFacingError where error.category != .input {
            throw WithHint(error, hint: error.hint
                ?? "to read the checkpoints without Event Hubs, pass --partition-info FILE (the partitions' ids and sequence numbers)")
        }
    }
}
