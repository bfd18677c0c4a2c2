import Foundation

/// `FISSION_RESOURCE_NAMESPACES=a, b` watches a namespace named " b" (with the space), which cannot exist.
public struct SpacedResourceNamespaces: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-NS-006", platform: .fission, severity: .error,
        title: "Space around a name in FISSION_RESOURCE_NAMESPACES",
        rationale: """
            Fission's GetNamespaces (pkg/utils/namespace.go) splits FISSION_RESOURCE_NAMESPACES on commas and trims \
            nothing: "team-a, team-b" watches "team-a" and " team-b", a name no namespace can have. Objects in team-b \
            are never seen: no pool pods, 404 on their routes.
            """,
        fix: "Remove the spaces: FISSION_RESOURCE_NAMESPACES=team-a,team-b (chart: list each namespace in additionalFissionNamespaces).",
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
                    - {name: FISSION_RESOURCE_NAMESPACES, value: "default, team-b"}
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
                    - {name: FISSION_RESOURCE_NAMESPACES, value: "default,team-b,"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        index.fission.components.compactMap { component in
            let setting = component.env["FISSION_RESOURCE_NAMESPACES"]
            guard let value = setting.literal else { return nil }
            let spaced = value.split(separator: ",").map(String.init)
                .filter { !$0.isEmpty && $0 != $0.trimmingCharacters(in: .whitespaces) }
            guard !spaced.isEmpty else { return nil }
            return Self.description.finding(component.workload.object, in: index, field: setting.path,
                message: "FISSION_RESOURCE_NAMESPACES on \(component.name) holds \(spaced.map { "\"\($0)\"" }.joined(separator: ", ")): Fission does not trim, so it watches those names with their spaces, and objects in \(spaced.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")) are ignored",
                fix: "Set FISSION_RESOURCE_NAMESPACES=\(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: ",")) on \(component.name) (chart: additionalFissionNamespaces).",
                evidence: [setting.evidence].compactMap { $0 })
        }
    }
}
