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
        let flagVersion = try kedaVersionFlag()
        var origin: CheckpointReport.Origin?
        let object = try await triggerFromObject(flagVersion: flagVersion, origin: &origin)
        var (trigger, target) = object.map { ($0.trigger, $0.target) } ?? (EventHubTriggerMetadata(metadata: [:]), .unknownScaledObject)
        // Flags only: no cluster or manifests to find KEDA in.
        let keda = object?.keda ?? KEDAVersionDetector.choose(flag: flagVersion, sightings: [], from: .default)
        trigger.metadata.merge(source.metadataOverrides) { $1 }
        if let provider = source.podIdentity { trigger.podIdentityProvider = provider }
        try applyConnections(to: &trigger)
        target = scaleTarget(overriding: target)

        let settings: EventHubScalerSettings
        do {
            settings = try EventHubScalerSettings(parsing: trigger, version: keda.version)
        } catch let error as KEDAConfigError where keda.source != .default {
            throw WithHint(error, hint: "modelling \(keda)")
        }
        // A name Azure refuses (InvalidResourceName) is said before any request.
        if !settings.blobContainer.isEmpty { try BlobContainerName.validate(settings.blobContainer) }
        let curl = try CurlTransport(options: azureTransportOptions())
        let transport: any HTTPClient = tracker.map { TrackedHTTPClient(curl, tracker: $0) } ?? curl
        do {
            let access = try CheckpointAzureAccess(settings: settings, source: source, transport: transport, log: global.requestLog)
            let clients = try await access.clients()
            // The storage listing does not wait for Event Hubs: both go out at once.
            var report = try await CheckpointInspector(trigger: trigger, settings: settings, target: target, storage: clients.storage,
                                                       http: clients.storageHTTP)
                .inspect(loadingPartitions: { try await partitionRuntime(client: clients.eventHubs) })
            report.kedaVersionChoice = keda
            report.origin = origin
            return report
        } catch let error as ConnectionStringError {
            // A connection string that neither KEDA nor this tool can use: KEDA's reason comes first.
            throw settings.clientCreationError ?? error
        }
    }

    /// `--keda-version`: a release (`2.15.1`) or `main`; nil when not given.
    private func kedaVersionFlag() throws -> KEDAVersion? {
        guard let text = source.kedaVersion else { return nil }
        guard let version = KEDAVersion(text) else {
            throw CommandInputError(message: "invalid --keda-version \"\(text)\": want a release such as 2.15.1, or main")
        }
        return version
    }

    /// The ScaledObject or ScaledJob named on the command line, from the cluster or from -f manifests,
    /// resolved the way KEDA resolves it.
    /// With it, which KEDA to model: the flag, else the operator found where the object was read.
    private func triggerFromObject(flagVersion: KEDAVersion?, origin: inout CheckpointReport.Origin?) async throws
        -> (trigger: EventHubTriggerMetadata, target: ScaleTarget, keda: KEDAVersionChoice)? {
        guard let name = source.scaledJob ?? source.scaledObject else {
            if source.trigger != nil { throw CommandInputError(message: "--trigger needs a ScaledObject or --scaled-job") }
            return nil
        }
        if source.scaledJob != nil, source.scaledObject != nil {
            throw CommandInputError(message: "name either a ScaledObject or --scaled-job, not both")
        }
        let kind: ScalableKind = source.scaledJob != nil ? .scaledJob : .scaledObject
        let inputs: TriggerInputs
        let keda: KEDAVersionChoice
        if source.filenames.isEmpty {
            let client = try global.apiClient()
            let ref = ScalableObjectRef(kind: kind, namespace: client.config.namespace, name: name)
            inputs = try await TriggerInputsLoader.load(ref, trigger: source.trigger, client: client,
                                                        clusterObjectNamespace: clusterObjectNamespace)
            let found = flagVersion == nil ? await KEDAVersionDetector.live(client: client) : (sightings: [], unavailable: nil)
            keda = KEDAVersionDetector.choose(flag: flagVersion, sightings: found.sightings, from: .cluster, unavailable: found.unavailable)
        } else {
            let placement = try global.manifestPlacement()
            let store = placement.place(try ManifestInput.load(paths: source.filenames, recursive: source.recursive))
            let ref = ScalableObjectRef(kind: kind, namespace: placement.namespace, name: name)
            do {
                inputs = try TriggerInputsResolver(store: store, clusterObjectNamespace: clusterObjectNamespace)
                    .resolve(ref, trigger: source.trigger)
            } catch let error as TriggerInputError
                where error == .objectNotFound(kind: kind.rawValue, namespace: ref.namespace, name: name, referencedBy: nil) {
                // Manifests that name their namespace stay in it, whatever -n says.
                let elsewhere = store.objects(kind: kind.rawValue).filter { $0.name == name }.compactMap(\.namespace)
                guard let first = elsewhere.first else { throw error }
                throw WithHint(error, hint: "the manifests have it in namespace \(elsewhere.joined(separator: ", ")): pass -n \(first)")
            }
            keda = KEDAVersionDetector.choose(flag: flagVersion, sightings: KEDAVersionDetector.sightings(in: store), from: .manifests)
        }
        if keda.source == .default, let why = keda.reason.split(separator: ";").first { Terminal.warning("\(why): modelling KEDA \(keda.version)") }
        for read in inputs.emptyReadsTheTriggerUses { Terminal.warning(read.description) }
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
        return (trigger, target, keda)
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
    private func partitionRuntime(client: EventHubsRuntimeClient?) async throws -> [PartitionRuntimeInfo] {
        if let path = source.partitionInfo {
            return try PartitionInfoFile.parse(try InputFile.read(path), source: path == "-" ? "--partition-info (stdin)" : path)
        }
        guard let client else {
            throw CommandInputError(message: "partition info needs --partition-info, an Event Hubs connection string or an Entra ID credential")
        }
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
