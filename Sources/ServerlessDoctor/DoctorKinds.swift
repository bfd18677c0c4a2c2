import ServerlessKubernetes

/// The kinds the rules read from a live cluster: one list request per kind, all at once.
/// Kinds of API groups the cluster does not serve (no Fission, no KEDA) are skipped by discovery.
public enum DoctorKinds {
    public static let all: [KindRef] = KindRef.known + [
        KindRef(group: "", version: "v1", kind: "Event", resource: "events"),
        KindRef(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", resource: "roles"),
        KindRef(group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", resource: "rolebindings"),
        KindRef(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", resource: "clusterroles", namespaced: false),
        KindRef(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", resource: "clusterrolebindings",
                namespaced: false),
        KindRef(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", resource: "customresourcedefinitions",
                namespaced: false),
        KindRef(group: "apiregistration.k8s.io", version: "v1", kind: "APIService", resource: "apiservices", namespaced: false),
        // The nodes' container runtime (OW-INV-001); often forbidden to namespace users, which is fine.
        KindRef(group: "", version: "v1", kind: "Node", resource: "nodes", namespaced: false),
    ] + fission

    package static let fission: [KindRef] = [
        ("Function", "functions"), ("Environment", "environments"), ("Package", "packages"),
        ("HTTPTrigger", "httptriggers"), ("MessageQueueTrigger", "messagequeuetriggers"),
        ("TimeTrigger", "timetriggers"), ("KubernetesWatchTrigger", "kuberneteswatchtriggers"),
    ].map { KindRef(group: "fission.io", version: "v1", kind: $0.0, resource: $0.1) }
}
