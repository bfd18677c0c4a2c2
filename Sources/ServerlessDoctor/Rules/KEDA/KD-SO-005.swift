import ServerlessKEDA

/// Specifications KEDA's admission webhook rejects.
public struct InvalidScaledObjectSpec: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-SO-005", platform: .keda, severity: .error,
        title: "ScaledObject replica counts, trigger names or name length KEDA rejects",
        rationale: """
            KEDA rejects minReplicaCount > maxReplicaCount, idleReplicaCount >= minReplicaCount, the same trigger name \
            twice, and ScaledObject names longer than 63 characters (the HPA keda-hpa-<name> must fit too). Without the \
            webhook the ScaledObject goes Ready=False with ScaledObjectCheckFailed.
            """,
        fix: "Make minReplicaCount <= maxReplicaCount, idleReplicaCount < minReplicaCount, trigger names unique, and the name at most 63 characters.",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              minReplicaCount: 5
              maxReplicaCount: 2
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
              minReplicaCount: 1
              maxReplicaCount: 5
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) where !resource.isJob {
            let object = resource.object, spec = object.body["spec"]
            let minimum = spec["minReplicaCount"].int ?? Int64(KEDADefaults.minReplicaCount)
            let maximum = spec["maxReplicaCount"].int ?? Int64(KEDADefaults.maxReplicaCount)
            if minimum > maximum {
                findings.append(Self.description.finding(object, in: index, field: "spec.minReplicaCount",
                    message: "minReplicaCount \(minimum) is more than maxReplicaCount \(maximum): KEDA rejects the ScaledObject",
                    fix: "Set minReplicaCount to at most \(maximum), or raise maxReplicaCount.",
                    evidence: ["spec.minReplicaCount: \(minimum)", "spec.maxReplicaCount: \(maximum)"]))
            }
            if let idle = spec["idleReplicaCount"].int, idle >= minimum {
                findings.append(Self.description.finding(object, in: index, field: "spec.idleReplicaCount",
                    message: "idleReplicaCount \(idle) must be less than minReplicaCount \(minimum): KEDA rejects the ScaledObject",
                    fix: "Set idleReplicaCount below minReplicaCount (usually 0 with minReplicaCount 1).",
                    evidence: ["spec.idleReplicaCount: \(idle)", "spec.minReplicaCount: \(minimum)"]))
            }
            var names: Set<String> = []
            for trigger in resource.triggers {
                guard let name = trigger.value["name"].string, !name.isEmpty else { continue }
                if !names.insert(name).inserted {
                    findings.append(Self.description.finding(object, in: index, field: "\(trigger.path).name",
                        message: "trigger name \(name) is used twice: KEDA rejects the ScaledObject (\"triggerName \\\"\(name)\\\" is defined multiple times\")",
                        fix: "Give every trigger a unique name.", evidence: ["\(trigger.path).name: \(name)"]))
                }
            }
            if object.name.count > 63 {
                findings.append(Self.description.finding(object, in: index, field: "metadata.name",
                    message: "the name is \(object.name.count) characters: KEDA rejects ScaledObject names longer than 63",
                    fix: "Rename the ScaledObject to at most 63 characters.", evidence: ["metadata.name: \(object.name)"]))
            }
        }
        return findings
    }
}
