import Foundation
import ServerlessSupport

/// A request to Blob Storage that the service answered with an error. Category `.remote`.
/// Messages name the account, container and blob, never a key, SAS or signature.
public struct AzureStorageError: UserFacingError, Equatable {
    public enum Kind: Equatable, Sendable {
        case containerNotFound
        case blobNotFound
        /// The credential was refused (wrong key, expired SAS, clock skew). `detail` is the service's
        /// `AuthenticationErrorDetail`, signatures redacted.
        case authenticationFailed(detail: String?)
        /// Authenticated but not allowed: `AuthorizationPermissionMismatch`, `AuthorizationFailure`, ...
        case authorizationFailure(code: String)
        case throttled
        case other(status: Int, code: String?, message: String?)
    }

    public let kind: Kind
    public let account: String
    public let container: String
    public let blob: String?
    /// The request carried an Entra ID token: a refusal then means the audience or the role.
    public var byToken = false

    public init(kind: Kind, account: String, container: String, blob: String? = nil) {
        self.kind = kind
        self.account = account
        self.container = container
        self.blob = blob
    }

    /// What a token refusal asks of the user, in the message itself so that it survives as a partition's detail.
    private var tokenRemedy: String {
        byToken ? "; the token's identity needs the '\(TokenAudience.storage.readerRole)' role on the account or container (audience \(TokenAudience.storage.resource))" : ""
    }

    public var category: FailureCategory { .remote }

    private var place: String {
        if let blob { return "blob '\(blob)' in container '\(container)' of storage account '\(account)'" }
        return "container '\(container)' of storage account '\(account)'"
    }

    /// A refusal of the credential or of a permission concerns the account, not one blob: the same words
    /// for every partition, so that one cause is said once.
    public var message: String {
        switch kind {
        case .containerNotFound:
            "container \"\(container)\" not found in storage account \"\(account)\""
        case .blobNotFound:
            "\(place) does not exist"
        case let .authenticationFailed(detail):
            // The same words for every request (Azure's detail names the time and the string it signed),
            // so one cause is said once; Azure's whole text follows in the hint.
            if let window = SASTimeWindow(azureDetail: detail), let expiry = window.expiry, window.isExpired {
                "storage account '\(account)' refused the SAS: it expired at \(expiry)"
            } else {
                "storage account '\(account)' refused the credentials (AuthenticationFailed)"
                    + (detail.map { ": " + Self.firstSentence($0) } ?? "") + tokenRemedy
            }
        case let .authorizationFailure(code) where code == "AuthorizationPermissionMismatch" && !byToken:
            "storage account '\(account)' refused to \(blob == nil ? "list" : "read") blobs "
                + "(AuthorizationPermissionMismatch): the SAS lacks \(missingPermission) permission, or the identity's role does not allow it"
        case let .authorizationFailure(code):
            "storage account '\(account)' does not allow reading its blobs (\(code))" + tokenRemedy
        case .throttled:
            "storage account '\(account)' is throttling requests (server busy); retries were exhausted"
        case let .other(status, code, message):
            "reading \(place) failed: HTTP \(status)" + (code.map { " \($0)" } ?? "") + (message.map { ": \($0)" } ?? "")
        }
    }

    /// Azure's text up to its first full stop: what is wrong, without the parts that differ per request.
    package static func firstSentence(_ text: String) -> String {
        guard let stop = text.range(of: ". ") else { return text }
        return String(text[..<stop.lowerBound])
    }

    /// The SAS permission letter the refused request needs: List Blobs `l`, Get Blob and its properties `r`.
    public var missingPermission: String { blob == nil ? "list (l)" : "read (r)" }

    public var hint: String? {
        switch kind {
        case .authenticationFailed where byToken, .authorizationFailure where byToken:
            "assign the role with 'az role assignment create --role \"\(TokenAudience.storage.readerRole)\" --assignee <identity> --scope <storage account id>'"
        case let .authenticationFailed(detail):
            (SASTimeWindow(azureDetail: detail)?.isExpired == true
                ? "issue a new SAS (a later se) and put it in the storage connection string"
                : "check the AccountKey or SharedAccessSignature in the storage connection string, its expiry, and this machine's clock")
                + (detail.map { " (Azure: \($0))" } ?? "")
        case .authorizationFailure("AuthorizationPermissionMismatch"):
            "issue a SAS with sp=rl (read and list), or grant the identity Storage Blob Data Reader"
        case .authorizationFailure:
            "the SAS permissions (sp needs r and l), the role assignment (Storage Blob Data Reader) or the network rules do not allow this read"
        case .containerNotFound:
            "check --blob-container (blobContainer) and that the connection string names the right storage account"
        default:
            nil
        }
    }

    /// Maps a failed response: the code from `x-ms-error-code` first, then the XML body (HEAD has none).
    /// A 404 without a code is taken for what was asked: the blob, or for a listing the container.
    package static func from(_ response: HTTPResponse, account: String, container: String, blob: String?) -> AzureStorageError {
        let body = ErrorBody.parse(response.body)
        let headerCode = response.header("x-ms-error-code")?.trimmingSpaces
        let code = (headerCode?.isEmpty == false ? headerCode : nil) ?? body?.code
        let kind: Kind
        switch (response.status, code) {
        case (_, "ContainerNotFound"):
            kind = .containerNotFound
        case (_, "BlobNotFound"):
            kind = .blobNotFound
        case (404, nil), (404, "ResourceNotFound"):
            kind = blob == nil ? .containerNotFound : .blobNotFound
        case (_, "AuthenticationFailed"), (_, "NoAuthenticationInformation"), (_, "InvalidAuthenticationInfo"), (401, _):
            kind = .authenticationFailed(detail: displayableServerText(body?.detail))
        case let (_, code?) where code.hasPrefix("Authorization") || code == "InsufficientAccountPermissions":
            kind = .authorizationFailure(code: code)
        case (403, nil):
            kind = .authorizationFailure(code: "403 Forbidden")
        case (429, _), (503, _), (_, "ServerBusy"):
            kind = .throttled
        default:
            kind = .other(status: response.status, code: code, message: displayableServerText(body?.message))
        }
        return AzureStorageError(kind: kind, account: account, container: container, blob: blob)
    }
}

/// The validity window Azure states when it refuses a SAS for its time: `Signature not valid in the specified
/// time frame: Start [..] - Expiry [..] - Current [..]` (AuthenticationErrorDetail).
package struct SASTimeWindow: Equatable {
    package var start: String?
    package var expiry: String?
    package var current: String?

    package init?(azureDetail: String?) {
        guard let detail = azureDetail, detail.contains("Signature not valid in the specified time frame") else { return nil }
        func bracket(after label: String) -> String? {
            guard let range = detail.range(of: label + " ["),
                  let close = detail[range.upperBound...].firstIndex(of: "]") else { return nil }
            let value = String(detail[range.upperBound..<close]).trimmingSpaces
            return value.isEmpty ? nil : value
        }
        start = bracket(after: "Start")
        expiry = bracket(after: "Expiry")
        current = bracket(after: "Current")
    }

    /// Past its expiry by Azure's own clock (both in RFC 1123, or ISO 8601 as the SAS gave it).
    package var isExpired: Bool {
        guard let expiry, let current else { return expiry != nil }
        guard let end = Self.date(expiry), let now = Self.date(current) else { return true }
        return now > end
    }

    private static func date(_ text: String) -> Int64? {
        if let date = AzureTime.parseRFC1123(text) { return Int64(date.timeIntervalSince1970) }
        return AzureTime.parseISO8601(text).map { Int64($0.timeIntervalSince1970) }
    }
}
