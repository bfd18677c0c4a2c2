import ServerlessSupport

/// The azure-eventhub scaler's settings after KEDA (at `kedaVersion`) parsed and validated them.
public struct EventHubScalerSettings: Sendable {
    public let kedaVersion: KEDAVersion
    public let unprocessedEventThreshold: Int64
    public let activationUnprocessedEventThreshold: Int64
    public let stalePartitionInfoThreshold: Int64
    /// The Event Hubs connection string as KEDA keeps it (with `;EntityPath=<eventHubName>`
    /// appended when KEDA saw none). Under workload identity only v2.18+ reads it.
    public let eventHubConnection: Secret?
    public let storageConnection: Secret?
    public let consumerGroup: String
    public let storageAccountName: String
    public let blobContainer: String
    /// The `eventHubNamespace` setting (a short name, used under workload identity).
    public let eventHubNamespace: String
    public let eventHubName: String
    /// The configured `checkpointStrategy`, verbatim ("" when unset).
    public let checkpointStrategy: String
    public let podIdentityProvider: String
    public let serviceBusEndpointSuffix: String
    /// `blob.<storage suffix>` when a storage account name is used under workload identity.
    public let blobStorageEndpoint: String?
    /// What KEDA reports when it then creates its Event Hubs and blob clients from the connection
    /// strings (ClientCreation); nil when it creates them. The settings stay readable either way.
    public let clientCreationError: KEDAConfigError?
    /// The event hub as KEDA names it in checkpoint paths (see `pathIdentity`), worked out once: every
    /// partition's blob path and every near-miss candidate asks for it.
    public let eventHubForPaths: EventHubIdentity?

    public init(parsing trigger: EventHubTriggerMetadata, version: KEDAVersion = .newest) throws {
        let common = version.usesTypedConfig ? try Self.typedCommon(trigger, version) : try Self.legacyCommon(trigger, version)
        kedaVersion = version
        unprocessedEventThreshold = common.threshold
        activationUnprocessedEventThreshold = common.activation
        stalePartitionInfoThreshold = common.stale
        consumerGroup = common.consumerGroup
        blobContainer = common.blobContainer
        checkpointStrategy = common.checkpointStrategy
        serviceBusEndpointSuffix = common.serviceBusSuffix
        podIdentityProvider = trigger.podIdentityProvider

        var connection = common.connection
        var storageAccount = common.storageAccountName
        var namespace = common.namespace
        var name = common.eventHubName
        var blobEndpoint: String?

        switch trigger.podIdentityProvider {
        case "", "none":
            if common.storageConnection.isEmpty { throw KEDAConfigError(.noStorageConnection, "no storage connection string given") }
            if version.usesTypedConfig == false { connection = trigger.legacyAuthOrFromEnv("connection") }
            if connection.isEmpty { throw KEDAConfigError(.noEventHubConnection, "no event hub connection string given") }
            if !EventHubConnectionString.hasEntityPath(connection, version: version) {
                if !version.usesTypedConfig { name = trigger.legacyValueOrFromEnv("eventHubName") }
                if name.isEmpty {
                    throw KEDAConfigError(.noEventHubName, "connection string does not contain event hub name, and parameter eventHubName not provided",
                                          settings: ["eventHubName"])
                }
                connection += ";EntityPath=\(name)"
            }
        case let provider where provider == "azure-workload" || (provider == "azure" && version.hasAADPodIdentity):
            if !version.usesTypedConfig {
                storageAccount = trigger.metadata["storageAccountName"] ?? ""
            }
            if !storageAccount.isEmpty {
                blobEndpoint = "blob." + (try AzureCloud.resolve(.storage, metadata: trigger.metadata))
            }
            if common.storageConnection.isEmpty && storageAccount.isEmpty {
                throw KEDAConfigError(.noStorageForPodIdentity, "no storage connection string or storage account name for pod identity based authentication given",
                                      settings: ["storageAccountName"])
            }
            if !version.usesTypedConfig { namespace = trigger.legacyValueOrFromEnv("eventHubNamespace") }
            if namespace.isEmpty { throw KEDAConfigError(.noEventHubNamespace, "no event hub namespace string given", settings: ["eventHubNamespace"]) }
            if !version.usesTypedConfig { name = trigger.legacyValueOrFromEnv("eventHubName") }
            if name.isEmpty { throw KEDAConfigError(.noEventHubName, "no event hub name string given", settings: ["eventHubName"]) }
        default:
            throw KEDAConfigError(.unsupportedPodIdentity, "event hub does not support pod identity \(trigger.podIdentityProvider)", stage: .client)
        }

        eventHubConnection = connection.isEmpty ? nil : Secret(connection)
        storageConnection = common.storageConnection.isEmpty ? nil : Secret(common.storageConnection)
        storageAccountName = storageAccount
        eventHubNamespace = namespace
        eventHubName = name
        blobStorageEndpoint = blobEndpoint
        clientCreationError = ["", "none"].contains(trigger.podIdentityProvider)
            ? ClientCreation.firstError(eventHubConnection: connection, eventHubName: name,
                                        storageConnection: common.storageConnection, version: version)
            : nil
        eventHubForPaths = Self.pathIdentity(connection: eventHubConnection, namespace: namespace, name: name,
                                             serviceBusSuffix: serviceBusEndpointSuffix, version: version)
    }

    /// The reader KEDA picks for this strategy and container.
    public var reader: CheckpointReader { CheckpointReader(strategy: checkpointStrategy, blobContainer: blobContainer) }

