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

    public var message: String {
        switch kind {
        case .containerNotFound:
            "container '\(container)' does not exist in storage account '\(account)'"
        case .blobNotFound:
            "\(place) does not exist"
        case let .authenticationFailed(detail):
            "storage account '\(account)' refused the credentials (AuthenticationFailed)" + (detail.map { ": \($0)" } ?? "") + tokenRemedy
        case let .authorizationFailure(code):
            "storage account '\(account)' does not allow reading \(place) (\(code))" + tokenRemedy
        case .throttled:
            "storage account '\(account)' is throttling requests (server busy); retries were exhausted"
        case let .other(status, code, message):
            "reading \(place) failed: HTTP \(status)" + (code.map { " \($0)" } ?? "") + (message.map { ": \($0)" } ?? "")
        }
    }

    public var hint: String? {
        switch kind {
        case .authenticationFailed where byToken, .authorizationFailure where byToken:
            "assign the role with 'az role assignment create --role \"\(TokenAudience.storage.readerRole)\" --assignee <identity> --scope <storage account id>'"
        case .authenticationFailed:
            "check the AccountKey or SharedAccessSignature in the storage connection string, its expiry, and this machine's clock"
        case .authorizationFailure:
            "the SAS permissions (sp needs r and l), the role assignment (Storage Blob Data Reader) or the network rules do not allow this read"
        case .containerNotFound:
            "check --blob-container and that the connection string names the right storage account"
        default:
            nil
        }
    }

    /// Maps a failed response: the code from `x-ms-error-code` first, then the XML body (HEAD has none).
    /// A 404 without a code is taken for what was asked: the blob, or for a listing the container.
    static func from(_ response: HTTPResponse, account: String, container: String, blob: String?) -> AzureStorageError {
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
