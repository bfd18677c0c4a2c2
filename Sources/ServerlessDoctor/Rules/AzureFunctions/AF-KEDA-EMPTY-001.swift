/// A ScaledObject without triggers is rejected ("no triggers defined in the ScaledObject/ScaledJob").
public struct ScaledObjectWithoutTriggers: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-EMPTY-001", platform: .azureFunctions, alsoFor: [.keda], severity: .error,
        title: "ScaledObject or ScaledJob without triggers",
        rationale: """
            KEDA rejects a ScaledObject or ScaledJob with no triggers. `func kubernetes deploy` emits one for Durable \
            apps on the Azure Storage or Netherite backends, which have no KEDA scaler.
            """,
        fix: "Add a trigger KEDA can scale on (for Durable Functions: the mssql backend's trigger), or drop the ScaledObject and set replicas on the Deployment.",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orchestrator, namespace: functions}
            spec:
              scaleTargetRef: {name: orchestrator}
              triggers: []
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orchestrator, namespace: functions}
            spec:
              scaleTargetRef: {name: orchestrator}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        ScaledResource.all(in: index).compactMap { resource in
            guard resource.triggers.isEmpty else { return nil }
            return Self.description.finding(
                resource.object, in: index, field: "spec.triggers",
                message: "\(resource.object.kind) \(resource.object.name) has no triggers: KEDA rejects it (\"no triggers defined in the ScaledObject/ScaledJob\") and never scales \(resource.targetName ?? "the target")",
                evidence: ["spec.triggers: (empty)"])
        }
    }
}
