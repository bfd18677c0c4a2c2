/// The paused annotations stop KEDA from scaling; easy to forget after maintenance.
public struct ScalingPaused: Rule {
    public init() {}

    package static let annotations = ["autoscaling.keda.sh/paused", "autoscaling.keda.sh/paused-replicas",
                              "autoscaling.keda.sh/paused-scale-in", "autoscaling.keda.sh/paused-scale-out"]

    public static let description = RuleDescription(
        id: "KD-SO-007", platform: .keda, severity: .info,
        title: "Scaling is paused by annotation",
        rationale: """
            autoscaling.keda.sh/paused, paused-replicas, paused-scale-in and paused-scale-out stop KEDA from scaling (or \
            pin the replica count). Worth knowing when the object does not scale.
            """,
        fix: "Remove the autoscaling.keda.sh/paused* annotations to resume scaling.",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: orders
              namespace: functions
              annotations: {autoscaling.keda.sh/paused-replicas: "0"}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
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
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        ScaledResource.all(in: index).compactMap { resource in
            let present = Self.annotations.filter { key in
                guard let value = resource.object.annotations[key] else { return false }
                return key.hasSuffix("replicas") || value.lowercased() != "false"
            }
            guard !present.isEmpty else { return nil }
            return Self.description.finding(
                resource.object, in: index, field: "metadata.annotations",
                message: "scaling of \(resource.object.kind) \(resource.object.name) is paused (\(present.joined(separator: ", ")))",
                fix: "Remove \(present.joined(separator: ", ")) to resume scaling.",
                evidence: present.map { "metadata.annotations.\($0): \(resource.object.annotations[$0] ?? "")" })
        }
    }
}
