import ServerlessSupport

/// A storage connection string, read the way the Azure SDK for Python reads it (azure-storage-blob `_shared/base_client.py` `parse_connection_str`):
/// `BlobEndpoint` wins; else `{DefaultEndpointsProtocol}://{AccountName}.blob.{EndpointSuffix}`;
/// `AccountKey` before `SharedAccessSignature`; `UseDevelopmentStorage=true` is Azurite's account.
public struct StorageConnectionString: Sendable {
    /// Without a trailing `/`. Path-style endpoints keep their path (`http://127.0.0.1:10000/devstoreaccount1`).
    public let blobEndpoint: String
    public let accountName: String?
    public let credential: StorageCredential

    public static let developmentAccountName = "devstoreaccount1"
    public static let developmentAccountKey = Secret(
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")
    public static let developmentBlobEndpoint = "http://127.0.0.1:10000/devstoreaccount1"

    public init(blobEndpoint: String, accountName: String?, credential: StorageCredential) {
        self.blobEndpoint = blobEndpoint.hasSuffix("/") ? String(blobEndpoint.dropLast()) : blobEndpoint
        self.accountName = accountName
        self.credential = credential
    }

    /// The account as users know it: the account name, else the endpoint's host.
    public var displayAccount: String { accountName ?? URLParts(blobEndpoint).host }

    public static func parse(_ text: String) throws -> StorageConnectionString {
        let parts = try ConnectionStringParts(text, kind: .storage)

        if parts["UseDevelopmentStorage"]?.lowercased() == "true" {
            return StorageConnectionString(
                blobEndpoint: developmentBlobEndpoint, accountName: developmentAccountName,
                credential: .sharedKey(try SharedKeySigner(accountName: developmentAccountName,
                                                           accountKey: developmentAccountKey)))
        }

        let protocolName = (parts["DefaultEndpointsProtocol"] ?? "https")
        guard ["https", "http"].contains(protocolName.lowercased()) else {
            throw ConnectionStringError(.storage, .unsupportedProtocol(protocolName))
        }
        let accountName = parts["AccountName"]

        let endpoint: String
        if let given = parts["BlobEndpoint"] {
            let url = URLParts(given)
            guard url.scheme == "https" || url.scheme == "http" else {
                throw ConnectionStringError(.storage, .invalidEndpoint(key: "BlobEndpoint", reason: "it must start with https:// or http://"))
            }
            guard !url.host.isEmpty else {
                throw ConnectionStringError(.storage, .invalidEndpoint(key: "BlobEndpoint", reason: "it has no host"))
            }
            guard url.query == nil else {
                throw ConnectionStringError(.storage, .invalidEndpoint(
                    key: "BlobEndpoint", reason: "it has a query; put a SAS in SharedAccessSignature"))
            }
            endpoint = given
        } else if let accountName {
            var suffix = parts["EndpointSuffix"] ?? "core.windows.net"
            while suffix.hasPrefix(".") { suffix.removeFirst() }
            endpoint = "\(protocolName.lowercased())://\(accountName).blob.\(suffix)"
        } else {
            throw ConnectionStringError(.storage, .missing("AccountName (or BlobEndpoint)"))
        }

        let credential: StorageCredential
        if let key = parts["AccountKey"] {
            guard let accountName else { throw ConnectionStringError(.storage, .requiresBoth("AccountName", "AccountKey")) }
            credential = .sharedKey(try SharedKeySigner(accountName: accountName, accountKey: Secret(key)))
        } else if parts.isPresentButEmpty("AccountKey") {
            throw ConnectionStringError(.storage, .emptyValue(key: "AccountKey"))
        } else if let sas = parts["SharedAccessSignature"] {
            credential = .sharedAccessSignature(Secret(sas))
        } else if parts.isPresentButEmpty("SharedAccessSignature") {
            throw ConnectionStringError(.storage, .emptyValue(key: "SharedAccessSignature"))
        } else {
            credential = .anonymous
        }
        return StorageConnectionString(blobEndpoint: endpoint, accountName: accountName, credential: credential)
    }
}
