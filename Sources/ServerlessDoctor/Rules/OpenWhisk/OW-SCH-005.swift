/// Instance counts are baked into env at helm time; scaling the StatefulSet by hand breaks them.
public struct InstanceCountMismatch: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-SCH-005", platform: .openwhisk, severity: .warning,
        title: "Replica count differs from the configured instance count",
        rationale: """
            The chart writes SCHEDULER_INSTANCES / CONTROLLER_INSTANCES and, for one replica, a single seed node \
            (CONFIG_akka_cluster_seedNodes_0=...$(POD_IP)...). Scaling the StatefulSet with kubectl scale instead of \
            helm leaves them stale: each pod seeds its own cluster.
            """,
        fix: "Change the replica count through helm (scheduler.replicaCount / controller.replicaCount) so the instance count and cluster bootstrap settings follow.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-scheduler, namespace: openwhisk}
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: scheduler
                    image: openwhisk/scheduler:ef725a6
                    env:
                    - {name: SCHEDULER_INSTANCES, value: "1"}
                    - {name: CONFIG_akka_cluster_seedNodes_0, value: "akka://scheduler-actor-system@$(POD_IP):25520"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-scheduler, namespace: openwhisk}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - name: scheduler
                    image: openwhisk/scheduler:ef725a6
                    env:
                    - {name: SCHEDULER_INSTANCES, value: "1"}
                    - {name: CONFIG_akka_cluster_seedNodes_0, value: "akka://scheduler-actor-system@$(POD_IP):25520"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        OpenWhiskComponent.all(in: index).compactMap { component in
            guard component.role != .invoker else { return nil }
            let replicas = component.workload.replicas ?? 1
            let name = component.role == .scheduler ? "SCHEDULER_INSTANCES" : "CONTROLLER_INSTANCES"
            let instances = component.env[name]
            var evidence: [String] = ["spec.replicas: \(replicas)"]
            if let text = instances.literal, let count = Int64(text), count != replicas { evidence.append(instances.evidence!) }
            let seed = component.env["CONFIG_akka_cluster_seedNodes_0"]
            if replicas > 1, let value = seed.literal, value.contains("$(POD_IP)"),
               component.env["CONFIG_whisk_cluster_useClusterBootstrap"].literal != "true" {
                evidence.append(seed.evidence!)
            }
            guard evidence.count > 1 else { return nil }
            return Self.description.finding(component.workload.object, in: index, field: "spec.replicas",
                message: "the \(component.role.rawValue) StatefulSet has \(replicas) replica(s) but its env was rendered for another count (\(evidence.dropFirst().joined(separator: "; "))): the pods do not form one cluster",
                fix: "Set \(component.role.rawValue).replicaCount: \(replicas) in the helm values and helm upgrade (or scale back to the rendered count).",
                evidence: evidence)
        }
    }
}
