/// The checkpoint reader KEDA actually uses (`newCheckpointer`). The `checkpointStrategy`
/// compare is exact and case-sensitive, in this order; anything unknown falls to `default`
/// when a container is set, and to `azureFunction` when it is not.
public enum CheckpointReader: String, Sendable, CaseIterable {
    case azureFunction
    case blobMetadata
    case goSdk
    case dapr
    case `default`

    public init(strategy: String, blobContainer: String) {
        if strategy == "goSdk" {
            self = .goSdk
        } else if strategy == "dapr" {
            self = .dapr
        } else if strategy == "blobMetadata" {
            self = .blobMetadata
        } else if strategy == "azureFunction" || blobContainer.isEmpty {
            self = .azureFunction
        } else {
            self = .default
        }
    }

    /// Whether the value is in the blob's metadata rather than its JSON body.
    public var readsMetadata: Bool { self == .blobMetadata }
}
