/// A TriggerAuthentication or ClusterTriggerAuthentication: the parameters it provides and its identity provider.
public struct TriggerAuthentication: Sendable {
    public var object: KubeObject

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

    public var podIdentityProvider: String? { object.body["spec"]["podIdentity"]["provider"].string }

    package init(object: KubeObject) {
        self.object = object
    }
}
