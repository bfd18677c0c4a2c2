/// KEDA's checkpoint readers (`newCheckpointer`, pkg/scalers/azure/azure_eventhub_checkpoint.go) and all that
/// differs between them, in one table. The reader KEDA picks, its blob path and value, the near misses' layouts
/// and names, AF-KEDA-EH-003, the `--checkpoint-strategy` help and its completion all read `all`: a new
/// strategy is a row here (plus its blob names' recognition in Inspect/CheckpointLayout.swift) and its tests.
public struct CheckpointStrategy: Sendable {
    public let reader: CheckpointReader
    /// The `checkpointStrategy` value that selects the reader (compared exactly); nil for KEDA's default
    /// reader, which no value names.
    public let name: String?
    /// The blob layout the reader's writers use.
    public let layout: CheckpointLayout
    /// The layout in the user's words, as near misses name it.
    public let layoutName: String
    public let value: CheckpointValueFormat
    /// The container the reader always uses, whatever blobContainer says; nil: blobContainer.
    public let fixedContainer: String?
    /// Whether KEDA runs url.Parse on the blob name (v2.15+) and on the whole `/<container>/<blob>` path (before).
    package let parsesBlobName: Bool
    package let parsesPathBefore215: Bool
    /// The blob for a partition; nil when the path needs the event hub and KEDA cannot name it.
    package let blobName: @Sendable (_ hub: EventHubIdentity?, _ consumerGroup: String, _ partition: String) -> String?

    /// Whether KEDA reads from blobContainer, so the trigger must set it.
    public var needsContainer: Bool { fixedContainer == nil }

    /// In `CheckpointReader`'s order (the help and completion list them so).
    public static let all: [CheckpointStrategy] = [
        CheckpointStrategy(
            reader: .azureFunction, name: "azureFunction", layout: .functionsLegacy,
            layoutName: "Functions extension v4 (azureFunction)", value: .functionsJSON,
            fixedContainer: KEDADefaults.functionsContainer, parsesBlobName: true, parsesPathBefore215: true,
            blobName: { hub, group, partition in hub.map { "\($0.namespace)/\($0.name)/\(group)/\(partition)" } }),
        CheckpointStrategy(
            reader: .blobMetadata, name: "blobMetadata", layout: .processor,
            layoutName: "event processor (blobMetadata: .NET, Python, Java, JS and Go processors, Functions extension v5)",
            value: .metadata, fixedContainer: nil, parsesBlobName: true, parsesPathBefore215: true,
            blobName: { hub, group, partition in
                hub.map { "\($0.namespace)/\($0.name)/\(GoText.toLower(group))/checkpoint/\(partition)" }
            }),
        CheckpointStrategy(
            reader: .goSdk, name: "goSdk", layout: .goSdk, layoutName: "old Go SDK (goSdk)", value: .goJSON,
            fixedContainer: nil, parsesBlobName: false, parsesPathBefore215: true,
            blobName: { _, _, partition in partition }),
        CheckpointStrategy(
            reader: .dapr, name: "dapr", layout: .dapr, layoutName: "Dapr 1.9 and older (dapr)", value: .goJSON,
            fixedContainer: nil, parsesBlobName: true, parsesPathBefore215: true,
            blobName: { hub, group, partition in hub.map { "dapr-\($0.name)-\(group)-\(partition)" } }),
        CheckpointStrategy(
            reader: .default, name: nil, layout: .legacyDefault,
            layoutName: "legacy {consumerGroup}/{partition} (KEDA's default reader)", value: .csharpOrPythonJSON,
            fixedContainer: nil, parsesBlobName: false, parsesPathBefore215: false,
            blobName: { _, group, partition in "\(group)/\(partition)" }),
    ]

    /// The strategies a `checkpointStrategy` value names.
    public static let named: [CheckpointStrategy] = all.filter { $0.name != nil }
    /// Their names, in order: `azureFunction, blobMetadata, goSdk, dapr`.
    public static var names: [String] { named.compactMap(\.name) }
}

/// The checkpoint reader KEDA actually uses. The `checkpointStrategy` compare is exact and case-sensitive;
/// anything unknown falls to `default` when a container is set, and to `azureFunction` when it is not.
public enum CheckpointReader: String, Sendable, CaseIterable {
    case azureFunction
    case blobMetadata
    case goSdk
    case dapr
    case `default`

    public init(strategy: String, blobContainer: String) {
        if let named = CheckpointStrategy.named.first(where: { $0.name == strategy }) {
            self = named.reader
        } else {
            self = blobContainer.isEmpty ? .azureFunction : .default
        }
    }

    /// This reader's row of the table (asked per partition and blob, so kept at hand rather than searched).
    public var strategy: CheckpointStrategy { Self.rows[self]! }
    private static let rows = Dictionary(uniqueKeysWithValues: CheckpointStrategy.all.map { ($0.reader, $0) })

    /// Whether the value is in the blob's metadata rather than its JSON body.
    public var readsMetadata: Bool { strategy.value == .metadata }
}

/// The blob layouts checkpoint writers use, as far as a blob's name tells them apart: one per reader.
public enum CheckpointLayout: String, Sendable, CaseIterable {
    /// Event processor SDKs (.NET, Python, Java, JS, Go v1, Functions extension v5, Dapr ≥ 1.10):
    /// `{namespace}/{hub}/{consumerGroup}/checkpoint/{partition}`, an empty body with metadata.
    case processor
    /// Functions extension v4 and the old EventProcessorHost: `{namespace}/{hub}/{consumerGroup}/{partition}`, JSON.
    case functionsLegacy
    /// The old Go SDK: `{partition}`, JSON.
    case goSdk
    /// Dapr ≤ 1.9: `dapr-{hub}-{consumerGroup}-{partition}`, JSON.
    case dapr
    /// The old Python EPH and others KEDA's default reader serves: `{consumerGroup}/{partition}`, JSON.
    case legacyDefault

    /// The row of the reader that reads this layout.
    public var strategy: CheckpointStrategy { Self.rows[self]! }
    private static let rows = Dictionary(uniqueKeysWithValues: CheckpointStrategy.all.map { ($0.layout, $0) })
}

/// Where and how a reader finds the sequence number (the Go structs of azure_eventhub_checkpoint.go).
public enum CheckpointValueFormat: Sendable, Equatable {
    /// The blob's metadata (`sequencenumber`, `offset`), an empty body.
    case metadata
    /// JSON `azure.Checkpoint`: `SequenceNumber`, `PartitionId`.
    case functionsJSON
    /// JSON `azure.goCheckpoint`: `checkpoint.sequenceNumber`, `partitionId`.
    case goJSON
    /// JSON read as the C# shape and the Python one, each field kept unless zero.
    case csharpOrPythonJSON
}

extension CheckpointStrategy {
    /// `--checkpoint-strategy`'s help: the names, then what KEDA does with anything else.
    public static var helpText: String {
        names.joined(separator: "|") + ", or \"\" (trigger: checkpointStrategy; any other value is passed on as KEDA would take it)."
    }
}
