/// All Fission control-plane components come from one release.
public struct MixedFissionVersions: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-INST-002", platform: .fission, severity: .warning,
        title: "Fission components run different versions",
        rationale: """
            The chart runs every control-plane component from the same fission-bundle tag. Different tags (a component \
            patched or rolled back by hand) mix behaviours, for example namespace handling that changed between \
            releases.
            """,
        fix: "helm upgrade the Fission release so every component runs the same fission-bundle tag.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - {name: executor, image: "ghcr.io/fission/fission-bundle:v1.21.0"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: router, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - {name: router, image: "ghcr.io/fission/fission-bundle:v1.20.1"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - {name: executor, image: "ghcr.io/fission/fission-bundle:v1.21.0"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: router, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - {name: router, image: "ghcr.io/fission/fission-bundle:v1.21.0"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let bundles = index.fission.components.filter { $0.container.image.contains("fission-bundle") }
        let tags = bundles.map { ($0, $0.container.imageTag ?? "latest") }
        let counts = Dictionary(grouping: tags, by: \.1).mapValues(\.count)
        guard counts.count > 1, let common = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return [] }
        return tags.filter { $0.1 != common }.map { component, tag in
            Self.description.finding(component.workload.object, in: index, field: "\(component.container.path).image",
                message: "\(component.name) runs fission-bundle \(tag) while the other components run \(common)",
                fix: "helm upgrade the Fission release so \(component.name) runs \(common) like the rest (or upgrade them all).",
                evidence: tags.map { "\($0.0.name): \($0.0.container.image)" })
        }
    }
}
