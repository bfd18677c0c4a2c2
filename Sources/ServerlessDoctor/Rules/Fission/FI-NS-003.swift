/// The chart renders, in every watched namespace, the Roles the executor and buildermgr use there and the
/// fission-fetcher / fission-builder service accounts function and builder pods run as.
public struct WatchedNamespaceWithoutRBAC: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-NS-003", platform: .fission, severity: .error,
        title: "Watched Fission namespace without its Roles or service accounts",
        rationale: """
            For each watched namespace the chart renders Roles <release>-executor-fission-cr and \
            <release>-buildermgr-fission-cr and the service accounts fission-fetcher and fission-builder. A namespace \
            added by hand lacks them: the executor logs "permission /v1/pods-get denied for sa \
            system:serviceaccount:NS:fission-fetcher" and function pods are never created. Judged when the input holds \
            the chart's RBAC for at least one namespace; a warning for service accounts when \
            SERVICEACCOUNT_CHECK_ENABLED=true (Fission then creates them itself).
            """,
        fix: "Add the namespace to additionalFissionNamespaces and helm upgrade, so the chart renders its Roles, RoleBindings and service accounts.",
        references: ["fission/fission#2694", "fission/fission#2913"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
                    - {name: FISSION_RESOURCE_NAMESPACES, value: "default,team-a"}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: fission-fetcher, namespace: default}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: fission-builder, namespace: default}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: fission-executor-fission-cr, namespace: default}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: fission-buildermgr-fission-cr, namespace: default}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
                    - {name: FISSION_RESOURCE_NAMESPACES, value: "default"}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: fission-fetcher, namespace: default}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: fission-builder, namespace: default}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: fission-executor-fission-cr, namespace: default}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: fission-buildermgr-fission-cr, namespace: default}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let plane = index.fission
        guard let watched = plane.watched, let component = watched.component else { return [] }
        var accounts: [String: Set<String>] = [:]
        var roles: [String: [String]] = [:]
        for account in index.objects("ServiceAccount") where account.name.hasPrefix("fission-") {
            accounts[index.namespace(of: account) ?? "", default: []].insert(account.name)
        }
        for role in index.objects("Role") where role.name.hasSuffix("-fission-cr") {
            roles[index.namespace(of: role) ?? "", default: []].append(role.name)
        }
        // Only judge input that carries the chart's RBAC somewhere (or a live cluster).
        guard index.isLive || !accounts.isEmpty || !roles.isEmpty else { return [] }
        let selfHealing = component.env["SERVICEACCOUNT_CHECK_ENABLED"].literal?.lowercased() == "true"
        let namespaceObjects = Set(index.objects("Namespace").map(\.name))
        var findings: [Finding] = []
        for namespace in watched.namespaces {
            var missing: [String] = []
            if index.isLive && !namespaceObjects.isEmpty && !namespaceObjects.contains(namespace) {
                missing.append("the namespace itself")
            }
            for account in ["fission-fetcher", "fission-builder"] where !(accounts[namespace]?.contains(account) ?? false) {
                missing.append("ServiceAccount \(account)")
            }
            for part in ["executor", "buildermgr"] where !(roles[namespace]?.contains { $0.hasSuffix("-\(part)-fission-cr") } ?? false) {
                missing.append("Role <release>-\(part)-fission-cr")
            }
            guard !missing.isEmpty else { continue }
            let onlyAccounts = missing.allSatisfy { $0.hasPrefix("ServiceAccount") }
            findings.append(Self.description.finding(
                component.workload.object, in: index, field: component.env["FISSION_RESOURCE_NAMESPACES"].path,
                message: "Fission watches \(namespace) but it lacks \(missing.joined(separator: ", ")): the executor cannot create function pods there (\"permission ... denied for sa system:serviceaccount:\(namespace):fission-fetcher\")",
                fix: "Add \(namespace) to additionalFissionNamespaces and helm upgrade, so the chart renders its Roles, RoleBindings and service accounts there.",
                evidence: ["watched: \(watched.namespaces.joined(separator: ",")) (from \(watched.source))"] + missing.map { "\(namespace): no \($0)" },
                severity: selfHealing && onlyAccounts ? .warning : .error))
        }
        return findings
    }
}
