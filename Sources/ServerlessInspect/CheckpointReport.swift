import ServerlessKubernetes
import ServerlessSupport

/// What `kubectl serverless checkpoints` found: per partition, the blob KEDA reads, what is there,
/// and KEDA's numbers. Field names are the contract's JSON names.
public struct CheckpointReport: Sendable {
    public struct EventHub: Sendable, Equatable {
        public var namespace: String
        public var name: String
        public var consumerGroup: String
    }

    public var eventHub: EventHub
    /// The configured strategy, verbatim (`""` when unset).
    public var checkpointStrategy: String
    /// The reader KEDA actually uses for it.
    public var reader: String
    public var container: String
    public var kedaVersion: String
    /// Which KEDA `kedaVersion` is and why (flag, cluster, manifests, default); nil when not said.
    public var kedaVersionChoice: KEDAVersionChoice?
    /// The error KEDA would raise for the whole metric instead of a value, in KEDA's words.
    public var scalerError: String?
    public var partitions: [PartitionCheckpoint]
    public var totalUnprocessedEvents: Int64
    public var metricValue: Int64?
    public var unprocessedEventThreshold: Int64
    public var activationUnprocessedEventThreshold: Int64
    public var active: Bool?
    public var desiredReplicas: Int64?
    /// What went wrong on the way without changing the answer (a listing refused, read blob by blob instead).
    public var warnings: [String] = []
    /// KEDA's reason when it cannot even create the scaler's clients from these connection strings,
    /// which this tool could still read (then `scalerError` holds KEDA's full text).
    public var scalerCreationError: String?
    /// Failures said once for the whole report, each with what fixes it (a missing container, a refused
    /// credential): the partitions they hit then only say `error` or `missing`.
    public var errors: [ReportFailure] = []
    /// The storage account read (its name, or the endpoint's host).
    public var account: String = ""
    /// When the configured consumer has no checkpoint in any layout: the consumers that do, most first.
    public var otherConsumers: [OtherConsumer] = []
    /// What the report is about, for its header line: set by whoever read the trigger from an object.
    public var origin: Origin?

    /// The ScaledObject or ScaledJob and which of its triggers.
    public struct Origin: Sendable, Equatable {
        public var kind: String
        public var namespace: String
        public var name: String
        public var trigger: String

        public init(kind: String, namespace: String, name: String, trigger: String) {
            self.kind = kind
            self.namespace = namespace
            self.name = name
            self.trigger = trigger
        }
    }

    /// Exit 2 when KEDA cannot create the scaler; 1 when a partition is missing, mismatched or invalid;
    /// 3 when a request failed.
    public var exitCode: Int32 {
        if scalerCreationError != nil { return 2 }
        if partitions.contains(where: { $0.status == .error }) { return 3 }
        if partitions.contains(where: { [.missing, .mismatch, .invalid].contains($0.status) }) { return 1 }
        return 0
    }
}

public struct PartitionCheckpoint: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        /// A readable checkpoint at the exact blob KEDA reads.
        case ok
        /// No blob there and none like it elsewhere: KEDA counts from the start of the partition.
        case missing
        /// No blob at KEDA's path, but this partition's checkpoint exists at another path.
        case mismatch
        /// The blob exists but KEDA cannot read it; KEDA fails the whole scaler.
        case invalid
        /// The request for it failed.
        case error
    }

    public var partitionId: String
    /// The blob KEDA reads for this partition, in `container`.
    public var blob: String
    public var status: Status
    public var checkpointSequenceNumber: Int64?
    public var lastEnqueuedSequenceNumber: Int64
    public var beginningSequenceNumber: Int64
    public var lastEnqueuedTime: String?
    public var unprocessedEvents: Int64?
    /// Why the blob is invalid or the request failed, in KEDA's or the transport's words.
    public var detail: String?
    /// The closest few near misses, closest first.
    public var nearMisses: [NearMiss]
    /// How many more of this partition's checkpoints were found elsewhere than `nearMisses` shows.
    public var nearMissesNotShown: Int = 0
}

/// One failure, said once, and its remedy.
public struct ReportFailure: Sendable, Equatable {
    public var message: String
    public var remedy: String?

    public init(message: String, remedy: String?) {
        self.message = message
        self.remedy = remedy
    }

    package init(_ error: Error) {
        if let error = error as? UserFacingError {
            self.init(message: error.message, remedy: error.hint)
        } else {
            self.init(message: "\(type(of: error))", remedy: nil)
        }
    }
}

/// Another consumer with checkpoints in the containers read, and how many.
public struct OtherConsumer: Sendable, Equatable {
    public var consumer: CheckpointConsumer
    public var checkpoints: Int
}

/// This partition's checkpoint found somewhere KEDA does not read, and the trigger setting that would
/// make KEDA read it (`{}` when none would).
public struct NearMiss: Sendable, Equatable {
    public var container: String
    public var blob: String
    public var reason: String
    public var sequenceNumber: Int64?
    /// Trigger metadata changes, in order.
    public var setting: [(key: String, value: String)]

    /// `key: value, key: value`, or "" when no setting would.
    public var settingText: String {
        setting.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }

    public static func == (lhs: NearMiss, rhs: NearMiss) -> Bool {
        lhs.container == rhs.container && lhs.blob == rhs.blob && lhs.reason == rhs.reason
            && lhs.sequenceNumber == rhs.sequenceNumber
            && lhs.setting.map(\.key) == rhs.setting.map(\.key) && lhs.setting.map(\.value) == rhs.setting.map(\.value)
    }
}
