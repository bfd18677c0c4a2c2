/// All components must write and read activations in the same store.
public struct ActivationStoreDiffers: Rule {
    public init() {}

    package static let defaultProvider = "org.apache.openwhisk.core.database.ArtifactActivationStoreProvider"

    public static let description = RuleDescription(
        id: "OW-AS-002", platform: .openwhisk, severity: .error,
        title: "Activation store differs between components",
        rationale: """
            CONFIG_whisk_spi_ActivationStoreProvider must be the same on controller, invoker and scheduler (unset means \
            CouchDB's ArtifactActivationStoreProvider). A hand-patched component writes activations where `wsk \
            activation get` never looks.
            """,
        fix: "Set the same CONFIG_whisk_spi_ActivationStoreProvider on every component (helm activationStoreBackend renders it).",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
                    env:
                    - {name: CONFIG_whisk_spi_ActivationStoreProvider, value: org.apache.openwhisk.core.database.elasticsearch.ElasticSearchActivationStoreProvider}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-invoker, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: invoker
                    image: openwhisk/invoker:ef725a6
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-invoker, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: invoker
                    image: openwhisk/invoker:ef725a6
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let byNamespace = Dictionary(grouping: OpenWhiskComponent.all(in: index), by: { $0.namespace ?? "" })
        for namespace in byNamespace.keys.sorted() {
            let components = byNamespace[namespace]!
            let providers = components.compactMap { component -> (OpenWhiskComponent, String)? in
                let setting = component.env["CONFIG_whisk_spi_ActivationStoreProvider"]
                switch setting {
                case .unset: return (component, Self.defaultProvider)
                case let .set(_, _, literal?): return (component, literal)
                default: return nil
                }
            }
            guard Set(providers.map(\.1)).count > 1 else { continue }
            let counts = Dictionary(grouping: providers, by: \.1).mapValues(\.count)
            let common = counts.max { $0.value < $1.value }!.key
            for (component, provider) in providers where provider != common {
                findings.append(Self.description.finding(
                    component.workload.object, in: index, field: component.env["CONFIG_whisk_spi_ActivationStoreProvider"].path ?? "\(component.container.path).env",
                    message: "the \(component.role.rawValue) stores activations with \(provider.split(separator: ".").last!) while the others use \(common.split(separator: ".").last!): its activations are invisible to the rest",
                    fix: "Set CONFIG_whisk_spi_ActivationStoreProvider=\(common) on the \(component.role.rawValue), or change the others to match.",
                    evidence: providers.map { "\($0.0.role.rawValue) \($0.0.workload.object.name): \($0.1.split(separator: ".").last!)" }))
            }
        }
        return findings
    }
}
