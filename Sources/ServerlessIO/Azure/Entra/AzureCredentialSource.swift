/// Where an Entra ID token comes from, in DefaultAzureCredential's order (azure-identity
/// `_credentials/default.py`: environment, workload identity, managed identity, ..., Azure CLI).
public enum AzureCredentialSource: String, Sendable, CaseIterable {
    case clientSecret = "client-secret"
    case workloadIdentity = "workload-identity"
    case managedIdentity = "managed-identity"
    case azureCLI = "azure-cli"

    /// For `-v` and errors: which source gave (or failed to give) a token.
    public var displayName: String {
        switch self {
        case .clientSecret: "client secret (AZURE_CLIENT_SECRET)"
        case .workloadIdentity: "workload identity (AZURE_FEDERATED_TOKEN_FILE)"
        case .managedIdentity: "managed identity"
        case .azureCLI: "Azure CLI"
        }
    }
}

/// `--azure-credential`: one source, or `auto` (the first that is configured).
public enum AzureCredentialChoice: Sendable, Equatable {
    case auto
    case only(AzureCredentialSource)

    public init?(_ text: String) {
        if text == "auto" { self = .auto; return }
        guard let source = AzureCredentialSource(rawValue: text) else { return nil }
        self = .only(source)
    }

    public static let names = ["auto"] + AzureCredentialSource.allCases.map(\.rawValue)
}
