/// The steps of KEDA's `NewAzureEventHubScaler` (pkg/scalers/azure_eventhub_scaler.go) after the
/// metadata: `azure.GetEventHubClient` builds the Event Hubs producer client, then
/// `azure.GetStorageBlobClient` the blob client (pkg/scalers/azure/azure_eventhub.go, azure_storage.go).
/// With connection strings each runs its SDK's parser, and the first failure fails the scaler as
/// `unable to get eventhub client: failed to create hub client: <SDK error>` (both wrappers read so).
/// Under workload identity nothing is parsed there. Up to v2.14 KEDA used the older azure-event-hubs-go
/// SDK, whose checks are not modelled.
package enum ClientCreation {
    package static func firstError(eventHubConnection: String, eventHubName: String, storageConnection: String,
                           version: KEDAVersion) -> KEDAConfigError? {
        guard version.createsTrack2Clients else { return nil }
        if let reason = SDKConnectionStrings.eventHubsError(eventHubConnection) {
            return KEDAConfigError(.connectionStringRejected, "failed to create hub client: " + reason, stage: .client)
        }
        if let reason = entityPathError(eventHubConnection, eventHub: sdkEventHubName(eventHubConnection, eventHubName, version)) {
            return KEDAConfigError(.connectionStringRejected, "failed to create hub client: " + reason, stage: .client,
                                   settings: ["eventHubName"])
        }
        if version.vendorsReadableBlobParser, let reason = SDKConnectionStrings.storageError(storageConnection) {
            return KEDAConfigError(.connectionStringRejected, "failed to create hub client: " + reason, stage: .client)
        }
        return nil
    }

    /// The `eventHub` argument of `NewProducerClientFromConnectionString`: unset with a connection string
    /// up to v2.17; the `eventHubName` setting in v2.18 to v2.20.2; after v2.20.2 (#7926) cleared
    /// when KEDA's own parser finds an EntityPath key.
    package static func sdkEventHubName(_ connection: String, _ eventHubName: String, _ version: KEDAVersion) -> String {
        if !version.usesTypedConfig { return "" }
        if version.parsesConnectionStringByKey, EventHubConnectionString.value(of: "EntityPath", in: connection) != nil {
            return ""
        }
        return eventHubName
    }

    /// azeventhubs `parseConn`, after the connection string parsed.
    package static func entityPathError(_ connection: String, eventHub: String) -> String? {
        let hasEntityPath = SDKConnectionStrings.eventHubsHasEntityPath(connection)
        if !hasEntityPath && eventHub.isEmpty {
            return "connection string does not contain an EntityPath. eventHub cannot be an empty string"
        }
        if hasEntityPath && !eventHub.isEmpty {
            return "connection string contains an EntityPath. eventHub must be an empty string"
        }
        return nil
    }
}
