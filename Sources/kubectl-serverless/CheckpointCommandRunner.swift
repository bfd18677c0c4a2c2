import Foundation
import ServerlessKit

/// Gathers what KEDA would be given (trigger metadata, resolved env, auth params), lets flags and the
/// environment fill or override it, and runs the inspector.
struct CheckpointCommandRunner {
    let global: GlobalOptions
    let source: CheckpointSourceOptions
    /// Counts the Azure requests, for the progress line and the command's deadline.
    var tracker: RequestTracker?
    /// Set when this trigger is one of many (`-A`, `-l`, `--watch`): the cluster client, KEDA's version,
    /// the transport and the reads all triggers share.
    var shared: SharedCheckpointRun.Slot?

    func report() async throws -> CheckpointReport {
        try await inspect(prepare())
    }

    /// Everything before the checkpoints are read: the trigger resolved, KEDA's settings, the clients.
    func prepare() async throws -> PreparedCheckpoint {
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
        let transport: any HTTPClient
        if let shared {
            transport = shared.run.transport(for: settings)
        } else {
            let curl = try CurlTransport(options: azureTransportOptions())
            transport = tracker.map { TrackedHTTPClient(curl, tracker: $0) } ?? curl
        }
        do {
            let access = try CheckpointAzureAccess(settings: settings, source: source, transport: transport, log: global.requestLog)
            let clients = try await access.clients()
            return PreparedCheckpoint(trigger: trigger, settings: settings, target: target, keda: keda, origin: origin,
                                      clients: clients)
        } catch let error as ConnectionStringError {
            // A connection string that neither KEDA nor this tool can use: KEDA's reason comes first.
            throw settings.clientCreationError ?? error
        }
    }

    /// Reads the checkpoints of a prepared trigger; a `--watch` round calls only this.
    func inspect(_ prepared: PreparedCheckpoint) async throws -> CheckpointReport {
        let clients = prepared.clients
        do {
            // The storage listing does not wait for Event Hubs: both go out at once.
            var report = try await CheckpointInspector(trigger: prepared.trigger, settings: prepared.settings, target: prepared.target,
                                                       storage: clients.storage, http: clients.storageHTTP)
                .inspect(loadingPartitions: { try await partitionRuntime(client: clients.eventHubs) })
            report.kedaVersionChoice = prepared.keda
            report.origin = prepared.origin
            return report
        } catch let error as ConnectionStringError {
            throw prepared.settings.clientCreationError ?? error
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
            let client = try shared?.run.apiClient ?? global.apiClient()
            let ref = ScalableObjectRef(kind: kind, namespace: shared?.namespace ?? client.config.namespace, name: name)
            inputs = try await TriggerInputsLoader.load(ref, trigger: source.trigger, client: client,
                                                        clusterObjectNamespace: clusterObjectNamespace)
            var found: (sightings: [KEDAOperatorSighting], unavailable: String?) = (sightings: [], unavailable: nil)
            if flagVersion == nil {
                // Several triggers ask the cluster which KEDA runs once between them.
                if let shared { found = await shared.run.kedaOperators() } else { found = await KEDAVersionDetector.live(client: client) }
            }
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
        if keda.source == .default, let why = keda.reason.split(separator: ";").first { warn("\(why): modelling KEDA \(keda.version)", own: false) }
        for read in inputs.emptyReadsTheTriggerUses { warn(read.description) }
        for unreadable in inputs.unresolvedAuthSources {
            warn("the TriggerAuthentication reads \(unreadable), which this tool cannot; pass the connection strings as flags")
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

    /// A warning; among many triggers it names the object when it is the object's `own`, and is said once.
    private func warn(_ line: String, own: Bool = true) {
        guard let shared else { return Terminal.warning(line) }
        shared.run.warn(own ? "\(shared.object): \(line)" : line)
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

    func azureTransportOptions() throws -> TransportOptions {
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
