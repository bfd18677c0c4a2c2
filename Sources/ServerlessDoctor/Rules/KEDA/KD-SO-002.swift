import ServerlessKubernetes

/// KEDA scales through the target's /scale subresource; a kind without one cannot be a scale target.
public struct TargetWithoutScaleSubresource: Rule {
    public init() {}

    /// Built-in kinds that serve /scale.
    package static let scalable: Set<String> = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]
    /// Built-in kinds that do not (a DaemonSet runs one pod per node; Jobs belong in a ScaledJob).
    package static let builtInWithoutScale: Set<String> = ["DaemonSet", "Job", "CronJob", "Pod", "Service"]

    public static let description = RuleDescription(
        id: "KD-SO-002", platform: .keda, severity: .error,
        title: "Scale target has no /scale subresource",
        rationale: """
            KEDA reads and sets replicas through the target's /scale subresource. Deployments, StatefulSets and \
            ReplicaSets have one; DaemonSets, Jobs and Pods do not, and a custom resource only when its CRD declares \
            subresources.scale for that version. Without it KEDA reports ScaledObjectCheckFailed "Target resource \
            doesn't expose /scale subresource" (Ready=False, ErrorGettingCurrentReplicas) and never scales. \
            Manifests show it for built-in kinds and for custom resources whose CRD is among them; a cluster adds \
            KEDA's own event.
            """,
        fix: "Point scaleTargetRef at a Deployment or StatefulSet, add subresources.scale (specReplicasPath, statusReplicasPath) to the custom resource's CRD, or use a ScaledJob for Jobs.",
        triggeringExamples: ["""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: workers.example.com}
            spec:
              group: example.com
              names: {kind: Worker, plural: workers}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                subresources: {status: {}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: queue-worker, namespace: jobs}
            spec:
              scaleTargetRef: {apiVersion: example.com/v1, kind: Worker, name: queue-worker}
              triggers:
              - type: azure-queue
                metadata: {queueName: work, connectionFromEnv: QueueConnection}
            """, """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: log-shipper, namespace: ops}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: DaemonSet, name: log-shipper}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: workers.example.com}
            spec:
              group: example.com
              names: {kind: Worker, plural: workers}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                subresources:
                  status: {}
                  scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: queue-worker, namespace: jobs}
            spec:
              scaleTargetRef: {apiVersion: example.com/v1, kind: Worker, name: queue-worker}
              triggers:
              - type: azure-queue
                metadata: {queueName: work, connectionFromEnv: QueueConnection}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) where !resource.isJob {
            let object = resource.object
            guard let name = resource.targetName, !name.isEmpty else { continue }
            let kind = resource.targetKind
            let apiVersion = object.body["spec"]["scaleTargetRef"]["apiVersion"].string ?? "apps/v1"
            let said = index.events(for: object).compactMap { $0.body["message"].string }
                .last { $0.contains("doesn't expose /scale subresource") }
            var reason: String?
            var evidence = ["spec.scaleTargetRef: \(apiVersion) \(kind) \(name)"]
            if Self.scalable.contains(kind) && !apiVersion.contains(".") {
                continue
            } else if Self.builtInWithoutScale.contains(kind) && !apiVersion.contains(".") {
                reason = "a \(kind) has no /scale subresource"
            } else if let crd = Self.crd(kind: kind, apiVersion: apiVersion, in: index) {
                let version = apiVersion.split(separator: "/").dropFirst().first.map(String.init)
                let versions = crd.body["spec"]["versions"].array.filter { version == nil || $0["name"].string == version }
                if !versions.isEmpty && versions.allSatisfy({ $0["subresources"]["scale"].isNull }) {
                    reason = "CustomResourceDefinition \(crd.name) declares no subresources.scale for \(apiVersion)"
                    evidence.append("CustomResourceDefinition \(crd.name): spec.versions[\(version ?? "*")].subresources.scale: (not set)")
                }
            }
            if let said { evidence.append("event ScaledObjectCheckFailed: \(said)") }
            guard reason != nil || said != nil else { continue }
            findings.append(Self.description.finding(object, in: index, field: "spec.scaleTargetRef",
                message: "\(kind) \(name) cannot be scaled by KEDA: \(reason ?? "KEDA reports \"Target resource doesn't expose /scale subresource\"")",
                fix: kind == "Job" || kind == "CronJob"
                    ? "Run the work as a ScaledJob (spec.jobTargetRef) instead of a ScaledObject on a \(kind)."
                    : nil,
                evidence: evidence))
        }
        return findings
    }

    /// The CRD serving `kind` in the group of `apiVersion`.
    package static func crd(kind: String, apiVersion: String, in index: DoctorIndex) -> KubeObject? {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        return index.objects("CustomResourceDefinition").first {
            $0.body["spec"]["names"]["kind"].string == kind && $0.body["spec"]["group"].string == group
        }
    }
}
