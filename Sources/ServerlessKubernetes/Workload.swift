import ServerlessSupport

/// A Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob seen through its pod template.
public struct Workload: Sendable {
    public static let kinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]

    public var object: KubeObject
    /// `spec.template.spec`, or `spec.jobTemplate.spec.template.spec` for a CronJob.
    public var podSpecPath: String
    public var podSpec: Value
    public var containers: [Container]

    public init?(_ object: KubeObject) {
        guard Self.kinds.contains(object.kind) else { return nil }
        self.init(object: object, podSpecPath: object.kind == "CronJob" ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec")
    }

    /// A pod template somewhere else, e.g. a ScaledJob's `spec.jobTargetRef.template.spec`.
    public init(object: KubeObject, podSpecPath: String) {
        self.object = object
        self.podSpecPath = podSpecPath
        var spec = object.body
        for key in podSpecPath.split(separator: ".") { spec = spec[String(key)] }
        podSpec = spec
        containers = spec["containers"].array.enumerated().map { index, value in
            Container(value: value, path: "\(podSpecPath).containers[\(index)]")
        }
    }

    /// `spec.replicas`; Kubernetes' default is 1 when absent.
    public var replicas: Int64? { object.body["spec"]["replicas"].int }

    public var podLabels: [String: String] {
        var template = object.body
        for key in podSpecPath.split(separator: ".").dropLast() { template = template[String(key)] }
        return template["metadata"]["labels"].stringMap
    }
}

public struct Container: Sendable {
    public var value: Value
    /// `spec.template.spec.containers[0]`.
    public var path: String

    public var name: String { value["name"].string ?? "" }
    public var image: String { value["image"].string ?? "" }

    /// The image tag (`2.20.2` in `ghcr.io/kedacore/keda:2.20.2`), nil when untagged or pinned by digest only.
    public var imageTag: String? {
        let withoutDigest = image.split(separator: "@").first.map(String.init) ?? image
        guard let colon = withoutDigest.lastIndex(of: ":"),
              !withoutDigest[colon...].contains("/") else { return nil }
        return String(withoutDigest[withoutDigest.index(after: colon)...])
    }

    public var env: [EnvVar] {
        value["env"].array.enumerated().map { index, item in EnvVar(value: item, path: "\(path).env[\(index)]") }
    }

    public var envFrom: [EnvFromSource] {
        value["envFrom"].array.enumerated().compactMap { index, item in
            EnvFromSource(value: item, path: "\(path).envFrom[\(index)]")
        }
    }

    package init(value: Value, path: String) {
        self.value = value
        self.path = path
    }
}

public struct EnvVar: Sendable {
    public var value: Value
    public var path: String
    public var name: String { value["name"].string ?? "" }
    /// The literal value; nil when it comes from `valueFrom`.
    public var literal: String? { value["valueFrom"].isNull ? (value["value"].string ?? "") : nil }
    public var valueFrom: Value { value["valueFrom"] }
}

public struct EnvFromSource: Sendable {
    public enum Kind: String, Sendable { case secret = "Secret", configMap = "ConfigMap" }
    public var kind: Kind
    public var name: String
    public var prefix: String
    public var optional: Bool
    public var path: String

    package init?(value: Value, path: String) {
        let ref: Value
        if !value["secretRef"].isNull { kind = .secret; ref = value["secretRef"] }
        else if !value["configMapRef"].isNull { kind = .configMap; ref = value["configMapRef"] }
        else { return nil }
        name = ref["name"].string ?? ""
        optional = ref["optional"].bool ?? false
        prefix = value["prefix"].string ?? ""
        self.path = path
    }
}
