import Foundation
import ServerlessKEDA
import ServerlessKubernetes
import ServerlessSupport

/// A ScaledObject or ScaledJob with its triggers, and how it reaches its target's environment.
public struct ScaledResource: Sendable {
    public struct Trigger: Sendable {
        public var value: Value
        /// `spec.triggers[0]`.
        public var path: String
        public var type: String { value["type"].string ?? "" }
        public var metadata: Value { value["metadata"] }
        /// What KEDA reads of `authenticationRef` (nil when it names nothing), as `checkpoints` reads it.
        public var authenticationRef: AuthenticationRef? { AuthenticationRef(value["authenticationRef"]) }
        public func metadata(_ key: String) -> String? {
            guard let text = metadata[key].string, !text.isEmpty else { return nil }
            return text
        }
    }

    public var object: KubeObject
    public var isJob: Bool { object.kind == "ScaledJob" }
    public var triggers: [Trigger] {
        object.body["spec"]["triggers"].array.enumerated().map { Trigger(value: $1, path: "spec.triggers[\($0)]") }
    }

    public static let groups: Set<String> = ["keda.sh", "keda.k8s.io"]

    public static func all(in index: DoctorIndex) -> [ScaledResource] { index.scaledResources }

    package static func scan(in index: DoctorIndex) -> [ScaledResource] {
        (index.objects("ScaledObject") + index.objects("ScaledJob"))
            .filter { groups.contains($0.group) }
            .map { ScaledResource(object: $0) }
    }

    /// `scaleTargetRef.kind`, default Deployment.
    public var targetKind: String { object.body["spec"]["scaleTargetRef"]["kind"].string ?? "Deployment" }
    public var targetName: String? { object.body["spec"]["scaleTargetRef"]["name"].string }

    /// The workload a ScaledObject scales (by kind name), or a ScaledJob's own job template; where KEDA reads env
    /// is `envWorkload`.
    public func target(in index: DoctorIndex) -> Workload? {
        if isJob { return Workload(object: object, podSpecPath: "spec.jobTargetRef.template.spec") }
        guard let name = targetName else { return nil }
        return index.workload(targetKind, namespace: index.namespace(of: object), name: name)
    }

    /// Where KEDA reads this object's env (`EnvSource`, shared with `checkpoints`).
    public var envSource: EnvSource { EnvSource(object) }

    /// The pod template KEDA reads env from (`EnvSource`): the ScaledObject's target, fetched by its group and kind,
    /// or the ScaledJob's own job template; nil when the target is not in the input, or has no container for KEDA to
    /// read (a ScaledObject's target without containers: KEDA hands its triggers no env).
    public func envWorkload(in index: DoctorIndex) -> Workload? {
        let source = envSource
        guard let target = source.target else { return Workload(object: object, podSpecPath: source.podSpecPath) }
        guard let found = index.object(target.kind.kind, namespace: index.namespace(of: object), name: target.name),
              found.group == target.kind.group else { return nil }
        let workload = Workload(object: found, podSpecPath: source.podSpecPath)
        return workload.containers.isEmpty ? nil : workload
    }

    /// The container KEDA resolves `...FromEnv` from, in `envWorkload`: `envSourceContainerName`, else the first one;
    /// nil when KEDA finds none.
    public func envContainer(in index: DoctorIndex) -> (workload: Workload, container: Container)? {
        guard let workload = envWorkload(in: index),
              let position = envSource.container(in: workload.podSpec["containers"].array) else { return nil }
        return (workload, workload.containers[position])
    }
}

/// The KEDA operator Deployment(s) in the input: version and the namespaces it watches.
public struct KedaOperator: Sendable {
    public var workload: Workload
    public var container: Container
    public var env: ContainerEnv

    public static func all(in index: DoctorIndex) -> [KedaOperator] { index.kedaOperators }

    /// The operator Deployments KEDAVersionDetector recognises (the one detector `checkpoints` shares).
    package static func scan(in index: DoctorIndex) -> [KedaOperator] {
        index.kedaSightings.compactMap { sighting in
            guard let workload = sighting.deployment, let container = sighting.container else { return nil }
            return KedaOperator(workload: workload, container: container, env: index.env(of: container, in: workload))
        }
    }

