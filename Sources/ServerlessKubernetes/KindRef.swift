import ServerlessSupport

/// A kind as the API serves it: group, version, kind, plural resource name, and whether it lives in
/// namespaces. Fixed here rather than discovered per group, so a load costs one request per kind.
public struct KindRef: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String
    public var resource: String
    public var namespaced: Bool

    public init(group: String, version: String, kind: String, resource: String, namespaced: Bool = true) {
        self.group = group
        self.version = version
        self.kind = kind
        self.resource = resource
        self.namespaced = namespaced
    }

    /// `apps/v1`, or `v1` for the core group.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `deployments.apps`, `secrets` — kubectl's name for it.
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// The collection path, in one namespace or across all.
    package func path(namespace: String?) -> String {
        let base = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { return "\(base)/namespaces/\(URLPath.segment(namespace))/\(resource)" }
        return "\(base)/\(resource)"
    }

    public static let namespace = KindRef(group: "", version: "v1", kind: "Namespace", resource: "namespaces", namespaced: false)
    public static let pod = KindRef(group: "", version: "v1", kind: "Pod", resource: "pods")
    public static let service = KindRef(group: "", version: "v1", kind: "Service", resource: "services")
    public static let configMap = KindRef(group: "", version: "v1", kind: "ConfigMap", resource: "configmaps")
    public static let secret = KindRef(group: "", version: "v1", kind: "Secret", resource: "secrets")
    public static let serviceAccount = KindRef(group: "", version: "v1", kind: "ServiceAccount", resource: "serviceaccounts")
    public static let deployment = KindRef(group: "apps", version: "v1", kind: "Deployment", resource: "deployments")
    public static let statefulSet = KindRef(group: "apps", version: "v1", kind: "StatefulSet", resource: "statefulsets")
    public static let daemonSet = KindRef(group: "apps", version: "v1", kind: "DaemonSet", resource: "daemonsets")
    public static let job = KindRef(group: "batch", version: "v1", kind: "Job", resource: "jobs")
    public static let cronJob = KindRef(group: "batch", version: "v1", kind: "CronJob", resource: "cronjobs")
    public static let horizontalPodAutoscaler = KindRef(group: "autoscaling", version: "v2", kind: "HorizontalPodAutoscaler",
                                                        resource: "horizontalpodautoscalers")
    public static let scaledObject = KindRef(group: "keda.sh", version: "v1alpha1", kind: "ScaledObject", resource: "scaledobjects")
    public static let scaledJob = KindRef(group: "keda.sh", version: "v1alpha1", kind: "ScaledJob", resource: "scaledjobs")
    public static let triggerAuthentication = KindRef(group: "keda.sh", version: "v1alpha1", kind: "TriggerAuthentication",
                                                      resource: "triggerauthentications")
    public static let clusterTriggerAuthentication = KindRef(group: "keda.sh", version: "v1alpha1",
                                                             kind: "ClusterTriggerAuthentication",
                                                             resource: "clustertriggerauthentications", namespaced: false)

    /// Kinds known here, for looking one up by kind name (scale targets name only `kind` and `apiVersion`).
    public static let known: [KindRef] = [
        .namespace, .pod, .service, .configMap, .secret, .serviceAccount, .deployment, .statefulSet, .daemonSet,
        .job, .cronJob, .horizontalPodAutoscaler, .scaledObject, .scaledJob, .triggerAuthentication,
        .clusterTriggerAuthentication,
    ]
}

/// Percent-encoding for path segments and query values (RFC 3986 unreserved characters pass).
package enum URLPath {
    package static func segment(_ text: String) -> String { escape(text) }

    package static func query(_ items: [(String, String)]) -> String {
        items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    package static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
