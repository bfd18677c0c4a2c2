import ServerlessSupport

/// The one blob KEDA reads for a partition's checkpoint.
public struct CheckpointLocation: Equatable, Hashable, Sendable {
    public let container: String
    public let blobName: String

    public init(container: String, blobName: String) {
        self.container = container
        self.blobName = blobName
    }
}

/// The event hub as KEDA names it in checkpoint paths.
public struct EventHubIdentity: Equatable, Sendable {
    /// The namespace FQDN, e.g. `myns.servicebus.windows.net`.
    public let namespace: String
    public let name: String
}

extension EventHubScalerSettings {
    /// KEDA's `getHubAndNamespace`: from the connection string whenever there is one (v2.18+
    /// reads it under workload identity too), else `<eventHubNamespace>.<serviceBusSuffix>`.
    /// nil when the connection string lacks an Endpoint or EntityPath value.
    package static func pathIdentity(connection: Secret?, namespace: String, name: String, serviceBusSuffix: String,
                             version: KEDAVersion) -> EventHubIdentity? {
        if let connection, !connection.isEmpty {
            guard let parsed = EventHubConnectionString.namespaceAndHub(connection.value, version: version) else { return nil }
            return EventHubIdentity(namespace: parsed.namespace, name: parsed.hub)
        }
        return EventHubIdentity(namespace: "\(namespace).\(serviceBusSuffix)", name: name)
    }

    /// The container and blob KEDA requests for `partitionID`, or the failure KEDA reports
    /// when it cannot build the path (which fails the scaler).
    public func checkpointLocation(partitionID: String) -> Result<CheckpointLocation, CheckpointFailure> {
        let strategy = reader.strategy
        guard let blobName = strategy.blobName(eventHubForPaths, consumerGroup, partitionID) else {
            return .failure(.eventHubUnparseable)
        }
        let location = CheckpointLocation(container: strategy.fixedContainer ?? blobContainer, blobName: blobName)
        // From v2.15 the blob name itself goes through url.Parse (goSdk skips it); before, the
        // whole `/<container>/<blob>` URL path did, goSdk included. The default reader skips both.
        if kedaVersion >= KEDAVersion(2, 15, 0) {
            if strategy.parsesBlobName, let failure = GoURLParse.validate(location.blobName) { return .failure(.invalidPath(failure)) }
        } else if strategy.parsesPathBefore215, let failure = GoURLParse.validate("/\(location.container)/\(location.blobName)") {
            return .failure(.invalidPath(failure))
        }
        return .success(location)
    }
}
