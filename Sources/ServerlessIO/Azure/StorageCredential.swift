import Foundation
import ServerlessSupport

/// How requests to Blob Storage prove who they are.
public enum StorageCredential: Sendable, CustomStringConvertible {
    /// Account key: every request signed (Shared Key).
    case sharedKey(SharedKeySigner)
    /// A SAS query string (`sv=...&sig=...`), appended to every URL as given; no Authorization header.
    case sharedAccessSignature(Secret)
    /// An Entra ID access token for `https://storage.azure.com/.default`.
    case bearer(Secret)
    /// Public containers only.
    case anonymous

    public var description: String {
        switch self {
        case let .sharedKey(signer): "shared key for account \(signer.accountName)"
        case .sharedAccessSignature: "shared access signature"
        case .bearer: "bearer token"
        case .anonymous: "anonymous"
        }
    }

    /// The request with its credential applied: SAS on the URL, or the Authorization header.
    /// Call last: Shared Key signs the URL and headers as they are.
    public func authorize(_ request: HTTPRequest) -> HTTPRequest {
        var request = request
        switch self {
        case let .sharedKey(signer):
            signer.sign(&request)
        case let .sharedAccessSignature(token):
            let query = token.value.hasPrefix("?") ? String(token.value.dropFirst()) : token.value
            if !query.isEmpty { request.url += (request.url.contains("?") ? "&" : "?") + query }
        case let .bearer(token):
            request.headers.append((name: "Authorization", value: "Bearer \(token.value)"))
        case .anonymous:
            break
        }
        return request
    }
}