    // MARK: Parsing

    private struct Common {
        var threshold = KEDADefaults.unprocessedEventThreshold
        var activation = KEDADefaults.activationUnprocessedEventThreshold
        var stale = KEDADefaults.stalePartitionInfoThreshold
        var connection = ""
        var storageConnection = ""
        var consumerGroup = KEDADefaults.consumerGroup
        var storageAccountName = ""
        var blobContainer = ""
        var namespace = ""
        var eventHubName = ""
        var checkpointStrategy = ""
        var serviceBusSuffix = ""
    }

    /// v2.18+: `TypedConfig` (errors joined), then the cloud suffix.
    private static func typedCommon(_ trigger: EventHubTriggerMetadata, _ version: KEDAVersion) throws -> Common {
        var common = Common()
        var errors: [String] = []
        var invalid: [String] = []  // the settings the errors name
        func int(_ name: String, _ defaultValue: String) throws -> Int64 {
            let text = trigger.typedValue(name, [.triggerMetadata]) ?? defaultValue
            switch GoJSON.decodeInt64(Array(text.utf8)) {
            case .success(let value?):
                return value
            case .success(nil):
                // `null` leaves the interface nil and reflect panics; KEDA recovers it as an error.
                throw KEDAConfigError(.invalidMetadata, "error parsing azure eventhub metadata: failed to parse typed config *reflect.ValueError resulted in panic")
            case .failure(let failure):
                errors.append("unable to set param \(GoText.quote(name)) value \(GoText.quote(text)): unable to unmarshal to field type int64: \(failure.message)")
                invalid.append(name)
                return 0
            }
        }
        // KEDA's typed config parses its `default=` text like a value.
        common.threshold = try int("unprocessedEventThreshold", String(KEDADefaults.unprocessedEventThreshold))
        common.activation = try int("activationUnprocessedEventThreshold", String(KEDADefaults.activationUnprocessedEventThreshold))
        common.stale = try int("stalePartitionInfoThreshold", String(KEDADefaults.stalePartitionInfoThreshold))
        common.connection = trigger.typedValue("connection", [.authParams, .resolvedEnv]) ?? ""
        common.consumerGroup = trigger.typedValue("consumerGroup", [.triggerMetadata]) ?? KEDADefaults.consumerGroup
        common.storageConnection = trigger.typedValue("storageConnection", [.authParams, .resolvedEnv]) ?? ""
        common.storageAccountName = trigger.typedValue("storageAccountName", [.triggerMetadata]) ?? ""
        common.blobContainer = trigger.typedValue("blobContainer", [.triggerMetadata]) ?? ""
        common.namespace = trigger.typedValue("eventHubNamespace", [.triggerMetadata, .resolvedEnv]) ?? ""
        common.eventHubName = trigger.typedValue("eventHubName", [.triggerMetadata, .resolvedEnv]) ?? ""
        common.checkpointStrategy = trigger.typedValue("checkpointStrategy", [.triggerMetadata]) ?? ""
        if version.validatesThreshold, common.threshold <= 0 {
            errors.append("\"unprocessedEventThreshold\" must be a positive number")
            invalid.append("unprocessedEventThreshold")
        }
        if !errors.isEmpty {
            throw KEDAConfigError(.invalidMetadata, "error parsing azure eventhub metadata: " + errors.joined(separator: "\n"),
                                  settings: invalid)
        }
        common.serviceBusSuffix = try AzureCloud.resolve(.serviceBus, metadata: trigger.metadata)
        return common
    }

    /// Up to v2.17: one key after the other, `strconv.ParseInt`, untrimmed, a present empty value wins.
    private static func legacyCommon(_ trigger: EventHubTriggerMetadata, _ version: KEDAVersion) throws -> Common {
        var common = Common()
        let metadata = trigger.metadata
        func int(_ name: String, _ defaultValue: Int64) throws -> Int64 {
            guard let text = metadata[name] else { return defaultValue }
            switch GoParseInt.parse(text) {
            case .success(let value): return value
            case .failure(let failure): throw KEDAConfigError(.invalidMetadata, "error parsing azure eventhub metadata \(name): \(failure.message)", settings: [name])
            }
        }
        common.threshold = try int("unprocessedEventThreshold", KEDADefaults.unprocessedEventThreshold)
        common.activation = try int("activationUnprocessedEventThreshold", KEDADefaults.activationUnprocessedEventThreshold)
        common.storageConnection = trigger.legacyAuthOrFromEnv("storageConnection")
        common.consumerGroup = metadata["consumerGroup"] ?? KEDADefaults.consumerGroup
        common.checkpointStrategy = metadata["checkpointStrategy"] ?? ""
        common.blobContainer = metadata["blobContainer"] ?? ""
        if version.hasAADPodIdentity, let cloud = metadata["cloud"], GoText.equalFold(cloud, "Private"),
           metadata["eventHubResourceURL"] == nil {
            throw KEDAConfigError(.invalidCloud, "eventHubResourceURL must be provided for Private cloud type", settings: ["cloud", "eventHubResourceURL"])
        }
        common.serviceBusSuffix = try AzureCloud.resolve(.serviceBus, metadata: metadata)
        if version.hasAADPodIdentity { _ = try AzureCloud.resolve(.activeDirectory, metadata: metadata) }
        common.stale = try int("stalePartitionInfoThreshold", KEDADefaults.stalePartitionInfoThreshold)
        return common
    }
}
