/// ScaledObjects do nothing without the operator and its CRDs.
public struct OperatorMissing: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-OP-001", platform: .keda, severity: .error,
        title: "KEDA objects but no KEDA operator",
        rationale: """
            ScaledObjects, ScaledJobs and TriggerAuthentications are only read by the KEDA operator. In a cluster \
            without a keda-operator Deployment (label app=keda-operator, any namespace) or without the \
            scaledobjects.keda.sh CRD, nothing scales. Manifests rarely carry the operator, so this is judged live only.
            """,
        fix: "Install KEDA (helm install keda kedacore/keda --namespace keda --create-namespace).",
        needs: .live, liveOnly: "the operator Deployment and the KEDA CRDs in the cluster",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: keda-operator
              namespace: keda
              labels: {app: keda-operator}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.20.2
                    env:
                    - {name: WATCH_NAMESPACE, value: ""}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let resources = ScaledResource.all(in: index)
        guard let first = resources.first, KedaOperator.all(in: index).isEmpty else { return [] }
        let crdMissing = index.isLive && !index.objects("CustomResourceDefinition").isEmpty
            && index.object("CustomResourceDefinition", namespace: nil, name: "scaledobjects.keda.sh") == nil
        let servedMissing = index.isLive && !index.store.servedGroupVersions.isEmpty
            && !index.store.servedGroupVersions.contains { $0.hasPrefix("keda.sh/") }
        // A plain -f of app manifests never carries the operator: judged live only.
        guard index.isLive else { return [] }
        if let unseen = index.store.controlPlanesUnseen {
            // Namespace mode without the right to look elsewhere: KEDA may well run in its own namespace.
            return [Self.description.finding(
                first.object, in: index,
                message: "could not look for the KEDA operator outside this namespace (\(unseen)); it may be installed elsewhere, so this run cannot say whether anything scales \(resources.count) KEDA object(s)",
                fix: "Run with -A, or with a user that may list Deployments in all namespaces, to check the KEDA operator.",
                evidence: ["cluster-wide Deployments: \(unseen)"], severity: .info)]
        }
        return [Self.description.finding(
            first.object, in: index,
            message: "\(resources.count) KEDA object(s) (\(resources.prefix(3).map { "\($0.object.kind) \($0.object.name)" }.joined(separator: ", "))) but no KEDA operator Deployment\(crdMissing || servedMissing ? " and no scaledobjects.keda.sh CRD" : ""): nothing will scale",
            evidence: ["no Deployment running ghcr.io/kedacore/keda found"] + (crdMissing || servedMissing ? ["CRD scaledobjects.keda.sh not served"] : []))]
    }
}
