import Foundation
import ServerlessSupport

/// An Entra ID access token and when it stops being valid. The token is a `Secret`: never printed.
public struct AccessToken: Sendable {
    public let token: Secret
    public let expiresOn: Date

    public init(token: Secret, expiresOn: Date) {
        self.token = token
        self.expiresOn = expiresOn
    }
}

/// The two data planes the command reads, and what Entra ID calls them.
public enum TokenAudience: String, Sendable, CaseIterable {
    case storage, eventHubs

    /// The v1 resource (IMDS, App Service, `az --resource`): azure-identity `_scopes_to_resource`
    /// strips `/.default` from the scope.
    public var resource: String {
        switch self {
        case .storage: "https://storage.azure.com/"
        case .eventHubs: "https://eventhubs.azure.net/"
        }
    }

    /// The v2 scope (client credentials), azure-storage-blob `STORAGE_OAUTH_SCOPE` and the Event Hubs SDKs'.
    public var scope: String { resource + ".default" }

    /// The built-in data-plane role that allows what the command reads.
    public var readerRole: String {
        switch self {
        case .storage: "Storage Blob Data Reader"
        case .eventHubs: "Azure Event Hubs Data Receiver"
        }
    }
}
