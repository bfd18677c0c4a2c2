import Foundation
import ServerlessKubernetes

/// The operator reconciles only the namespaces in WATCH_NAMESPACE; anything else is never scaled.
public struct OutsideWatchedNamespaces: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-OP-003", platform: .keda, severity: .error,
        title: "KEDA object outside the operator's WATCH_NAMESPACE",
        rationale: """
            With WATCH_NAMESPACE set, the KEDA operator only reconciles ScaledObjects, ScaledJobs and \
            TriggerAuthentications in those namespaces (a comma-separated list since 2.14.0; before that a list is one \
            namespace name that matches nothing). Objects elsewhere get no status, no HPA, and never scale. The chart \
            does not add its own release namespace to the list (kedacore/charts#748). Without the operator's \
            Deployment in the input, the KEDA chart's watchNamespace value is judged instead.
            """,
        fix: "Add the namespace to WATCH_NAMESPACE (helm: --set watchNamespace=ns1,ns2), or move the object into a watched namespace.",
        references: ["kedacore/keda#5631", "kedacore/charts#748"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.20.2
                    env:
                    - {name: WATCH_NAMESPACE, value: "functions,payments"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: billing, namespace: keda}
            spec:
              scaleTargetRef: {name: billing}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """, """
            # The KEDA chart's values beside the app's objects.
            watchNamespace: functions
            metricsServer: {replicaCount: 1}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: billing, namespace: billing}
            spec:
              scaleTargetRef: {name: billing}
              triggers:
              - {type: cpu, metadata: {type: Utilization, value: "60"}}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.20.2
                    env:
                    - {name: WATCH_NAMESPACE, value: "functions,payments"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: billing, namespace: payments}
            spec:
              scaleTargetRef: {name: billing}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let watched = index.objects("ScaledObject") + index.objects("ScaledJob") + index.objects("TriggerAuthentication")
        for keda in KedaOperator.all(in: index) {
            guard let namespaces = keda.watchedNamespaces else { continue }
            let raw = keda.env["WATCH_NAMESPACE"]
            let listUnsupported = keda.readsWatchListAsOneName
            let effective = listUnsupported ? [raw.literal ?? ""] : namespaces
            for object in watched where ScaledResource.groups.contains(object.group) {
                guard let namespace = index.namespace(of: object), !effective.contains(namespace) else { continue }
                findings.append(Self.description.finding(
                    object, in: index, field: "metadata",
                    message: listUnsupported
                        ? "KEDA \(keda.version ?? "") reads WATCH_NAMESPACE \"\(raw.literal ?? "")\" as one namespace name (lists need 2.14.0+): \(object.kind) \(object.name) in \(namespace) is never reconciled"
                        : "the KEDA operator (\(keda.workload.object.kind) \(index.namespace(of: keda.workload.object) ?? "")/\(keda.workload.object.name)) watches only \(namespaces.joined(separator: ", ")): \(object.kind) \(object.name) in \(namespace) is never reconciled",
                    fix: listUnsupported
                        ? "Upgrade KEDA to 2.14.0 or newer, or watch a single namespace (WATCH_NAMESPACE=\(namespace)) or all (\"\")."
                        : "Add \(namespace) to WATCH_NAMESPACE (helm: --set watchNamespace=\((namespaces + [namespace]).joined(separator: "\\,"))), or move \(object.kind) \(object.name) into \(namespaces.joined(separator: " or ")).",
                    evidence: [raw.evidence ?? "WATCH_NAMESPACE", "metadata.namespace: \(namespace)"]))
            }
        }
        // No rendered operator in the input: the KEDA chart's watchNamespace is what WATCH_NAMESPACE will be
        // (kedacore/charts keda/templates/manager/deployment.yaml).
        guard KedaOperator.all(in: index).isEmpty else { return findings }
        for values in index.helmValues(.keda) {
            let namespaces = (values.values["watchNamespace"].string ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !namespaces.isEmpty else { continue }
            for object in watched where ScaledResource.groups.contains(object.group) {
                guard let namespace = index.namespace(of: object), !namespaces.contains(namespace) else { continue }
                findings.append(Self.description.finding(
                    object, in: index, field: "metadata",
                    message: "\(values.file) sets watchNamespace \(namespaces.joined(separator: ",")), so the KEDA operator watches only \(namespaces.joined(separator: ", ")): \(object.kind) \(object.name) in \(namespace) is never reconciled",
                    fix: "Add \(namespace) to watchNamespace in \(values.file) (--set watchNamespace=\((namespaces + [namespace]).joined(separator: "\\,"))), or move \(object.kind) \(object.name) into \(namespaces.joined(separator: " or ")).",
                    evidence: ["\(values.file): watchNamespace: \(values.values["watchNamespace"].string ?? "")", "metadata.namespace: \(namespace)"]))
            }
        }
        return findings
    }
}
