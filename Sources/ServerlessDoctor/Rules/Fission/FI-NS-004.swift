/// The deprecated function/builder namespace settings redirect only objects of the default namespace.
public struct DeprecatedFunctionNamespace: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-NS-004", platform: .fission, severity: .warning,
        title: "Deprecated FISSION_FUNCTION_NAMESPACE / FISSION_BUILDER_NAMESPACE set",
        rationale: """
            Since Fission 1.18 function and builder pods run in the namespace of their resources. The deprecated \
            functionNamespace/builderNamespace (FISSION_FUNCTION_NAMESPACE, FISSION_BUILDER_NAMESPACE) still redirect \
            pods of objects in the default namespace, and that namespace then needs the fetcher/builder Roles and \
            service accounts. Upgrades from before 1.18 often still carry fission-function.
            """,
        fix: "Set functionNamespace and builderNamespace to \"\" in the helm values and helm upgrade, or make sure that namespace has the fetcher/builder Roles.",
        references: ["fission/fission#2694"],
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
                    - {name: FISSION_FUNCTION_NAMESPACE, value: fission-function}
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
                    - {name: FISSION_RESOURCE_NAMESPACES, value: default}
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
                    - {name: FISSION_FUNCTION_NAMESPACE, value: ""}
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
                    - {name: FISSION_RESOURCE_NAMESPACES, value: default}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for component in index.fission.components {
            for name in ["FISSION_FUNCTION_NAMESPACE", "FISSION_BUILDER_NAMESPACE"] {
                let setting = component.env[name]
                guard let value = setting.literal else { continue }
                findings.append(Self.description.finding(component.workload.object, in: index, field: setting.path,
                    message: "\(name)=\(value) on \(component.name) is deprecated: pods of objects in the default namespace run in \(value), which needs the fission-fetcher/fission-builder Roles and service accounts",
                    evidence: [setting.evidence].compactMap { $0 }))
            }
        }
        for values in index.fission.values {
            for key in ["functionNamespace", "builderNamespace"] {
                guard let value = values.values[key].string, !value.isEmpty else { continue }
                findings.append(Self.description.finding(values, field: key,
                    message: "\(key): \(value) is deprecated: pods of objects in the default namespace run in \(value)",
                    fix: "Set \(key): \"\" and helm upgrade.", evidence: ["\(key): \(value)"]))
            }
        }
        return findings
    }
}
