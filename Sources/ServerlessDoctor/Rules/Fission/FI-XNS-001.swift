import ServerlessKubernetes
import ServerlessSupport

/// Fission resolves a Function's environment, package, secrets and config maps in its own namespace;
/// explicit cross-namespace references are rejected by the webhook since v1.24.0.
public struct CrossNamespaceReference: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-XNS-001", platform: .fission, severity: .error,
        title: "Fission reference to another namespace",
        rationale: """
            A Function's environment.namespace, package.packageref.namespace, secrets[].namespace and \
            configmaps[].namespace, and a Package's environment.namespace, must equal the object's own namespace. \
            Since v1.24.0 the webhook rejects them (GHSA-cvw6-gfvv-953q, GHSA-3r8v-2xmj-5c39, GHSA-vjhc-cf4p-72q4); \
            older versions accept them, which is a tenant-isolation hole.
            """,
        fix: "Create the referenced Environment, Package, Secret or ConfigMap in the object's own namespace and drop the other namespace from the reference.",
        references: ["GHSA-cvw6-gfvv-953q", "GHSA-3r8v-2xmj-5c39", "GHSA-vjhc-cf4p-72q4"],
        triggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Function
            metadata: {name: report, namespace: sandbox}
            spec:
              environment: {name: go, namespace: team-a}
              package:
                functionName: main.handler
                packageref: {name: report-pkg, namespace: sandbox}
            """],
        nonTriggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Function
            metadata: {name: report, namespace: sandbox}
            spec:
              environment: {name: go, namespace: sandbox}
              package:
                functionName: main.handler
                packageref: {name: report-pkg}
            """])

    /// Reference fields with a namespace: (path, the value holding name and namespace).
    package static func references(of object: KubeObject) -> [(path: String, ref: Value, kind: String)] {
        let spec = object.body["spec"]
        switch object.kind {
        case "Function":
            var refs: [(String, Value, String)] = [("spec.environment", spec["environment"], "Environment"),
                                                   ("spec.package.packageref", spec["package"]["packageref"], "Package")]
            refs += spec["secrets"].array.enumerated().map { ("spec.secrets[\($0)]", $1, "Secret") }
            refs += spec["configmaps"].array.enumerated().map { ("spec.configmaps[\($0)]", $1, "ConfigMap") }
            return refs
        case "Package":
            return [("spec.environment", spec["environment"], "Environment")]
        default:
            return []
        }
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for object in index.objects("Function", group: "fission.io") + index.objects("Package", group: "fission.io") {
            let own = index.namespace(of: object) ?? "default"
            for (path, ref, kind) in Self.references(of: object) {
                guard let other = ref["namespace"].string, !other.isEmpty, other != own else { continue }
                findings.append(Self.description.finding(
                    object, in: index, field: "\(path).namespace",
                    message: "\(path) points at \(kind) \(ref["name"].string ?? "?") in namespace \(other), not \(own): rejected by the Fission webhook since v1.24.0 (a cross-tenant reference before)",
                    fix: "Use a \(kind) in \(own): set \(path).namespace to \(own) (or drop it) and create \(kind) \(ref["name"].string ?? "") there.",
                    evidence: ["\(path).namespace: \(other)", "metadata.namespace: \(own)"]))
            }
        }
        return findings
    }
}
