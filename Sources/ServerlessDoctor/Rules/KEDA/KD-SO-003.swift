import ServerlessKubernetes

/// One workload, one autoscaler: two ScaledObjects (or a ScaledObject and a foreign HPA) fight.
public struct CompetingAutoscalers: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-SO-003", platform: .keda, severity: .error,
        title: "Workload scaled by two ScaledObjects or by a ScaledObject and another HPA",
        rationale: """
            KEDA's webhook rejects a second ScaledObject on the same workload ("already managed by the ScaledObject") \
            and a ScaledObject on a workload another HPA manages, unless the HPA is handed over with \
            scaledobject.keda.sh/transfer-hpa-ownership: "true" and advanced.horizontalPodAutoscalerConfig.name. \
            Without the webhook the autoscalers fight over replicas.
            """,
        fix: "Keep one ScaledObject per workload (merge the triggers), delete the other HPA, or transfer it with the transfer-hpa-ownership annotation.",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: orders}
              minReplicas: 1
              maxReplicas: 5
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: keda-hpa-orders, namespace: functions}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: orders}
              minReplicas: 1
              maxReplicas: 5
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let autoscalers = index.autoscalersByTarget()
        for (target, resources) in ScaledResource.byTarget(in: index).sorted(by: { $0.key.name < $1.key.name }) {
            let sorted = resources.sorted { $0.object.name < $1.object.name }
            for extra in sorted.dropFirst() {
                findings.append(Self.description.finding(extra.object, in: index, field: "spec.scaleTargetRef.name",
                    message: "\(target.kind) \(target.name) is already scaled by ScaledObject \(sorted[0].object.name): KEDA rejects this one (\"already managed by the ScaledObject\")",
                    fix: "Merge the triggers into ScaledObject \(sorted[0].object.name) and delete this one.",
                    evidence: sorted.map { "ScaledObject \($0.object.name) scaleTargetRef.name: \(target.name)" }))
            }
            let owned = Set(sorted.map { $0.object.body["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["name"].string ?? "keda-hpa-\($0.object.name)" })
            for hpa in autoscalers[target] ?? [] where !owned.contains(hpa.name) {
                let transfer = sorted.contains { $0.object.annotations["scaledobject.keda.sh/transfer-hpa-ownership"] == "true" }
                guard !transfer else { continue }
                findings.append(Self.description.finding(sorted[0].object, in: index, field: "spec.scaleTargetRef.name",
                    message: "\(target.kind) \(target.name) is also scaled by HorizontalPodAutoscaler \(hpa.name): KEDA rejects the ScaledObject (\"already managed by the hpa\"), or both fight over replicas",
                    fix: "Delete HPA \(hpa.name), or hand it to KEDA: annotate the ScaledObject scaledobject.keda.sh/transfer-hpa-ownership: \"true\" and set spec.advanced.horizontalPodAutoscalerConfig.name: \(hpa.name).",
                    evidence: ["HorizontalPodAutoscaler \(hpa.name) scaleTargetRef.name: \(target.name)"]))
            }
        }
        return findings
    }
}
