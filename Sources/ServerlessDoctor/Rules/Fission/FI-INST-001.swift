import ServerlessKubernetes

/// What `fission check` verifies: the core Deployments run and their Services exist.
public struct FissionCoreNotRunning: Rule {
    public init() {}

    package static let core = ["executor", "router", "storagesvc", "webhook"]

    public static let description = RuleDescription(
        id: "FI-INST-001", platform: .fission, severity: .error,
        title: "Fission core components not running",
        rationale: """
            Like `fission check`: the executor, router, storagesvc and webhook Deployments must exist in the Fission \
            namespace with replicas > 0 and no unavailable replicas. Without them functions are not specialised, \
            routed, stored or admitted.
            """,
        fix: "kubectl -n <fission namespace> describe deployment <name> and its pods; reinstall or helm upgrade Fission if a component is missing.",
        needs: .live, liveOnly: "Deployment status of the Fission control plane",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: executor, image: "ghcr.io/fission/fission-bundle:v1.21.0"}
            status:
              replicas: 1
              unavailableReplicas: 1
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: executor, image: "ghcr.io/fission/fission-bundle:v1.21.0"}
            status: {replicas: 1, availableReplicas: 1}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: router, namespace: fission}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: router, image: "ghcr.io/fission/fission-bundle:v1.21.0"}
            status: {replicas: 1, availableReplicas: 1}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: storagesvc, namespace: fission}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: storagesvc, image: "ghcr.io/fission/fission-bundle:v1.21.0"}
            status: {replicas: 1, availableReplicas: 1}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: webhook, namespace: fission}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: webhook, image: "ghcr.io/fission/fission-bundle:v1.21.0"}
            status: {replicas: 1, availableReplicas: 1}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        guard index.isLive else { return [] }
        var findings: [Finding] = []
        for component in index.fission.components where Self.core.contains(component.name) {
            let object = component.workload.object
            let replicas = object.body["spec"]["replicas"].int ?? 1
            let unavailable = object.body["status"]["unavailableReplicas"].int ?? 0
            guard replicas == 0 || unavailable > 0 else { continue }
            findings.append(Self.description.finding(object, in: index, field: "status",
                message: replicas == 0 ? "Fission \(component.name) is scaled to 0" : "Fission \(component.name) has \(unavailable) unavailable replica(s) (\"\(component.name) deployment is not running\")",
                evidence: ["spec.replicas: \(replicas)", "status.unavailableReplicas: \(unavailable)"]))
        }
        if let namespace = index.fission.components.first.map({ index.namespace(of: $0.workload.object) }) {
            let present = Set(index.fission.components.map(\.name))
            for missing in Self.core where !present.contains(missing) {
                guard case .missing = index.lookup("Deployment", namespace: namespace, name: missing) else { continue }
                // The finding is about the Deployment that is not there, not about a neighbour that is.
                let absent = KubeObject(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: missing,
                                        body: .object([]), location: nil)
                findings.append(Self.description.finding(absent, in: index,
                    message: "Fission Deployment \(missing) does not exist in \(namespace ?? "")", evidence: ["Deployment \(namespace ?? "")/\(missing): not found"]))
            }
        }
        return findings
    }
}
