import ServerlessSupport

/// A trigger configuration KEDA itself rejects when it builds the azure-eventhub scaler.
/// `message` is KEDA's reason, on one line (KEDA joins several reasons with newlines; they are
/// joined with "; " here); `kedaText` is the error exactly as KEDA reports it.
/// Other code tells these errors apart by `code`, never by their text.
public struct KEDAConfigError: UserFacingError, Equatable, Sendable {
    /// What KEDA refused, one case per kind of refusal in its scaler (pkg/scalers/azure_eventhub_scaler.go,
    /// pkg/scalers/azure/azure_cloud_environment.go).
    public enum Code: Sendable, Equatable {
        /// `no storage connection string given`
        case noStorageConnection
        /// `no event hub connection string given`
        case noEventHubConnection
        /// `no event hub name string given`, or `connection string does not contain event hub name, and
        /// parameter eventHubName not provided`
        case noEventHubName
        /// `no event hub namespace string given`
        case noEventHubNamespace
        /// `no storage connection string or storage account name for pod identity based authentication given`
        case noStorageForPodIdentity
        /// `event hub does not support pod identity <provider>`
        case unsupportedPodIdentity
        /// `error parsing azure eventhub metadata...`: a value KEDA cannot parse, or a threshold it rejects
        case invalidMetadata
        /// a cloud KEDA does not know, or `cloud: Private` without the endpoint setting it needs
        case invalidCloud
        /// `failed to create hub client: ...`: an Azure SDK rejects a connection string that is present
        case connectionStringRejected

        /// A trigger input KEDA found empty: a connection string, the hub's name or namespace, the account.
        public var isMissingInput: Bool {
            [.noStorageConnection, .noEventHubConnection, .noEventHubName, .noEventHubNamespace,
             .noStorageForPodIdentity].contains(self)
        }
    }

    public let code: Code
    public enum Stage: Sendable, Equatable {
        /// `unable to get eventhub metadata: ...`
        case metadata
        /// `unable to get eventhub client: ...`
        case client
    }

    public let stage: Stage
    /// KEDA's reason as returned by the failing step, possibly several lines.
    public let reason: String

    /// The trigger settings KEDA's reason is about (`eventHubName`, `cloud`, `unprocessedEventThreshold`...),
    /// never a credential: what a finding shows as evidence.
    public let settings: [String]

    public init(_ code: Code, _ reason: String, stage: Stage = .metadata, settings: [String] = []) {
        self.code = code
        self.settings = settings
        self.reason = reason
        self.stage = stage
    }

    public var category: FailureCategory { .input }
    public var message: String { reason.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "; ") }

    public var kedaText: String {
        switch stage {
        case .metadata: "unable to get eventhub metadata: \(reason)"
        case .client: "unable to get eventhub client: \(reason)"
        }
    }
}
