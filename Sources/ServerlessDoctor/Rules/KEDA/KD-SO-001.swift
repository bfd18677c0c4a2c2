import ServerlessKubernetes

/// A ScaledObject scales the workload named in `scaleTargetRef`; without it KEDA has nothing to scale.
public struct ScaleTargetMissing: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-SO-001", platform: .keda, severity: .error,
        title: "scaleTargetRef missing or naming no workload",
        rationale: """
            spec.scaleTargetRef.name is required ("ScaledObject.spec.scaleTargetRef.name is missing"); a name that \
            matches no workload gives ScaledObjectCheckFailed "Target resource doesn't exist". On manifests, a target \
            not among the files is a warning, and only when the files hold other workloads in that namespace.
            """,
        fix: "Set spec.scaleTargetRef.name (and kind, for anything but a Deployment) to the workload to scale.",
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
              scaleTargetRef: {name: order}
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
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let populated = Set(index.workloads.compactMap { index.namespace(of: $0.object) })
        return ScaledResource.all(in: index).compactMap { resource in
            guard !resource.isJob else { return nil }
            let object = resource.object
            // A KEDA v1 object (keda.k8s.io, scaleTargetRef.deploymentName) is never read by KEDA v2 at all:
            // AF-KEDA-V1-001 says so; its scaleTargetRef is not the problem. One cause, one finding.
            guard object.group != "keda.k8s.io", object.body["spec"]["scaleTargetRef"]["deploymentName"].isNull else { return nil }
            guard let name = resource.targetName, !name.isEmpty else {
                return Self.description.finding(object, in: index, field: "spec.scaleTargetRef",
                    message: "spec.scaleTargetRef.name is missing: KEDA rejects the ScaledObject",
                    evidence: ["spec.scaleTargetRef.name: (not set)"])
            }
            guard Workload.kinds.contains(resource.targetKind) else { return nil }  // custom /scale resources
            let namespace = index.namespace(of: object)
            switch index.lookup(resource.targetKind, namespace: namespace, name: name) {
            case .missing:
                return Self.description.finding(object, in: index, field: "spec.scaleTargetRef.name",
                    message: "\(resource.targetKind) \(namespace ?? "")/\(name) does not exist: KEDA reports \"Target resource doesn't exist\" and scales nothing",
                    evidence: ["spec.scaleTargetRef.name: \(name)"])
            case .notInInput where populated.contains(namespace ?? ""):
                let others = index.workloads.filter { index.namespace(of: $0.object) == namespace && $0.object.kind == resource.targetKind }.map(\.object.name).sorted()
                return Self.description.finding(object, in: index, field: "spec.scaleTargetRef.name",
                    message: "\(resource.targetKind) \(name) is not among the manifests read for \(namespace ?? "")\(others.isEmpty ? "" : " (they have \(others.prefix(5).joined(separator: ", ")))"): if it does not exist, KEDA scales nothing",
                    fix: "Set spec.scaleTargetRef.name to the workload to scale\(others.count == 1 ? " (\(others[0])?)" : "").",
                    evidence: ["spec.scaleTargetRef.name: \(name)"], severity: .warning)
            default:
                return nil
            }
        }
    }
}
