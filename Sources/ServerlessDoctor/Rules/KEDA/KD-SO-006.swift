/// pollingInterval and cooldownPeriod only matter while KEDA scales between zero (or idle) and one.
public struct IrrelevantPollingSettings: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-SO-006", platform: .keda, severity: .info,
        title: "pollingInterval/cooldownPeriod set where they have no effect",
        rationale: """
            With minReplicaCount above 0 and no idleReplicaCount, KEDA never activates or deactivates the workload; the \
            HPA does all scaling, so pollingInterval and cooldownPeriod have no effect (KEDA's webhook warns).
            """,
        fix: "Remove pollingInterval/cooldownPeriod, or tune the HPA through spec.advanced.horizontalPodAutoscalerConfig.behavior.",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              minReplicaCount: 2
              cooldownPeriod: 60
              triggers:
              - type: azure-queue
                metadata: {queueName: orders, connectionFromEnv: AzureWebJobsStorage}
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              minReplicaCount: 0
              cooldownPeriod: 60
              triggers:
              - type: azure-queue
                metadata: {queueName: orders, connectionFromEnv: AzureWebJobsStorage}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        ScaledResource.all(in: index).compactMap { resource in
            let spec = resource.object.body["spec"]
            guard !resource.isJob, (spec["minReplicaCount"].int ?? 0) > 0, spec["idleReplicaCount"].isNull else { return nil }
            let set = ["pollingInterval", "cooldownPeriod"].filter { !spec[$0].isNull }
            guard let first = set.first else { return nil }
            return Self.description.finding(resource.object, in: index, field: "spec.\(first)",
                message: "\(set.joined(separator: " and ")) \(set.count == 1 ? "has" : "have") no effect with minReplicaCount \(spec["minReplicaCount"].int!) and no idleReplicaCount: the HPA does all scaling",
                evidence: set.map { Evidence.field("spec.\($0)", spec[$0]) } + ["spec.minReplicaCount: \(spec["minReplicaCount"].int!)"])
        }
    }
}
