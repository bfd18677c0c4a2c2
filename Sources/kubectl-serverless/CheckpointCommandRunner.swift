import Foundation
import ServerlessKit

/// Gathers what KEDA would be given (trigger metadata, resolved env, auth params), lets flags and the
/// environment fill or override it, and runs the inspector.
struct CheckpointCommandRunner {
    let global: GlobalOptions
    let source: CheckpointSourceOptions
    /// Counts the Azure requests, for the progress line and the command's deadline.
    var tracker: RequestTracker?

    func report() async throws -> CheckpointReport {
        let version = try kedaVersion()
        var origin: CheckpointReport.Origin?
        var (trigger, target) = try await triggerFromObject(origin: &origin) ?? (EventHubTriggerMetadata(metadata: [:]), .unknownScaledObject)
        trigger.metadata.merge(source.metadataOverrides) { $1 }
        try applyConnections(to: &trigger)
        target = scaleTarget(overriding: target)

        let settings = try EventHubScalerSettings(parsing: trigger, version: version)
        guard let storageText = settings.storageConnection?.value else {
            throw CommandInputError(message: "reading storage under workload identity needs a storage connection string (--storage-connection)")
        }
        let storage = try StorageConnectionString.parse(storageText)
        // A name Azure refuses (InvalidResourceName) is said before any request.
        if !settings.blobContainer.isEmpty { try BlobContainerName.validate(settings.blobContainer) }
        let curl = try CurlTransport(options: azureTransportOptions())
        let transport: any HTTPClient = tracker.map { TrackedHTTPClient(curl, tracker: $0) } ?? curl
        // The storage listing does not wait for Event Hubs: both go out at once.
        var report = try await CheckpointInspector(trigger: trigger, settings: settings, target: target, storage: storage, http: transport)
            .inspect(loadingPartitions: { try await partitionRuntime(settings: settings, transport: transport) })
        report.origin = origin
        return report
    }

    private func kedaVersion() throws -> KEDAVersion {
        guard let text = source.kedaVersion else { return .newest }
        guard let version = KEDAVersion(text) else {
            throw CommandInputError(message: "invalid --keda-version \"\(text)\": want a version such as 2.15.1")
        }
        return version
    }

    /// The ScaledObject or ScaledJob named on the command line, from the cluster or from -f manifests,
    /// resolved the way KEDA resolves it.
    private func triggerFromObject(origin: inout CheckpointReport.Origin?) async throws -> (EventHubTriggerMetadata, ScaleTarget)? {
        guard let name = source.scaledJob ?? source.scaledObject else {
            if source.trigger != nil { throw CommandInputError(message: "--trigger needs a ScaledObject or --scaled-job") }
            return nil
        }
        if source.scaledJob != nil, source.scaledObject != nil {
            throw CommandInputError(message: "name either a ScaledObject or --scaled-job, not both")
        }
        let kind: ScalableKind = source.scaledJob != nil ? .scaledJob : .scaledObject
        let inputs: TriggerInputs
        if source.filenames.isEmpty {
            let client = try global.apiClient()
            let ref = ScalableObjectRef(kind: kind, namespace: client.config.namespace, name: name)
            inputs = try await TriggerInputsLoader.load(ref, trigger: source.trigger, client: client,
                                                        clusterObjectNamespace: clusterObjectNamespace)
        } else {
            let store = try ManifestInput.load(paths: source.filenames, recursive: source.recursive)
            let ref = ScalableObjectRef(kind: kind, namespace: global.namespace ?? "default", name: name)
            inputs = try TriggerInputsResolver(store: store, clusterObjectNamespace: clusterObjectNamespace)
                .resolve(ref, trigger: source.trigger)
        }
        for unreadable in inputs.unresolvedAuthSources {
            Terminal.warning("the TriggerAuthentication reads \(unreadable), which this tool cannot; pass the connection strings as flags")
        }
        let trigger = inputs.eventHubTrigger
        origin = .init(kind: inputs.object.kind.rawValue, namespace: inputs.object.namespace, name: inputs.object.name,
                       trigger: inputs.triggerName ?? String(inputs.triggerIndex))
        // KEDA's defaults when the object leaves them out.
        let target: ScaleTarget = kind == .scaledJob
            ? .scaledJob(maxReplicas: inputs.maxReplicaCount ?? 100)
            : .scaledObject(minReplicas: inputs.minReplicaCount ?? 0, maxReplicas: inputs.maxReplicaCount ?? 100)
        return (trigger, target)
    }

