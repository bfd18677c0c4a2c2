/// The connection-string checks of the Azure SDK versions KEDA pins, as their sources read them. Both
/// return the SDK's error text, or nil when the SDK accepts the string.
package enum SDKConnectionStrings {
    /// azeventhubs (v1.2.1 to v2.0.2, pinned by KEDA 2.15 to 2.20 and main)
    /// `internal/exported/connection_string_properties.go` `ParseConnectionString`: split on `;`,
    /// empty parts skipped, each part split on its first `=`, keys compared ignoring case, the
    /// last value wins; Endpoint through Go's url.Parse (its host is the namespace).
    package static func eventHubsError(_ connection: String) -> String? {
        var endpoint: String?
        var namespace = ""
        var keyName = false, key = false, signature = false, emulator = false
        for part in GoText.split(connection, on: UInt8(ascii: ";")) where !part.isEmpty {
            guard let (name, value) = GoText.cut(part, at: UInt8(ascii: "=")) else {
                return "failed parsing connection string due to unmatched key value separated by '='"
            }
            if GoText.equalFold(name, "Endpoint") {
                guard let host = GoURLParse.host(value) else {
                    return "failed parsing connection string due to an incorrectly formatted Endpoint value"
                }
                endpoint = value
                namespace = host
            } else if GoText.equalFold(name, "SharedAccessKeyName") {
                keyName = true
            } else if GoText.equalFold(name, "SharedAccessKey") {
                key = true
            } else if GoText.equalFold(name, "SharedAccessSignature") {
                signature = true
            } else if GoText.equalFold(name, "UseDevelopmentEmulator") {
                switch GoParseBool.parse(value) {
                case .success(let flag): emulator = flag
                case .failure(let error): return error.message
                }
            }
        }
        if emulator {
            // Since v1.2.1 (Azure/azure-sdk-for-go#22898) any host, but only with the sb scheme.
            let endpointText = endpoint ?? ""
            let pieces = endpointText.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if pieces.count < 2 || pieces[0] != "sb" {
                return "UseDevelopmentEmulator=true can only be used with sb://<emulator hostname> or "
                    + "sb://<emulator hostname>:<port number>, not \(endpointText)"
            }
        }
        if namespace.isEmpty { return "key \"Endpoint\" must not be empty" }
        if !signature && !keyName { return "key \"SharedAccessKeyName\" must not be empty" }
        if !key && !signature { return "key \"SharedAccessKey\" or \"SharedAccessSignature\" cannot both be empty" }
        return nil
    }

    /// Whether azeventhubs' parser finds an EntityPath key (any case, untrimmed).
    package static func eventHubsHasEntityPath(_ connection: String) -> Bool {
        GoText.split(connection, on: UInt8(ascii: ";")).contains { part in
            guard let (name, _) = GoText.cut(part, at: UInt8(ascii: "=")) else { return false }
            return GoText.equalFold(name, "EntityPath")
        }
    }

    package static let malformedStorage = "connection string is either blank or malformed. The expected connection string "
        + "should contain key value pairs separated by semicolons. For example 'DefaultEndpointsProtocol=https;"
        + "AccountName=<accountName>;AccountKey=<accountKey>;EndpointSuffix=core.windows.net'"

    /// azblob `NewClientFromConnectionString` (service/client.go) as KEDA v2.15.0 to v2.20.2 vendor it
    /// (azblob v1.3.2 to v1.7.0, the same code in each): `internal/shared/shared.go`
    /// `ParseConnectionString` trims trailing `;`, splits on `;`, needs a `=` in every part (an empty
    /// one included), keys exact, the last value wins; then needs AccountName or BlobEndpoint, and
    /// AccountName with AccountKey or a SharedAccessSignature. `UseDevelopmentStorage` is just another
    /// key there. A shared-key credential is built only when AccountName and AccountKey are both
    /// non-empty: `internal/exported/shared_key_credential.go` `SetAccountKey` base64-decodes the key.
    package static func storageError(_ connection: String) -> String? {
        var trimmed = Array(connection.utf8)
        while trimmed.last == UInt8(ascii: ";") { trimmed.removeLast() }
        var values: [String: String] = [:]
        for part in GoText.split(String(decoding: trimmed, as: UTF8.self), on: UInt8(ascii: ";")) {
            guard let (name, value) = GoText.cut(part, at: UInt8(ascii: "=")) else { return malformedStorage }
            values[name] = value
        }
        if values["BlobEndpoint"] == nil && values["AccountName"] == nil {
            return "connection string needs either AccountName or BlobEndpoint"
        }
        if let accountName = values["AccountName"], let accountKey = values["AccountKey"] {
            if !accountName.isEmpty && !accountKey.isEmpty, case .failure(let error) = GoBase64.decodeStd(accountKey) {
                return "decode account key: \(error.message)"
            }
            return nil
        }
        if values["SharedAccessSignature"] == nil {
            return "connection string needs either AccountKey or SharedAccessSignature"
        }
        return nil
    }
}
