import ServerlessIO
import ServerlessKEDA
import ServerlessKubernetes
import ServerlessSupport

/// What `checkpoints` is asked about, before any request: the inputs KEDA's azure-eventhub scaler would be
/// given and the scale target, from the ScaledObject or ScaledJob when one is named, then the flags (a flag
/// overrides what the object says), then the environment (it fills what is still missing). Pure: the
/// environment is a snapshot, and the object was read already. `CheckpointInspector.prepare` takes it from here.
public struct CheckpointRequest: Sendable {
    /// What the flags set; nil (or absent from `metadata`) where not given.
    public struct Flags: Sendable, Equatable {
        /// Trigger metadata under KEDA's names (`blobContainer`, `consumerGroup`, ...).
        public var metadata: [String: String]
        /// `--pod-identity`: the TriggerAuthentication's `podIdentity.provider`.
        public var podIdentity: String?
        public var eventHubConnection: String?
        public var storageConnection: String?
        public var minReplicas: Int?
        public var maxReplicas: Int?

        public init(metadata: [String: String] = [:], podIdentity: String? = nil, eventHubConnection: String? = nil,
                    storageConnection: String? = nil, minReplicas: Int? = nil, maxReplicas: Int? = nil) {
            self.metadata = metadata
            self.podIdentity = podIdentity
            self.eventHubConnection = eventHubConnection
            self.storageConnection = storageConnection
            self.minReplicas = minReplicas
            self.maxReplicas = maxReplicas
        }
    }

    /// The inputs KEDA's parser gets.
    public var trigger: EventHubTriggerMetadata
    public var target: ScaleTarget
    /// Which KEDA's behaviour is modelled.
    public var keda: KEDAVersionChoice
    /// The object and trigger read; nil when every setting came from flags.
    public var origin: CheckpointReport.Origin?
    /// Which KEDA is modelled, when neither a flag nor an operator beside the object named it: the same line
    /// for every trigger read from one place, so a run over many says it once.
    public var kedaWarning: String?
    /// What the user should know about this object before the report: values KEDA reads as empty,
    /// TriggerAuthentication sources this tool cannot read. Never a value.
    public var warnings: [String]
    /// How storage and Event Hubs are reached.
    public var access: CheckpointAccessOptions
    /// The environment snapshot (connection-string fallbacks, Entra ID credential variables).
    public var environment: [String: String]

    /// The environment variables that fill in a connection string neither the object nor a flag gives.
    public static let eventHubConnectionVariable = "AZURE_EVENTHUB_CONNECTION_STRING"
    public static let storageConnectionVariable = "AZURE_STORAGE_CONNECTION_STRING"

    /// `object` is the trigger's inputs as KEDA resolves them (nil: flags only).
    public init(object: TriggerInputs?, keda: KEDAVersionChoice, flags: Flags, access: CheckpointAccessOptions = .init(),
                environment: [String: String]) {
        self.keda = keda
        self.access = access
        self.environment = environment
        var warnings: [String] = []
        var trigger = object?.eventHubTrigger ?? EventHubTriggerMetadata(metadata: [:])
        var target = ScaleTarget.unknownScaledObject
        if let object {
            if keda.source == .default, let why = keda.reason.split(separator: ";").first {
                kedaWarning = "\(why): modelling KEDA \(keda.version)"
            }
            warnings += object.emptyReadsTheTriggerUses.map(\.description)
            warnings += object.unresolvedAuthSources.map {
                "the TriggerAuthentication reads \($0), which this tool cannot; pass the connection strings as flags"
            }
            origin = .init(kind: object.object.kind.rawValue, namespace: object.object.namespace, name: object.object.name,
                           trigger: object.triggerName ?? String(object.triggerIndex))
            target = Self.target(of: object)
        }
        self.warnings = warnings
        trigger.metadata.merge(flags.metadata) { $1 }
        if let provider = flags.podIdentity { trigger.podIdentityProvider = provider }
        Self.applyConnections(flags, environment: environment, to: &trigger)
        self.trigger = trigger
        self.target = Self.overriding(target, with: flags)
    }

    /// The object's replica bounds, KEDA's defaults where it leaves them out.
    package static func target(of object: TriggerInputs) -> ScaleTarget {
        let maximum = object.maxReplicaCount ?? KEDADefaults.maxReplicaCount
        return object.object.kind == .scaledJob
            ? .scaledJob(maxReplicas: maximum)
            : .scaledObject(minReplicas: object.minReplicaCount ?? KEDADefaults.minReplicaCount, maxReplicas: maximum)
    }

    package static func overriding(_ target: ScaleTarget, with flags: Flags) -> ScaleTarget {
        switch target {
        case let .scaledObject(min, max): .scaledObject(minReplicas: flags.minReplicas ?? min, maxReplicas: flags.maxReplicas ?? max)
        case let .scaledJob(max): .scaledJob(maxReplicas: flags.maxReplicas ?? max)
        }
    }

    /// Connection strings: a flag overrides what the object gave; the environment fills what is still missing.
    /// The Event Hubs one only without a pod identity, which reaches Event Hubs by namespace and a token.
    package static func applyConnections(_ flags: Flags, environment: [String: String], to trigger: inout EventHubTriggerMetadata) {
        if let value = flags.eventHubConnection {
            trigger.authParams["connection"] = value
        } else if trigger.authParameter("connection") == nil, trigger.podIdentityProvider.isEmpty,
                  let value = environment[eventHubConnectionVariable], !value.isEmpty {
            trigger.authParams["connection"] = value
        }
        if let value = flags.storageConnection {
            trigger.authParams["storageConnection"] = value
        } else if trigger.authParameter("storageConnection") == nil,
                  let value = environment[storageConnectionVariable], !value.isEmpty {
            trigger.authParams["storageConnection"] = value
        }
    }

    /// KEDA's settings for the request, as the chosen version parses them; a name Azure refuses for the
    /// container (InvalidResourceName) is said here, before any request.
    public func settings() throws -> EventHubScalerSettings {
        let settings: EventHubScalerSettings
        do {
            settings = try EventHubScalerSettings(parsing: trigger, version: keda.version)
        } catch let error as KEDAConfigError where keda.source != .default {
            throw WithHint(error, hint: "modelling \(keda)")
        }
        if !settings.blobContainer.isEmpty { try BlobContainerName.validate(settings.blobContainer) }
        return settings
    }
}

extension CheckpointRequest {
    /// The ScaledObject or ScaledJob the command names: neither (flags only), or exactly one; `--trigger`
    /// only picks among an object's triggers.
    public static func object(scaledObject: String?, scaledJob: String?, trigger: String?) throws -> (kind: ScalableKind, name: String)? {
        guard let name = scaledJob ?? scaledObject else {
            if trigger != nil { throw CheckpointInputError("--trigger needs a ScaledObject or --scaled-job") }
            return nil
        }
        if scaledJob != nil, scaledObject != nil {
            throw CheckpointInputError("name either a ScaledObject or --scaled-job, not both")
        }
        return (scaledJob != nil ? .scaledJob : .scaledObject, name)
    }

    /// Where KEDA reads ClusterTriggerAuthentication Secrets from: `KEDA_CLUSTER_OBJECT_NAMESPACE`, else KEDA's namespace.
    public static func clusterObjectNamespace(environment: [String: String]) -> String {
        environment["KEDA_CLUSTER_OBJECT_NAMESPACE"] ?? KEDADefaults.clusterObjectNamespace
    }
}
