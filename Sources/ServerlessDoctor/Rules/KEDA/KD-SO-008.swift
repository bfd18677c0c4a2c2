import Foundation
import ServerlessKubernetes
import ServerlessSupport

/// A replica count in the applied manifest that KEDA must immediately undo: every apply or GitOps sync fights the autoscaler.
public struct DeclaredReplicasFightKeda: Rule {
    public init() {}

    /// Labels and annotations Argo CD and Flux put on what they manage.
    package static let gitOpsMarkers = ["argocd.argoproj.io/tracking-id", "argocd.argoproj.io/instance",
                                "kustomize.toolkit.fluxcd.io/name", "helm.toolkit.fluxcd.io/name"]

    public static let description = RuleDescription(
        id: "KD-SO-008", platform: .keda, severity: .warning,
        title: "Declared spec.replicas fights the ScaledObject",
        rationale: """
            KEDA (through its HPA) owns the replica count of a scale target. When the applied manifest also sets \
            spec.replicas, and to a count outside the ScaledObject's minReplicaCount..maxReplicaCount, every apply \
            resets the workload to that count and the HPA moves it back: pods start and stop for nothing, and a \
            GitOps tool with self-heal (Argo CD, Flux) does it on every sync and shows the app as drifted. On a live \
            cluster the declared count is the one in kubectl.kubernetes.io/last-applied-configuration, since \
            spec.replicas itself is what KEDA set. (A common drift source; inferred, not a KEDA message.)
            """,
        fix: "Remove spec.replicas from the Deployment in Git (or the chart) and let KEDA own it; with Argo CD also add ignoreDifferences on /spec/replicas.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: payments-worker
              namespace: payments
              annotations: {argocd.argoproj.io/tracking-id: "payments:apps/Deployment:payments/payments-worker"}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: worker, image: example.azurecr.io/payments-worker:3.2}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: payments-worker, namespace: payments}
            spec:
              scaleTargetRef: {name: payments-worker}
              minReplicaCount: 2
              maxReplicaCount: 20
              triggers:
              - type: azure-servicebus
                metadata: {queueName: payments, connectionFromEnv: ServiceBusConnection}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: payments-worker
              namespace: payments
              annotations: {argocd.argoproj.io/tracking-id: "payments:apps/Deployment:payments/payments-worker"}
            spec:
              template:
                spec:
                  containers:
                  - {name: worker, image: example.azurecr.io/payments-worker:3.2}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: payments-worker, namespace: payments}
            spec:
              scaleTargetRef: {name: payments-worker}
              minReplicaCount: 2
              maxReplicaCount: 20
              triggers:
              - type: azure-servicebus
                metadata: {queueName: payments, connectionFromEnv: ServiceBusConnection}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) where !resource.isJob {
            let spec = resource.object.body["spec"]
            guard let workload = resource.target(in: index),
                  !resource.object.annotations.keys.contains(where: { $0.hasPrefix("autoscaling.keda.sh/paused") }),
                  let declared = Self.declaredReplicas(workload.object, live: index.isLive) else { continue }
            let minimum = spec["minReplicaCount"].int ?? 0
            let maximum = resource.maxReplicaCount
            let idle = spec["idleReplicaCount"].int
            guard declared.replicas < minimum || declared.replicas > maximum, declared.replicas != idle else { continue }
            let object = workload.object
            let markers = (object.labels.merging(object.annotations) { a, _ in a }).keys.filter { Self.gitOpsMarkers.contains($0) }.sorted()
            let manager = markers.first.map { $0.hasPrefix("argocd") ? "Argo CD" : "Flux" }
            findings.append(Self.description.finding(object, in: index, field: declared.field,
                message: "\(object.kind) \(object.name) declares replicas: \(declared.replicas) but ScaledObject \(resource.object.name) keeps it within \(minimum)..\(maximum): \(manager.map { "every \($0) sync" } ?? "every apply") resets it and KEDA's HPA moves it back",
                evidence: ["\(declared.field): \(declared.replicas)",
                           "ScaledObject \(resource.object.name): minReplicaCount \(minimum), maxReplicaCount \(maximum)"]
                    + markers.map { "metadata: \($0)" }))
        }
        return findings
    }

    /// What the user applies: spec.replicas of a manifest; live, the last applied configuration's.
    package static func declaredReplicas(_ object: KubeObject, live: Bool) -> (replicas: Int64, field: String)? {
        guard live else { return object.body["spec"]["replicas"].int.map { ($0, "spec.replicas") } }
        let key = "kubectl.kubernetes.io/last-applied-configuration"
        guard let text = object.annotations[key], let applied = try? JSON.parse(Array(text.utf8)) else { return nil }
        return applied["spec"]["replicas"].int.map { ($0, "metadata.annotations[\(key)].spec.replicas") }
    }
}
