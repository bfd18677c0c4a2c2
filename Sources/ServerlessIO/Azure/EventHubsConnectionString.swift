import ServerlessSupport

/// An Event Hubs connection string, read the way azure-eventhub (Python) reads it: keys matched
/// case-insensitively, split on the first `=`, `Endpoint` required with a scheme, and either a
/// key name + key or a SharedAccessSignature. (KEDA's own looser parse lives with the KEDA code.)
public struct EventHubsConnectionString: Sendable {
    /// As written, e.g. `sb://myns.servicebus.windows.net/`.
    public let endpoint: String
    /// The endpoint's host (with `:port` when given): `myns.servicebus.windows.net`. First segment of checkpoint blob names.
    public let fullyQualifiedNamespace: String
    public let sharedAccessKeyName: String?
    /// Used as raw UTF-8 bytes when signing, never base64-decoded.
    public let sharedAccessKey: Secret?
    /// A ready token, `SharedAccessSignature sr=...&sig=...&se=...&skn=...`.
    public let sharedAccessSignature: Secret?
    public let entityPath: String?
    /// `UseDevelopmentEmulator=true`: the local emulator, reached over plain HTTP.
    public let useDevelopmentEmulator: Bool

    public static func parse(_ text: String) throws -> EventHubsConnectionString {
        let parts = try ConnectionStringParts(text, kind: .eventHubs)
        guard let endpoint = parts["Endpoint"] else { throw ConnectionStringError(.eventHubs, .missing("Endpoint")) }
        let url = URLParts(endpoint)
        guard !url.scheme.isEmpty, !url.authority.isEmpty, !url.authority.contains(" ") else {
            throw ConnectionStringError(.eventHubs, .invalidEndpoint(
                key: "Endpoint", reason: "expected sb://NAMESPACE.servicebus.windows.net/"))
        }
        let keyName = parts["SharedAccessKeyName"]
        let key = parts["SharedAccessKey"]
        let signature = parts["SharedAccessSignature"]
        if (keyName == nil) != (key == nil) {
            throw ConnectionStringError(.eventHubs, .requiresBoth("SharedAccessKeyName", "SharedAccessKey"))
        }
        if key != nil && signature != nil {
            throw ConnectionStringError(.eventHubs, .conflicting("SharedAccessKey", "SharedAccessSignature"))
        }
        if key == nil && signature == nil {
            throw ConnectionStringError(.eventHubs, .missing("SharedAccessKey or SharedAccessSignature"))
        }
        return EventHubsConnectionString(
            endpoint: endpoint,
            fullyQualifiedNamespace: url.authority.split(separator: "@").last.map(String.init) ?? url.authority,
            sharedAccessKeyName: keyName,
            sharedAccessKey: key.map(Secret.init),
            sharedAccessSignature: signature.map { Secret($0.hasPrefix("SharedAccessSignature ") ? $0 : "SharedAccessSignature \($0)") },
            entityPath: parts["EntityPath"],
            useDevelopmentEmulator: parts["UseDevelopmentEmulator"]?.lowercased() == "true")
    }
}
