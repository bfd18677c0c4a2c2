import ServerlessSupport

/// Where KEDA reads a ScaledObject's or ScaledJob's container environment (what `...FromEnv` names, and a
/// TriggerAuthentication's `env` parameters): the one answer for `checkpoints` and the doctor.
/// kedacore/keda v2.20.2 pkg/scaling/resolver/scale_resolvers.go: `ResolveScaleTargetPodSpec` takes a
/// ScaledObject's target's `spec.template` (Deployment and StatefulSet typed, any other kind as a duck type)
/// or a ScaledJob's own `jobTargetRef.template`, with `envSourceContainerName`; `ResolveContainerEnv` takes the
/// container of that name, else the first one.
public struct EnvSource: Sendable {
    /// The workload a ScaledObject scales, as KEDA's `ParseGVKR` (apis/keda/v1alpha1/gvkr.go) reads
    /// `scaleTargetRef`: apiVersion "" is apps/v1, kind "" Deployment.
    public struct Target: Sendable, Equatable {
        public var kind: KindRef
        /// As KEDA reads it (`Deployment` when the field is empty).
        public var kindName: String
        public var name: String
    }

    /// nil for a ScaledJob: its own job template holds the containers.
    public var target: Target?
    /// Where the pod spec is, in the target (or in the ScaledJob).
    public var podSpecPath: String
    /// `envSourceContainerName` (`scaleTargetRef.envSourceContainerName` of a ScaledObject); nil when unset or
    /// empty, and KEDA takes the first container.
    public var containerName: String?
    /// The field that holds `containerName`, for findings.
    public var containerNameField: String

    /// For a ScaledObject or ScaledJob.
    public init(_ object: KubeObject) {
        let spec = object.body["spec"]
        if object.kind == "ScaledJob" {
            target = nil
            podSpecPath = "spec.jobTargetRef.template.spec"
            containerName = spec["envSourceContainerName"].string.nonEmpty
            containerNameField = "spec.envSourceContainerName"
        } else {
            let ref = spec["scaleTargetRef"]
            let kindName = ref["kind"].string.nonEmpty ?? "Deployment"
            let apiVersion = ref["apiVersion"].string.nonEmpty ?? "apps/v1"
            target = Target(kind: Self.kindRef(kind: kindName, apiVersion: apiVersion), kindName: kindName,
                            name: ref["name"].string ?? "")
            podSpecPath = "spec.template.spec"
            containerName = ref["envSourceContainerName"].string.nonEmpty
            containerNameField = "spec.scaleTargetRef.envSourceContainerName"
        }
    }

    /// The pod spec in the object that holds it (the target, or the ScaledJob).
    public func podSpec(in holder: KubeObject) -> Value {
        podSpecPath.split(separator: ".").reduce(holder.body) { $0[String($1)] }
    }

    /// The position of the container KEDA reads: the one named `containerName`, else the first.
    public func container(in containers: [Value]) -> Int? { Self.container(named: containerName, in: containers) }

    /// KEDA's `ResolveContainerEnv` choice (also for a TriggerAuthentication `env[].containerName`): the container
    /// named, else the first; nil when there is no container, or none of that name (KEDA: "couldn't find container
    /// with name ... on Target object").
    public static func container(named name: String?, in containers: [Value]) -> Int? {
        guard let name else { return containers.isEmpty ? nil : 0 }
        return containers.firstIndex { $0["name"].string == name }
    }

    package static func kindRef(kind: String, apiVersion: String) -> KindRef {
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        let group = parts.count == 2 ? parts[0] : ""
        let version = parts.last ?? "v1"
        if var known = KindRef.known.first(where: { $0.kind == kind && $0.group == group }) {
            known.version = version
            return known
        }
        return KindRef(group: group, version: version, kind: kind, resource: kind.lowercased() + "s")
    }
}
