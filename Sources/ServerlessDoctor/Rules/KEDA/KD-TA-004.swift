import ServerlessKubernetes
import ServerlessSupport

/// Azure workload identity needs the operator pod labelled and its service account annotated.
public struct WorkloadIdentityNotOnOperator: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-TA-004", platform: .keda, severity: .warning,
        title: "azure-workload identity used but not enabled on the KEDA operator",
        rationale: """
            A TriggerAuthentication with podIdentity.provider azure-workload makes the KEDA operator itself request \
            tokens. That needs the operator's pod template labelled azure.workload.identity/use: "true" and its service \
            account annotated azure.workload.identity/client-id (chart: podIdentity.azureWorkload.enabled, clientId). \
            Without the operator's Deployment in the input, the KEDA chart's values are judged instead.
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
            """, """
            # The KEDA chart's values beside the app's objects.
            watchNamespace: ""
            podIdentity:
              azureWorkload: {enabled: true, clientId: ""}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-wi, namespace: functions}
            spec:
              podIdentity: {provider: azure-workload}
            """],
        nonTriggeringExamples: ["""
            watchNamespace: ""
            podIdentity:
              azureWorkload: {enabled: true, clientId: 00000000-0000-0000-0000-000000000000}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-wi, namespace: functions}
            spec:
              podIdentity: {provider: azure-workload}
            """, """
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
            .filter { ScaledResource.groups.contains($0.group) && TriggerAuthentication(object: $0).usesAzureWorkloadIdentity }
        guard !users.isEmpty else { return [] }
        var findings: [Finding] = []
        for keda in KedaOperator.all(in: index) {
            // Before 2.8.0 KEDA has no azure-workload provider at all: KD-TA-003 says so, a label would not help.
            if keda.isOlder(than: (2, 8)) { continue }
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
        // No rendered operator in the input: the KEDA chart's values say what it will render.
        guard KedaOperator.all(in: index).isEmpty else { return findings }
        for values in index.helmValues(.keda) {
            let (field, missing) = Self.missing(in: values.values)
            guard let field, let missing else { continue }
            findings.append(Self.description.finding(
                values, field: field,
                message: "\(users.count) TriggerAuthentication(s) use azure-workload identity (\(users.prefix(3).map(\.name).joined(separator: ", "))), but with these values the chart renders the KEDA operator without \(missing): it cannot get tokens",
                evidence: ["\(field): \(Self.shown(values.values, at: field))"]))
        }
        return findings
    }

    /// What the KEDA chart leaves out for workload identity (kedacore/charts keda/templates/manager/
    /// serviceaccount.yaml and deployment.yaml): the pod label and the service account's client-id annotation
    /// come from podIdentity.azureWorkload.enabled and .clientId, or an annotation the user adds.
    package static func missing(in values: Value) -> (String?, String?) {
        let azure = values["podIdentity"]["azureWorkload"]
        guard azure["enabled"].bool == true else {
            return ("podIdentity.azureWorkload.enabled", "the azure.workload.identity/use pod label (podIdentity.azureWorkload.enabled is not true)")
        }
        let annotations = [values["serviceAccount"]["operator"]["annotations"], values["serviceAccount"]["annotations"]]
        let annotated = annotations.contains { !$0["azure.workload.identity/client-id"].isNull }
        guard (azure["clientId"].string ?? "").isEmpty, !annotated else { return (nil, nil) }
        return ("podIdentity.azureWorkload.clientId", "the azure.workload.identity/client-id service account annotation (podIdentity.azureWorkload.clientId is empty)")
    }

    package static func shown(_ values: Value, at path: String) -> String {
        let value = path.split(separator: ".").reduce(values) { $0[String($1)] }
        switch value {
        case .null: return "(not set)"
        case let .bool(flag): return String(flag)
        case let .string(text): return text.isEmpty ? "\"\"" : text
        default: return "\(value)"
        }
    }
}
