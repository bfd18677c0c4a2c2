import ServerlessKubernetes
import ServerlessSupport

/// With KEDA_RESTRICT_SECRET_ACCESS=true the operator reads Secrets only in its own namespace.
public struct RestrictedSecretAccess: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-OP-006", platform: .keda, severity: .error,
        title: "Secrets KEDA may not read under KEDA_RESTRICT_SECRET_ACCESS",
        rationale: """
            With KEDA_RESTRICT_SECRET_ACCESS=true (chart permissions.operator.restrict.secret) the operator reads \
            Secrets only in its cluster-object namespace: workload env from secretKeyRef/envFrom.secretRef in other \
            namespaces is skipped, and every TriggerAuthentication secretTargetRef is looked up by name in KEDA's \
            namespace, so app-namespace Secrets resolve to empty.
            """,
        fix: "Move the Secret into KEDA's namespace and reference it from a ClusterTriggerAuthentication, or turn the restriction off.",
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
                    - {name: WATCH_NAMESPACE, value: ""}
                    - {name: KEDA_RESTRICT_SECRET_ACCESS, value: "true"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-auth, namespace: functions}
            spec:
              secretTargetRef:
              - {parameter: connection, name: orders, key: EventHubConnection}
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
                    - {name: WATCH_NAMESPACE, value: ""}
                    - {name: KEDA_RESTRICT_SECRET_ACCESS, value: "true"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ClusterTriggerAuthentication
            metadata: {name: orders-eh-auth}
            spec:
              secretTargetRef:
              - {parameter: connection, name: orders, key: EventHubConnection}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        guard let keda = KedaOperator.all(in: index).first(where: { $0.env["KEDA_RESTRICT_SECRET_ACCESS"].literal?.lowercased() == "true" }),
              let home = keda.clusterObjectNamespace(in: index) else { return [] }
        var findings: [Finding] = []
        for auth in index.objects("TriggerAuthentication") where ScaledResource.groups.contains(auth.group) {
            guard let namespace = index.namespace(of: auth), namespace != home, !auth.body["spec"]["secretTargetRef"].array.isEmpty else { continue }
            findings.append(Self.description.finding(auth, in: index, field: "spec.secretTargetRef",
                message: "KEDA_RESTRICT_SECRET_ACCESS is true: KEDA looks these Secrets up in \(home), not in \(namespace), so the parameters resolve to empty",
                evidence: ["KEDA_RESTRICT_SECRET_ACCESS=true on \(keda.workload.object.name)"] + auth.body["spec"]["secretTargetRef"].array.compactMap { $0["name"].string.map { "secretTargetRef name: \($0)" } }))
        }
        for resource in ScaledResource.all(in: index) {
            guard let (workload, container) = resource.envContainer(in: index), let namespace = index.namespace(of: workload.object), namespace != home else { continue }
            let secretEnv = container.env.filter { !$0.valueFrom["secretKeyRef"].isNull }.map(\.name) + container.envFrom.filter { $0.kind == .secret }.map { "envFrom \($0.name)" }
            let used = resource.triggers.flatMap { $0.metadata.members.filter { $0.key.hasSuffix("FromEnv") }.compactMap { $0.value.string } }
            guard !secretEnv.isEmpty, !used.isEmpty else { continue }
            findings.append(Self.description.finding(resource.object, in: index, field: "spec.triggers",
                message: "KEDA_RESTRICT_SECRET_ACCESS is true: KEDA skips Secret-backed env of \(workload.object.name) in \(namespace), so \(used.joined(separator: ", ")) may resolve to empty",
                evidence: ["KEDA_RESTRICT_SECRET_ACCESS=true on \(keda.workload.object.name)"] + secretEnv.map { "\(container.path): \($0) from a Secret" }))
        }
        return findings
    }
}
