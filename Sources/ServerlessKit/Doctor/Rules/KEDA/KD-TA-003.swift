/// Pod identity providers KEDA knows; `azure` (AAD pod identity) was removed in 2.15.
public struct PodIdentityProvider: Rule {
    public init() {}

    static let valid: Set<String> = ["none", "azure-workload", "aws", "aws-eks", "gcp"]

    public static let description = RuleDescription(
        id: "KD-TA-003", platform: .keda, severity: .error,
        title: "Unknown or removed podIdentity provider",
        rationale: """
            podIdentity.provider is one of none, azure-workload, aws, aws-eks (deprecated, removed in v3) and gcp. \
            azure (AAD pod identity) and aws-kiam were removed in KEDA 2.15.0; any other value fails the trigger.
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
            guard !Self.valid.contains(provider) else { return nil }
            return Self.description.finding(auth, in: index, field: field,
                message: provider == "azure" || provider == "aws-kiam"
                    ? "podIdentity.provider \(provider) was removed in KEDA 2.15.0: triggers using \(auth.name) get no identity"
                    : "podIdentity.provider \(provider) is not one KEDA knows (none, azure-workload, aws, aws-eks, gcp)",
                fix: provider == "azure" ? "Move to Azure workload identity: podIdentity.provider: azure-workload (and label the operator pod azure.workload.identity/use: \"true\")." : "Set \(field) to none, azure-workload, aws or gcp.",
                evidence: ["\(field): \(provider)"])
        }
    }
}
