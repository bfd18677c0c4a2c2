import ServerlessKubernetes

/// `envSourceContainerName` must name a container of the target.
public struct EnvSourceContainerMissing: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-TA-005", platform: .keda, severity: .error,
        title: "envSourceContainerName or TriggerAuthentication env containerName is not a container",
        rationale: """
            scaleTargetRef.envSourceContainerName (ScaledJob: spec.envSourceContainerName) picks the container KEDA \
            reads ...FromEnv values from; a name that is not a container fails every trigger ("couldn't find container \
            with name ... on Target object"). A TriggerAuthentication env[].containerName that matches nothing resolves \
            silently to an empty parameter.
            """,
        fix: "Set envSourceContainerName (or env[].containerName) to one of the target's container names.",
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
              scaleTargetRef: {name: orders, envSourceContainerName: app}
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
              scaleTargetRef: {name: orders, envSourceContainerName: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            // The pod template and the choice KEDA makes, as `checkpoints` resolves them (`EnvSource`).
            guard let workload = resource.envWorkload(in: index) else { continue }
            let names = workload.containers.map(\.name)
            let containers = workload.podSpec["containers"].array
            let source = resource.envSource
            let field = source.containerNameField
            if let named = source.containerName, source.container(in: containers) == nil {
                findings.append(Self.description.finding(
                    resource.object, in: index, field: field,
                    message: "\(field) is \(named), but \(workload.object.kind) \(workload.object.name) has containers \(names.joined(separator: ", ")): every trigger fails (\"couldn't find container with name \(named) on Target object\")",
                    fix: "Set \(field) to one of \(names.joined(separator: ", ")).",
                    evidence: ["\(field): \(named)", "containers: \(names.joined(separator: ", "))"]))
            }
            for (position, trigger) in resource.triggers.enumerated() {
                guard case let .found(object)? = TriggerAuthentication.lookup(trigger, of: resource, in: index) else { continue }
                for (item, env) in object.body["spec"]["env"].array.enumerated() {
                    guard let container = env["containerName"].string.nonEmpty,
                          EnvSource.container(named: container, in: containers) == nil else { continue }
                    findings.append(Self.description.finding(
                        object, in: index, field: "spec.env[\(item)].containerName",
                        message: "env[\(item)].containerName \(container) is not a container of \(workload.object.kind) \(workload.object.name) (used by \(resource.object.name) trigger \(position)): parameter \(env["parameter"].string ?? "?") resolves to empty",
                        fix: "Set spec.env[\(item)].containerName to one of \(names.joined(separator: ", ")).",
                        evidence: ["spec.env[\(item)].containerName: \(container)"]))
                }
            }
        }
        return findings
    }
}
