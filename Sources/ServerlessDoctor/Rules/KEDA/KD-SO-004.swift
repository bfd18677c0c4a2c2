/// cpu and memory scalers read the HPA's resource metrics: they cannot wake a workload from zero and need
/// the container's resource request.
public struct ResourceTriggerMisuse: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-SO-004", platform: .keda, severity: .error,
        title: "cpu/memory triggers that cannot work",
        rationale: """
            A ScaledObject with only cpu/memory triggers cannot scale to or from zero ("scale to zero doesn't work in \
            this case"), so minReplicaCount 0 (the default) is rejected; and a cpu or memory trigger needs the target \
            container to request that resource ("the container ... doesn't have the cpu request defined").
            """,
        fix: "Set minReplicaCount: 1 or more (or add an event trigger), and give the target container resources.requests for cpu/memory.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - {name: orders, image: example.azurecr.io/orders:1.0}
            ---
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
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    resources: {requests: {cpu: 250m}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              minReplicaCount: 1
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) where !resource.isJob {
            let object = resource.object
            let types = resource.triggers.map(\.type)
            let resourceTypes = types.filter { $0 == "cpu" || $0 == "memory" }
            guard !resourceTypes.isEmpty else { continue }
            if resourceTypes.count == types.count, (object.body["spec"]["minReplicaCount"].int ?? 0) == 0 {
                findings.append(Self.description.finding(object, in: index, field: "spec.triggers",
                    message: "only \(Set(resourceTypes).sorted().joined(separator: "/")) triggers and minReplicaCount 0: KEDA rejects it (scale to zero doesn't work with resource metrics)",
                    fix: "Set spec.minReplicaCount: 1, or add an event trigger that can wake the workload.",
                    evidence: [Evidence.field("spec.minReplicaCount", object.body["spec"]["minReplicaCount"]), "spec.triggers types: \(types.joined(separator: ", "))"]))
            }
            guard let workload = resource.target(in: index) else { continue }
            let named = object.body["spec"]["triggers"].array.compactMap { $0["metadata"]["containerName"].string }
            for type in Set(resourceTypes).sorted() {
                for container in workload.containers where named.isEmpty || named.contains(container.name) {
                    guard container.value["resources"]["requests"][type].isNull else { continue }
                    findings.append(Self.description.finding(workload.object, in: index, field: container.path,
                        message: "ScaledObject \(object.name) has a \(type) trigger but container \(container.name) requests no \(type): KEDA rejects it, and the HPA cannot compute utilisation",
                        fix: "Set \(container.path).resources.requests.\(type).",
                        evidence: ["\(container.path).resources.requests.\(type): (not set)"]))
                }
            }
        }
        return findings
    }
}