    /// Where KEDA reads ClusterTriggerAuthentication Secrets from (its KEDA_CLUSTER_OBJECT_NAMESPACE).
    private var clusterObjectNamespace: String {
        ProcessInfo.processInfo.environment["KEDA_CLUSTER_OBJECT_NAMESPACE"] ?? "keda"
    }

    /// Connection strings: flags override what the object gave; the environment fills what is still missing.
    private func applyConnections(to trigger: inout EventHubTriggerMetadata) throws {
        let environment = ProcessInfo.processInfo.environment
        if let value = source.eventHubConnection {
            trigger.authParams["connection"] = value
        } else if trigger.authParameter("connection") == nil, trigger.podIdentityProvider.isEmpty,
                  let value = environment["AZURE_EVENTHUB_CONNECTION_STRING"], !value.isEmpty {
            trigger.authParams["connection"] = value
        }
        if let value = source.storageConnection {
            trigger.authParams["storageConnection"] = value
        } else if trigger.authParameter("storageConnection") == nil,
                  let value = environment["AZURE_STORAGE_CONNECTION_STRING"], !value.isEmpty {
            trigger.authParams["storageConnection"] = value
        }
    }

    private func scaleTarget(overriding target: ScaleTarget) -> ScaleTarget {
        let minimum = source.minReplicas.map { Int($0) }
        let maximum = source.maxReplicas.map { Int($0) }
        switch target {
        case let .scaledObject(min, max): return .scaledObject(minReplicas: minimum ?? min, maxReplicas: maximum ?? max)
        case let .scaledJob(max): return .scaledJob(maxReplicas: maximum ?? max)
        }
    }

    /// Partition ids and sequence numbers: `--partition-info`, else the Event Hubs REST runtime endpoints.
    private func partitionRuntime(settings: EventHubScalerSettings, transport: any HTTPClient) async throws -> [PartitionRuntimeInfo] {
        if let path = source.partitionInfo {
            return try PartitionInfoFile.parse(try InputFile.read(path), source: path == "-" ? "--partition-info (stdin)" : path)
        }
        guard let connectionText = settings.eventHubConnection?.value else {
            throw CommandInputError(message: "partition info under workload identity needs --partition-info or an Event Hubs connection string")
        }
        let connection = try EventHubsConnectionString.parse(connectionText)
        let client = try EventHubsRuntimeClient(connection: connection, consumerGroup: settings.consumerGroup,
                                                endpointOverride: source.eventHubEndpoint, http: transport)
        do {
            return try await client.allPartitions()
        } catch let error as UserFacingError where error.category != .input {
            throw WithHint(error, hint: error.hint ?? "to read the checkpoints without Event Hubs, pass --partition-info FILE (the partitions' ids and sequence numbers)")
        }
    }

    private func azureTransportOptions() throws -> TransportOptions {
        if source.azureInsecureSkipTLSVerify {
            Terminal.warning("not verifying the TLS certificates of storage and Event Hubs (--azure-insecure-skip-tls-verify)")
        }
        return TransportOptions(
            tls: TLSOptions(verify: !source.azureInsecureSkipTLSVerify, caFile: source.azureCAFile),
            requestTimeout: try global.timeout(),
            log: global.requestLog)
    }
}

/// Another error, with a hint on what the user can do instead.
struct WithHint: UserFacingError {
    let underlying: UserFacingError
    let hint: String?

    init(_ underlying: UserFacingError, hint: String) {
        self.underlying = underlying
        self.hint = hint
    }

    var message: String { underlying.message }
    var category: FailureCategory { underlying.category }
}

/// A flag or input the command cannot use: exit 2.
struct CommandInputError: UserFacingError {
    let message: String
    var category: FailureCategory { .input }
}

/// Files named on the command line, `-` meaning stdin.
enum InputFile {
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandInputError(message: "cannot read \(path): no such file or not readable")
        }
        return Array(data)
    }
}