    /// From the image tag, else the `app.kubernetes.io/version` label; `v` prefix dropped.
    public var version: String? {
        guard let raw = KEDAVersionDetector.versionText(of: container, in: workload.object) else { return nil }
        return raw.hasPrefix("v") ? String(raw.dropFirst()) : raw
    }

    /// `[major, minor, patch]` when the version is numeric.
    public var versionNumbers: [Int]? {
        guard let version else { return nil }
        let parts = version.split(separator: "-").first?.split(separator: ".").compactMap { Int($0) } ?? []
        return parts.count >= 2 ? parts + Array(repeating: 0, count: max(0, 3 - parts.count)) : nil
    }

    /// Namespaces watched; nil means all (`""` or `"\"\""`), or not knowable (valueFrom).
    public var watchedNamespaces: [String]? {
        guard let value = env["WATCH_NAMESPACE"].literal else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "\"\"" { return nil }
        return trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Where ClusterTriggerAuthentication secrets are read: `KEDA_CLUSTER_OBJECT_NAMESPACE`, else the operator's namespace.
    public func clusterObjectNamespace(in index: DoctorIndex) -> String? {
        env["KEDA_CLUSTER_OBJECT_NAMESPACE"].literal ?? index.namespace(of: workload.object)
    }
}

extension ScaledResource {
    /// ScaledObjects by the workload they scale (kind, namespace, name): one pass.
    public static func byTarget(in index: DoctorIndex) -> [ObjectName: [ScaledResource]] { index.scaledByTarget }

    package static func scanTargets(in index: DoctorIndex) -> [ObjectName: [ScaledResource]] {
        var out: [ObjectName: [ScaledResource]] = [:]
        for resource in scan(in: index) where !resource.isJob {
            guard let name = resource.targetName else { continue }
            out[ObjectName(kind: resource.targetKind, namespace: index.namespace(of: resource.object), name: name),
                default: []].append(resource)
        }
        return out
    }

    /// `maxReplicaCount`, KEDA's default when absent.
    public var maxReplicaCount: Int64 { object.body["spec"]["maxReplicaCount"].int ?? Int64(KEDADefaults.maxReplicaCount) }
}

extension DoctorIndex {
    /// HorizontalPodAutoscalers by the workload they scale.
    public func autoscalersByTarget() -> [ObjectName: [KubeObject]] {
        var out: [ObjectName: [KubeObject]] = [:]
        for hpa in objects("HorizontalPodAutoscaler") {
            let ref = hpa.body["spec"]["scaleTargetRef"]
            guard let name = ref["name"].string else { continue }
            out[ObjectName(kind: ref["kind"].string ?? "Deployment", namespace: namespace(of: hpa), name: name), default: []].append(hpa)
        }
        return out
    }

    public func key(of object: KubeObject) -> ObjectName {
        ObjectName(kind: object.kind, namespace: namespace(of: object), name: object.name)
    }
}

extension KedaOperator {
    /// Before 2.14.0 KEDA reads a comma list in WATCH_NAMESPACE as one namespace name.
    public var readsWatchListAsOneName: Bool {
        (watchedNamespaces?.count ?? 0) > 1 && (versionNumbers.map { $0[0] == 2 && $0[1] < 14 } ?? false)
    }

    /// Whether this operator reconciles objects in `namespace`: WATCH_NAMESPACE empty (all) or listing it;
    /// before 2.14.0 a comma list is one namespace name that matches nothing. nil when not knowable.
    public func watches(_ namespace: String) -> Bool? {
        // Without the variable the operator exits (KD-OP-002); from a valueFrom we cannot tell.
        guard let variable = container.env.last(where: { $0.name == "WATCH_NAMESPACE" }) else { return env.hasUnknownSource ? nil : false }
        guard variable.literal != nil else { return nil }
        guard let namespaces = watchedNamespaces else { return true }
        if readsWatchListAsOneName { return false }
        return namespaces.contains(namespace)
    }
}
