/// Azure workload identity needs the operator pod labelled and its service account annotated.
public struct WorkloadIdentityNotOnOperator: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-TA-004", platform: .keda, severity: .warning,
        title: "azure-workload identity used but not enabled on the KEDA operator",
        rationale: """
            A TriggerAuthentication with podIdentity.provider azure-workload makes the KEDA operator itself request \
            tokens. That needs the operator's pod template labelled azure.workload.identity/use: "true" and its service \
            account annotated azure.workload.identity/client-id (chart: podIdentity.azureWorkload.enabled, clientId).
            """,
        fix: "helm upgrade keda with --set podIdentity.azureWorkload.enabled=true --set podIdentity.azureWorkload.clientId=<client id>.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                metadata:
                  labels: {app: keda-operator}
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.20.2
                    env:
                    - {name: WATCH_NAMESPACE, value: ""}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-wi, namespace: functions}
            spec:
              podIdentity: {provider: azure-workload}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                metadata:
                  labels: {app: keda-operator, azure.workload.identity/use: "true"}
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.20.2
                    env:
                    - {name: WATCH_NAMESPACE, value: ""}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-wi, namespace: functions}
            spec:
              podIdentity: {provider: azure-workload}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let users = (index.objects("TriggerAuthentication") + index.objects("ClusterTriggerAuthentication"))
            .filter { ScaledResource.groups.contains($0.group) && TriggerAuthentication(object: $0).podIdentityProvider == "azure-workload" }
        guard !users.isEmpty else { return [] }
        var findings: [Finding] = []
        for keda in KedaOperator.all(in: index) {
            var missing: [String] = []
            if keda.workload.podLabels["azure.workload.identity/use"] != "true" {
                missing.append("pod label azure.workload.identity/use: \"true\"")
            }
            let accountName = keda.workload.podSpec["serviceAccountName"].string ?? "default"
            if let account = index.object("ServiceAccount", namespace: index.namespace(of: keda.workload.object), name: accountName),
               account.annotations["azure.workload.identity/client-id"] == nil {
                missing.append("annotation azure.workload.identity/client-id on ServiceAccount \(accountName)")
            }
            guard !missing.isEmpty else { continue }
            findings.append(Self.description.finding(
                keda.workload.object, in: index, field: "spec.template.metadata.labels",
                message: "\(users.count) TriggerAuthentication(s) use azure-workload identity (\(users.prefix(3).map(\.name).joined(separator: ", "))), but the KEDA operator lacks \(missing.joined(separator: " and ")): it cannot get tokens",
                evidence: missing.map { "missing: \($0)" }))
        }
        return findings
    }
}
