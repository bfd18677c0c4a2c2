extension CheckpointInspector {
    /// The one call behind `checkpoints`: a request and a transport give the report. KEDA's settings are
    /// parsed as the request's KEDA version does, storage and Event Hubs are reached as `CheckpointAzureAccess`
    /// decides, and every partition KEDA reads is inspected. A runner over many triggers calls it per trigger.
    /// The transport is made only once KEDA accepts the settings, so a refused trigger costs no connection setup.
    public static func run(_ request: CheckpointRequest, transport makeTransport: @autoclosure () throws -> any HTTPClient,
                           log: RequestLog? = nil) async throws -> CheckpointReport {
        let settings = try request.settings()
        let transport = try makeTransport()
        do {
            let access = try CheckpointAzureAccess(settings: settings, source: request.access, environment: request.environment,
                                                   transport: transport, log: log)
            let clients = try await access.clients()
            let partitionInfo = request.access.partitionInfo
            // The storage listing does not wait for Event Hubs: both go out at once.
            var report = try await CheckpointInspector(trigger: request.trigger, settings: settings, target: request.target,
                                                       storage: clients.storage, http: clients.storageHTTP)
                .inspect(loadingPartitions: { try await partitions(from: partitionInfo, or: clients.eventHubs) })
            report.kedaVersionChoice = request.keda
            report.origin = request.origin
            return report
        } catch let error as ConnectionStringError {
            // A connection string that neither KEDA nor this tool can use: KEDA's reason comes first.
            throw settings.clientCreationError ?? error
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
