import ServerlessIO
import ServerlessKEDA
import ServerlessSupport

/// How the command reaches storage and Event Hubs: the connection strings KEDA was given, or an Entra ID
/// token of the user's own when the trigger uses `azure-workload` without them, or when
/// `--azure-credential` names a source. KEDA's settings say where; the token only decides what the
/// command can read.
package struct CheckpointAzureAccess {
    package let settings: EventHubScalerSettings
    package let source: CheckpointAccessOptions
    package let transport: any HTTPClient
    /// Set when any request carries a token.
    package let credential: EntraCredential?
    package let forced: Bool

    package init(settings: EventHubScalerSettings, source: CheckpointAccessOptions, environment: [String: String], transport: any HTTPClient,
         log: RequestLog?) throws {
        self.settings = settings
        self.source = source
        self.transport = transport
        guard let choice = AzureCredentialChoice(source.azureCredential) else {
            throw CheckpointInputError("invalid --azure-credential \"\(source.azureCredential)\": want one of \(AzureCredentialChoice.names.joined(separator: ", "))")
        }
        forced = choice != .auto
        let storageNeedsToken = forced || settings.storageConnection == nil
        let eventHubsNeedsToken = !source.hasPartitionInfo && (forced || settings.eventHubConnection == nil)
        if storageNeedsToken || eventHubsNeedsToken {
            credential = EntraCredential(choice: choice, environment: try EntraEnvironment(environment),
                                         http: transport, log: log)
        } else {
            credential = nil
        }
    }

    /// What the inspector reads with: storage (and its HTTP client), and the Event Hubs client unless
    /// `--partition-info` stands in for it. Endpoints are checked before any token is asked for, and the
    /// tokens are asked for before any data request, so a missing credential is one clear error.
    package func clients() async throws -> (storage: StorageConnectionString, storageHTTP: any HTTPClient, eventHubs: EventHubsRuntimeClient?) {
        let storageConnection = try settings.storageConnection.map { try StorageConnectionString.parse($0.value) }
        let eventHubsConnection = source.hasPartitionInfo ? nil
            : try settings.eventHubConnection.map { try EventHubsConnectionString.parse($0.value) }
        let storageEndpoint = try tokenStorageEndpoint(storageConnection)
        let eventHubsTarget = source.hasPartitionInfo ? nil : try tokenEventHubsTarget(eventHubsConnection)

        var storage = storageConnection
        var storageHTTP: any HTTPClient = transport
        if let credential, let endpoint = storageEndpoint {
            let token = try await credential.token(for: .storage)
            let account = settings.storageAccountName.isEmpty ? storageConnection?.accountName : settings.storageAccountName
            storage = StorageConnectionString(blobEndpoint: endpoint, accountName: account, credential: .bearer(token.token))
            storageHTTP = BearerTokenClient(base: transport, credential: credential, audience: .storage)
        }
        var eventHubs: EventHubsRuntimeClient?
        if let credential, let (hub, base) = eventHubsTarget {
            let token = try await credential.token(for: .eventHubs)
            eventHubs = EventHubsRuntimeClient(namespace: hub.namespace, eventHub: hub.name, consumerGroup: settings.consumerGroup,
                                               credential: .bearer(token.token),
                                               http: BearerTokenClient(base: transport, credential: credential, audience: .eventHubs),
                                               baseURL: base)
        } else if let eventHubsConnection {
            eventHubs = try EventHubsRuntimeClient(connection: eventHubsConnection, consumerGroup: settings.consumerGroup,
                                                   endpointOverride: source.eventHubEndpoint, http: transport)
        }
        guard let storage else {
            throw CheckpointInputError("no way to read storage: give --storage-connection, or --storage-account with an Entra ID credential")
        }
        return (storage, storageHTTP, eventHubs)
    }

    /// With a token: `--storage-endpoint`, else `https://<storageAccountName>.blob.<the cloud's storage suffix>`
    /// (KEDA's `GetStorageBlobClient` under workload identity), else the connection string's endpoint.
    /// nil when the connection string's own credential is used.
    private func tokenStorageEndpoint(_ connection: StorageConnectionString?) throws -> String? {
        guard credential != nil, forced || connection == nil else { return nil }
        let endpoint: String
        if let given = source.storageEndpoint {
            endpoint = given
        } else if !settings.storageAccountName.isEmpty, let suffix = settings.blobStorageEndpoint {
            endpoint = "https://\(settings.storageAccountName).\(suffix)"
        } else if let connection {
            endpoint = connection.blobEndpoint
        } else {
            throw CheckpointInputError("reading storage with an Entra ID token needs --storage-account (trigger: storageAccountName) or --storage-endpoint")
        }
        try Self.requireHTTPS(endpoint, what: "the blob endpoint")
        return endpoint
    }

    /// With a token: the hub KEDA's paths name (`<eventHubNamespace>.<suffix>`, or the connection string's)
    /// at `--eventhub-endpoint`, else `https://<namespace>/`. nil when the connection string's SAS is used.
    private func tokenEventHubsTarget(_ connection: EventHubsConnectionString?) throws -> (EventHubIdentity, String)? {
        guard credential != nil, forced || connection == nil else { return nil }
        guard let hub = settings.eventHubForPaths, !hub.name.isEmpty else {
            throw CheckpointInputError("reading Event Hubs with an Entra ID token needs the event hub's name (--eventhub-name)")
        }
        let base = source.eventHubEndpoint
            ?? (connection?.useDevelopmentEmulator == true ? "http://\(hub.namespace)/" : "https://\(hub.namespace)/")
        try Self.requireHTTPS(base, what: "the Event Hubs endpoint")
        return (hub, base)
    }

    /// Like the Azure SDKs (azure-storage-blob refuses token credentials over http), a token travels only over HTTPS.
    package static func requireHTTPS(_ url: String, what: String) throws {
        guard url.lowercased().hasPrefix("https://") else {
            throw CheckpointInputError("\(what) \(Redact.url(url)) is not HTTPS: an Entra ID token is only sent over HTTPS")
        }
    }
}

/// How `checkpoints` reaches storage and Event Hubs, beyond what KEDA's settings say.
public struct CheckpointAccessOptions: Sendable {
    /// `--azure-credential`: `auto`, or the one Entra ID source to use even where connection strings exist.
    public var azureCredential: String
    /// `--storage-endpoint`, `--eventhub-endpoint`: base URLs for private endpoints, proxies and tests.
    public var storageEndpoint: String?
    public var eventHubEndpoint: String?
    /// `--partition-info`: the partitions' ids and sequence numbers instead of asking Event Hubs; read when the
    /// inspection needs them (beside the storage listing).
    public var partitionInfo: (@Sendable () throws -> [PartitionRuntimeInfo])?

    public init(azureCredential: String = "auto", storageEndpoint: String? = nil, eventHubEndpoint: String? = nil,
                partitionInfo: (@Sendable () throws -> [PartitionRuntimeInfo])? = nil) {
        self.azureCredential = azureCredential
        self.storageEndpoint = storageEndpoint
        self.eventHubEndpoint = eventHubEndpoint
        self.partitionInfo = partitionInfo
    }

    package var hasPartitionInfo: Bool { partitionInfo != nil }
}
