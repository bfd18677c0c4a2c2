/// A tenancy mode Fission does not know is read as static, silently.
public struct UnknownTenancyMode: Rule {
    public init() {}

    package static let modes = ["static", "dynamic", "cluster"]

    public static let description = RuleDescription(
        id: "FI-NS-005", platform: .fission, severity: .error,
        title: "FISSION_TENANCY_MODE value Fission reads as static",
        rationale: """
            Fission's TenancyMode (pkg/utils/namespace.go) lower-cases FISSION_TENANCY_MODE (chart: tenancy.mode) and \
            knows only static, dynamic and cluster; any other value, a space around it included, silently selects \
            static: only FISSION_DEFAULT_NAMESPACE and FISSION_RESOURCE_NAMESPACES are watched, and objects in the \
            namespaces the mode was meant to onboard are ignored.
            """,
        fix: "Set tenancy.mode (FISSION_TENANCY_MODE) to exactly static, dynamic or cluster, then helm upgrade.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.27.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
                    - {name: FISSION_TENANCY_MODE, value: "multi-tenant"}
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
                    image: ghcr.io/fission/fission-bundle:v1.27.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
                    - {name: FISSION_TENANCY_MODE, value: Dynamic}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for component in index.fission.components {
            let setting = component.env["FISSION_TENANCY_MODE"]
            guard let value = setting.literal, !Self.modes.contains(value.lowercased()) else { continue }
            findings.append(Self.description.finding(component.workload.object, in: index, field: setting.path,
                message: "FISSION_TENANCY_MODE \"\(value)\" on \(component.name) is not static, dynamic or cluster: Fission silently runs in static mode",
                evidence: [setting.evidence].compactMap { $0 }))
        }
        for values in index.fission.values {
            guard let value = values.values["tenancy"]["mode"].string, !Self.modes.contains(value.lowercased()) else { continue }
            findings.append(Self.description.finding(values, field: "tenancy.mode",
                message: "tenancy.mode \"\(value)\" is not static, dynamic or cluster: Fission silently runs in static mode",
                evidence: ["tenancy.mode: \(value)"]))
        }
        return findings
    }
}
