import Foundation
import ServerlessSupport

/// The environment variables the Azure SDKs read for Entra ID credentials (azure-identity
/// `_constants.EnvironmentVariables`; MSAL Python `managed_identity.py` for the managed identity ones).
public struct EntraEnvironment: Sendable {
    public static let publicAuthority = "https://login.microsoftonline.com"
    /// MSAL Python `_obtain_token_on_azure_vm`: `AZURE_POD_IDENTITY_AUTHORITY_HOST`, else the link-local IMDS.
    public static let defaultIMDSHost = "http://169.254.169.254"

    public let tenantID: String?
    public let clientID: String?
    public let clientSecret: Secret?
    public let federatedTokenFile: String?
    /// Without a trailing `/`.
    public let authority: String
    public let identityEndpoint: String?
    public let identityHeader: Secret?
    public let imdsHost: String
    /// PATH, for finding `az`.
    public let path: String

    public init(_ variables: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let text = variables[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        tenantID = value("AZURE_TENANT_ID")
        clientID = value("AZURE_CLIENT_ID")
        clientSecret = value("AZURE_CLIENT_SECRET").map(Secret.init)
        federatedTokenFile = value("AZURE_FEDERATED_TOKEN_FILE")
        authority = try Self.normalizeAuthority(value("AZURE_AUTHORITY_HOST") ?? Self.publicAuthority)
        identityEndpoint = value("IDENTITY_ENDPOINT")
        identityHeader = value("IDENTITY_HEADER").map(Secret.init)
        var imds = value("AZURE_POD_IDENTITY_AUTHORITY_HOST") ?? Self.defaultIMDSHost
        while imds.hasSuffix("/") { imds.removeLast() }
        imdsHost = imds
        path = variables["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    }

    /// azure-identity `_internal/utils.py` `normalize_authority`: no scheme means https; any scheme
    /// other than https is refused; trailing `/` and spaces are dropped.
    package static func normalizeAuthority(_ text: String) throws -> String {
        var authority = text
        if let range = authority.range(of: "://") {
            guard authority[..<range.lowerBound].lowercased() == "https" else {
                throw EntraCredentialError.input(
                    "AZURE_AUTHORITY_HOST '\(text)' is an invalid authority: it must be a TLS protected (https) URL")
            }
        } else {
            authority = "https://" + authority
        }
        while authority.hasSuffix("/") || authority.hasSuffix(" ") { authority.removeLast() }
        return authority
    }

    /// The variables a source still needs, empty when it is configured. Managed identity and the Azure
    /// CLI need none: whether they work shows only when asked.
    public func missingVariables(for source: AzureCredentialSource) -> [String] {
        func missing(_ pairs: [(String, Bool)]) -> [String] { pairs.filter { !$0.1 }.map(\.0) }
        switch source {
        case .clientSecret:
            return missing([("AZURE_TENANT_ID", tenantID != nil), ("AZURE_CLIENT_ID", clientID != nil),
                            ("AZURE_CLIENT_SECRET", clientSecret != nil)])
        case .workloadIdentity:
            return missing([("AZURE_TENANT_ID", tenantID != nil), ("AZURE_CLIENT_ID", clientID != nil),
                            ("AZURE_FEDERATED_TOKEN_FILE", federatedTokenFile != nil)])
        case .managedIdentity, .azureCLI:
            return []
        }
    }

    /// App Service's form (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`) wins over IMDS, as in MSAL's `_obtain_token`.
    package var usesAppServiceIdentity: Bool { identityEndpoint != nil && identityHeader != nil }
}
