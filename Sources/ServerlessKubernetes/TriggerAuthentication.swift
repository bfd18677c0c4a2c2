import ServerlessSupport

/// A TriggerAuthentication or ClusterTriggerAuthentication as KEDA's `resolveAuthRef` reads it
/// (kedacore/keda pkg/scaling/resolver/scale_resolvers.go): the parameters it provides and its identity provider.
/// `TriggerInputsResolver` reads the values through it; the doctor's rules read the same names.
public struct TriggerAuthentication: Sendable {
    public var object: KubeObject

    /// Sources KEDA reads that need more than the objects: a vault, a file in KEDA's pod, a token request.
    public static let sourcesReadElsewhere = ["hashiCorpVault", "azureKeyVault", "gcpSecretManager", "awsSecretManager",
                                              "boundServiceAccountToken", "filePath", "oauth2"]

    /// `parameter` of every source (secretTargetRef, env, configMapTargetRef, vault secrets...).
    public var parameters: Set<String> {
        let spec = object.body["spec"]
        var out: Set<String> = []
        for list in ["secretTargetRef", "env", "configMapTargetRef", "boundServiceAccountToken"] {
            for item in spec[list].array { if let parameter = item["parameter"].string { out.insert(parameter) } }
        }
        for vault in ["azureKeyVault", "hashiCorpVault", "gcpSecretManager", "awsSecretManager"] {
            for item in spec[vault]["secrets"].array { if let parameter = item["parameter"].string { out.insert(parameter) } }
        }
        return out
    }

    /// The sources of `sourcesReadElsewhere` it sets: their parameters cannot be resolved here.
    public var unresolvedSources: [String] {
        Self.sourcesReadElsewhere.filter { !object.body["spec"][$0].isNull }
    }

    /// `spec.podIdentity.provider` as written (`azure-workload`, `none`, ...).
    public var podIdentityProvider: String? { object.body["spec"]["podIdentity"]["provider"].string }

    /// Whether KEDA authenticates with Azure workload identity (`podIdentity.provider: azure-workload`).
    public var usesAzureWorkloadIdentity: Bool { podIdentityProvider == "azure-workload" }

    package init(object: KubeObject) {
        self.object = object
    }
}
