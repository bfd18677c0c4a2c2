/// Every namespace-aware Fission component must agree on the watched namespaces.
public struct FissionNamespaceDrift: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-NS-002", platform: .fission, severity: .error,
        title: "Fission components disagree on the watched namespaces",
        rationale: """
            buildermgr, executor, router, kubewatcher, timer, storagesvc and the message-queue triggers each read \
            FISSION_DEFAULT_NAMESPACE and FISSION_RESOURCE_NAMESPACES. A component without them, or with other values \
            (a hand-patched Deployment, an old chart), watches other namespaces: builds, routes or pods go missing for \
            some objects only. A chart values file that says otherwise means the release was not upgraded.
            """,
        fix: "Set the namespaces once in helm values (defaultNamespace, additionalFissionNamespaces) and helm upgrade, instead of patching Deployments.",
        references: ["fission/fission#2828", "fission/fission#2732", "fission/fission#2913"],
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
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: router, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: router
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
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
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: router, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: router
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
                    - {name: FISSION_RESOURCE_NAMESPACES, value: "team-a,default"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let plane = index.fission
        let components = plane.components.filter { FissionControlPlane.namespaceAwareComponents.contains($0.name) }
        guard let reference = plane.watched else { return [] }
        let expected = Set(reference.namespaces)
        var findings: [Finding] = []
        for component in components {
            let env = component.env
            // Absent altogether (not merely ""): the component predates the helper or was patched by hand.
            let missing = ["FISSION_DEFAULT_NAMESPACE", "FISSION_RESOURCE_NAMESPACES"].filter { name in
                env[name].isUnset && !component.container.env.contains { $0.name == name }
            }
            if !missing.isEmpty {
                let theirs = component.watchedNamespaces ?? ["default"]
                findings.append(Self.description.finding(
                    component.workload.object, in: index, field: "\(component.container.path).env",
                    message: "Fission component \(component.name) has no \(missing.joined(separator: " or ")), so it watches \(theirs.joined(separator: ", ")) while \(reference.source) says \(reference.namespaces.joined(separator: ", "))",
                    fix: "helm upgrade the Fission release so every component gets FISSION_DEFAULT_NAMESPACE and FISSION_RESOURCE_NAMESPACES (or add them to Deployment \(component.name): \(reference.namespaces.joined(separator: ","))).",
                    evidence: missing.map { "\(component.container.path).env: \($0) not set" }))
            } else if let theirs = component.watchedNamespaces, Set(theirs) != expected {
                findings.append(Self.description.finding(
                    component.workload.object, in: index, field: env["FISSION_RESOURCE_NAMESPACES"].path ?? "\(component.container.path).env",
                    message: "Fission component \(component.name) watches \(theirs.joined(separator: ", ")) while \(reference.source) says \(reference.namespaces.joined(separator: ", "))",
                    fix: "Set the namespaces in helm values (defaultNamespace, additionalFissionNamespaces) and helm upgrade, so every component gets the same list.",
                    evidence: [env["FISSION_DEFAULT_NAMESPACE"].evidence, env["FISSION_RESOURCE_NAMESPACES"].evidence].compactMap { $0 }))
            }
        }
        // The chart values disagree with the running components: the release was not upgraded.
        if reference.component != nil, let document = plane.values.first {
            let additional = document.values["additionalFissionNamespaces"].array.compactMap(\.string)
            let fromValues = FissionControlPlane.watched(defaultNamespace: document.values["defaultNamespace"].string,
                                                         resources: additional.joined(separator: ","))
            if Set(fromValues) != expected {
                findings.append(Self.description.finding(
                    document, field: "additionalFissionNamespaces",
                    message: "these values watch \(fromValues.joined(separator: ", ")) but \(reference.source) says \(reference.namespaces.joined(separator: ", ")): the release does not run these values",
                    fix: "helm upgrade the Fission release with this values file, or correct the file to match the cluster.",
                    evidence: [Evidence.field("defaultNamespace", document.values["defaultNamespace"]), "additionalFissionNamespaces: \(additional.joined(separator: ","))"]))
            }
        }
        return findings
    }
}
