/// How KEDA reads an Event Hubs connection string: whether it names an event hub (EntityPath),
/// and the namespace and hub it builds checkpoint paths from. Both changed after v2.20.2 (#7926).
public enum EventHubConnectionString {
    /// Whether KEDA sees an EntityPath, i.e. does not append `;EntityPath=<eventHubName>`.
    /// Newest: a key equal to `EntityPath` ignoring case and surrounding spaces.
    /// Up to v2.20.2: the text `EntityPath` anywhere (so `entitypath=` is missed, and a host
    /// containing `EntityPath` counts).
    public static func hasEntityPath(_ connection: String, version: KEDAVersion) -> Bool {
        if version.parsesConnectionStringByKey { return value(of: "EntityPath", in: connection) != nil }
        return GoText.contains(connection, "EntityPath")
    }

    /// The namespace (Endpoint without one leading `sb://` and one trailing `/`) and hub
    /// (EntityPath, verbatim); nil when either is missing or empty, which KEDA reports as
    /// `can't parse event hub connection string. Missing eventHubNamespace or eventHubName`.
    public static func namespaceAndHub(_ connection: String, version: KEDAVersion) -> (namespace: String, hub: String)? {
        var namespace = "", hub = ""
        if version.parsesConnectionStringByKey {
            namespace = value(of: "Endpoint", in: connection) ?? ""
            hub = value(of: "EntityPath", in: connection) ?? ""
        } else {
            // Every part starting with the exact text wins over earlier ones.
            for part in GoText.split(connection, on: UInt8(ascii: ";")) {
                guard let (_, value) = GoText.cut(part, at: UInt8(ascii: "=")) else { continue }
                if GoText.hasPrefix(part, "Endpoint") {
                    namespace = value
                } else if GoText.hasPrefix(part, "EntityPath") {
                    hub = value
                }
            }
        }
        namespace = GoText.trimSuffix(GoText.trimPrefix(namespace, "sb://"), "/")
        guard !namespace.isEmpty, !hub.isEmpty else { return nil }
        return (namespace, hub)
    }

    /// Newest KEDA's lookup: split on `;`, then on the first `=`; key trimmed and compared
    /// ignoring case; value verbatim; first match wins; parts without `=` are skipped.
    package static func value(of key: String, in connection: String) -> String? {
        for part in GoText.split(connection, on: UInt8(ascii: ";")) {
            guard let (partKey, value) = GoText.cut(part, at: UInt8(ascii: "=")) else { continue }
            if GoText.equalFold(GoText.trimSpace(partKey), key) { return value }
        }
        return nil
    }
}
