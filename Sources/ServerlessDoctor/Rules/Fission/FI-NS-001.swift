/// In static tenancy Fission only watches FISSION_DEFAULT_NAMESPACE and FISSION_RESOURCE_NAMESPACES.
public struct OutsideFissionNamespaces: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-NS-001", platform: .fission, severity: .error,
        title: "Fission object in a namespace the control plane does not watch",
        rationale: """
            Fission's executor, router and buildermgr watch FISSION_DEFAULT_NAMESPACE plus FISSION_RESOURCE_NAMESPACES \
            (helm defaultNamespace + additionalFissionNamespaces). Environments, Functions, Packages and triggers \
            elsewhere are ignored: no pool pods, builds stay pending, `fission fn test` answers 404, "no active pods \
            found". Dynamic and cluster tenancy (v1.27.0+) are not judged here.
            """,
        fix: "Add the namespace to additionalFissionNamespaces and helm upgrade (this also renders its Roles and service accounts), or move the objects into a watched namespace.",
        references: ["fission/fission#2822", "fission/fission#2860", "fission/fission#2729", "fission/fission#2760"],
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
            apiVersion: fission.io/v1
            kind: Environment
            metadata: {name: python, namespace: sandbox}
            spec:
              version: 3
              runtime: {image: ghcr.io/fission/python-env}
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
                    - {name: FISSION_RESOURCE_NAMESPACES, value: "default,team-a"}
            ---
            apiVersion: fission.io/v1
            kind: Environment
            metadata: {name: python, namespace: team-a}
            spec:
              version: 3
              runtime: {image: ghcr.io/fission/python-env}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let plane = index.fission
        guard plane.tenancyMode == "static", let watched = plane.watched else { return [] }
        var findings: [Finding] = []
        for kind in FissionControlPlane.resourceKinds.sorted() {
            for object in index.objects(kind, group: "fission.io") {
                guard let namespace = index.namespace(of: object), !watched.namespaces.contains(namespace) else { continue }
                findings.append(Self.description.finding(
                    object, in: index, field: "metadata",
                    message: "Fission watches only \(watched.namespaces.joined(separator: ", ")); \(kind) \(object.name) in \(namespace) is ignored (no pods, builds stay pending, 404 on its routes)",
                    fix: "Add \(namespace) to additionalFissionNamespaces and helm upgrade (renders its Roles and service accounts too), or move \(kind) \(object.name) into \(watched.namespaces.joined(separator: " or ")).",
                    evidence: ["metadata.namespace: \(namespace)", "watched: \(watched.namespaces.joined(separator: ",")) (from \(watched.source))"]))
            }
        }
        return findings
    }
}
