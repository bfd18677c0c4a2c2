import ServerlessSupport

/// The host reads and writes its keys object through the API server with the pod's service account.
public struct KeysObjectUnusable: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEYS-002", platform: .azureFunctions, severity: .error,
        title: "Function keys Secret missing or not writable by the pod",
        rationale: """
            AzureWebJobsKubernetesSecretName (secrets/<name>, configmaps/<name> or <name>) names the object the host \
            keeps function keys in, in its own namespace, read and written with the pod's service account: it needs a \
            Role granting get, list, watch, create, update and patch on secrets (or configmaps) there. RBAC resource \
            names are lower-case: a rule for "configMaps" matches nothing. Judged on manifests only when the input \
            holds Roles or RoleBindings in the namespace.
            """,
        fix: "Create the keys object, and bind the pod's service account to a Role with get, list, watch, create, update, patch on secrets (or configmaps) in the namespace.",
        references: ["Azure/azure-functions-host#4462", "Azure/Azure-Functions#2590"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders-http, namespace: functions}
            spec:
              template:
                spec:
                  serviceAccountName: orders-keys
                  containers:
                  - name: orders-http
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureWebJobsSecretStorageType, value: kubernetes}
                    - {name: AzureWebJobsKubernetesSecretName, value: configmaps/orders-keys}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: functions-keys-manager-role, namespace: functions}
            rules:
            - apiGroups: [""]
              resources: [secrets, configMaps]
              verbs: [get, list, watch, create, update, patch, delete]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: orders-keys, namespace: functions}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: functions-keys-manager-role}
            subjects:
            - {kind: ServiceAccount, name: orders-keys}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders-http, namespace: functions}
            spec:
              template:
                spec:
                  serviceAccountName: orders-keys
                  containers:
                  - name: orders-http
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureWebJobsSecretStorageType, value: kubernetes}
                    - {name: AzureWebJobsKubernetesSecretName, value: secrets/orders-keys}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: functions-keys-manager-role, namespace: functions}
            rules:
            - apiGroups: [""]
              resources: [secrets, configMaps]
              verbs: [get, list, watch, create, update, patch, delete]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: orders-keys, namespace: functions}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: functions-keys-manager-role}
            subjects:
            - {kind: ServiceAccount, name: orders-keys}
            """])

    package static let verbs: Set<String> = ["get", "list", "watch", "create", "update", "patch"]

    /// Verbs a service account holds on a core resource in a namespace, through RoleBindings in the input.
    package static func verbs(account: String, namespace: String?, resource: String, index: DoctorIndex) -> Set<String> {
        var out: Set<String> = []
        for binding in index.objects("RoleBinding") where index.namespace(of: binding) == namespace {
            let subjects = binding.body["subjects"].array
            guard subjects.contains(where: { $0["kind"].string == "ServiceAccount" && $0["name"].string == account
                && ($0["namespace"].string ?? namespace) == namespace }) else { continue }
            let ref = binding.body["roleRef"]
            let role = ref["kind"].string == "ClusterRole"
                ? index.object("ClusterRole", namespace: nil, name: ref["name"].string ?? "")
                : index.object("Role", namespace: namespace, name: ref["name"].string ?? "")
            for rule in role?.body["rules"].array ?? [] {
                let groups = rule["apiGroups"].array.compactMap(\.string)
                let resources = rule["resources"].array.compactMap(\.string)
                guard groups.contains("") || groups.contains("*"), resources.contains(resource) || resources.contains("*") else { continue }
                let granted = rule["verbs"].array.compactMap(\.string)
                if granted.contains("*") { out.formUnion(verbs) } else { out.formUnion(granted) }
            }
        }
        return out
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let rbacNamespaces = Set((index.objects("Role") + index.objects("RoleBinding")).compactMap { index.namespace(of: $0) })
        for host in FunctionsHost.all(in: index) {
            let setting = host.env["AzureWebJobsKubernetesSecretName"]
            guard host.env["AzureWebJobsSecretStorageType"].literal?.lowercased() == "kubernetes", let reference = setting.literal else { continue }
            let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
            let isMap = parts.count == 2 && parts[0].lowercased() == "configmaps"
            let kind = isMap ? "ConfigMap" : "Secret", name = parts.last ?? reference, resource = isMap ? "configmaps" : "secrets"
            let namespace = index.namespace(of: host.workload.object)
            if case .missing = index.lookup(kind, namespace: namespace, name: name) {
                findings.append(Self.description.finding(host.workload.object, in: index, field: setting.path,
                    message: "\(kind) \(name) named by AzureWebJobsKubernetesSecretName does not exist in \(namespace ?? "")",
                    fix: "Create \(kind) \(name) in \(namespace ?? "") (func kubernetes deploy creates func-keys-kube-secret-<app>), or fix AzureWebJobsKubernetesSecretName.",
                    evidence: [setting.evidence].compactMap { $0 }))
            }
            guard index.isLive || rbacNamespaces.contains(namespace ?? "") else { continue }
            let account = host.workload.podSpec["serviceAccountName"].string ?? "default"
            let missing = Self.verbs.subtracting(Self.verbs(account: account, namespace: namespace, resource: resource, index: index)).sorted()
            guard !missing.isEmpty else { continue }
            findings.append(Self.description.finding(host.workload.object, in: index, field: setting.path,
                message: "service account \(account) may not \(missing.joined(separator: ", ")) \(resource) in \(namespace ?? "") (RBAC resource names are lower-case), so the host cannot read or write its keys in \(kind) \(name)",
                fix: "Bind service account \(account) to a Role with verbs get, list, watch, create, update, patch on resources [\(resource)] (apiGroups [\"\"]) in \(namespace ?? "").",
                evidence: [setting.evidence, "ServiceAccount \(account): missing \(missing.joined(separator: ",")) on \(resource)"].compactMap { $0 }))
        }
        return findings
    }
}
