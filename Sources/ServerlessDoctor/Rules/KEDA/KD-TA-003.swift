import ServerlessKubernetes

/// Pod identity providers KEDA knows; `azure` (AAD pod identity) was removed in 2.15.
public struct PodIdentityProvider: Rule {
    public init() {}

    package static let valid: Set<String> = ["none", "azure-workload", "aws", "aws-eks", "gcp"]

    public static let description = RuleDescription(
        id: "KD-TA-003", platform: .keda, severity: .error,
        title: "Unknown or removed podIdentity provider",
        rationale: """
            podIdentity.provider is one of none, azure-workload, aws, aws-eks (deprecated, removed in v3) and gcp. \
            azure (AAD pod identity) and aws-kiam were removed in KEDA 2.15.0; any other value fails the trigger. When \
            every KEDA operator found is older than 2.15.0, azure and aws-kiam still work and are not reported; when \
            every one is older than 2.8.0, azure-workload is not yet known.
            """,
        fix: "Use podIdentity.provider: azure-workload (Azure workload identity) or another supported provider.",
        references: ["kedacore/keda#5035"],
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh, namespace: functions}
            spec:
              podIdentity: {provider: azure}
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh, namespace: functions}
            spec:
              podIdentity: {provider: azure-workload}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        (index.objects("TriggerAuthentication") + index.objects("ClusterTriggerAuthentication")).compactMap { auth in
            guard ScaledResource.groups.contains(auth.group), let provider = TriggerAuthentication(object: auth).podIdentityProvider else { return nil }
            let field = "spec.podIdentity.provider"
            if provider == "aws-eks" {
                return Self.description.finding(auth, in: index, field: field,
                    message: "podIdentity.provider aws-eks is deprecated and will be removed in KEDA v3",
                    fix: "Use podIdentity.provider: aws.", evidence: ["\(field): aws-eks"], severity: .warning)
            }
            // kedacore/keda CHANGELOG v2.8.0: "Support for Azure AD Workload Identity as a pod identity provider" (#2487).
            if provider == "azure-workload", KedaOperator.allOlder(than: (2, 8), in: index) {
                let versions = KedaOperator.all(in: index).compactMap(\.version)
                return Self.description.finding(auth, in: index, field: field,
                    message: "podIdentity.provider azure-workload came in KEDA 2.8.0; the KEDA found here (\(versions.joined(separator: ", "))) does not know it: triggers using \(auth.name) get no identity",
                    fix: "Upgrade KEDA to a current release (helm install keda kedacore/keda).",
                    evidence: ["\(field): azure-workload"] + versions.map { "KEDA operator version: \($0)" })
            }
            guard !Self.valid.contains(provider) else { return nil }
            // kedacore/keda CHANGELOG v2.15.0: "AAD-Pod-Identity and AWS-KIAM auths have been removed" (#5035).
            if provider == "azure" || provider == "aws-kiam", KedaOperator.allOlder(than: (2, 15), in: index) { return nil }
            return Self.description.finding(auth, in: index, field: field,
                message: provider == "azure" || provider == "aws-kiam"
                    ? "podIdentity.provider \(provider) was removed in KEDA 2.15.0: triggers using \(auth.name) get no identity"
                    : "podIdentity.provider \(provider) is not one KEDA knows (none, azure-workload, aws, aws-eks, gcp)",
                fix: provider == "azure" ? "Move to Azure workload identity: podIdentity.provider: azure-workload (and label the operator pod azure.workload.identity/use: \"true\")." : "Set \(field) to none, azure-workload, aws or gcp.",
                evidence: ["\(field): \(provider)"])
        }
    }
}
