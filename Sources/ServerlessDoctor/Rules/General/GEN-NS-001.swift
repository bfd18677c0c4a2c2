import ServerlessKubernetes

/// Objects in a namespace that is not there are never created, or are being deleted.
public struct NamespaceMissing: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "GEN-NS-001", platform: .general, severity: .error,
        title: "Namespace of serverless objects missing",
        rationale: """
            Applying an object into a namespace that does not exist fails ("namespaces ... not found"), and objects in \
            a Terminating namespace are about to go. Live, this also checks the namespaces the KEDA operator is told to \
            watch (WATCH_NAMESPACE) and to read cluster secrets from (KEDA_CLUSTER_OBJECT_NAMESPACE): a name there that \
            does not exist is usually a typo, and nothing is reconciled. On manifests, when the files create some \
            namespaces, the namespaces that objects of a platform name but the files do not create are reported once \
            each: a warning when the name is one typo away from a created namespace, else info (it may be created elsewhere).
            """,
        fix: "Create the namespace (kubectl create namespace <name>, or a Namespace object applied first), or fix the name.",
        triggeringExamples: ["""
            apiVersion: v1
            kind: Namespace
            metadata: {name: functions}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: function}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: v1
            kind: Namespace
            metadata: {name: functions}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: unrelated, namespace: elsewhere}
            spec:
              template:
                spec:
                  containers:
                  - {name: web, image: "nginx:1.27"}
            """])

    /// The platforms' own objects: scope workloads, KEDA objects, Fission resources.
    package static func relevant(in index: DoctorIndex) -> [KubeObject] {
        var out = index.scope.members.map(\.workload.object)
        if index.scope.platforms.contains(.keda) {
            out += ScaledResource.all(in: index).map(\.object) + index.objects("TriggerAuthentication", group: "keda.sh")
        }
        if index.scope.platforms.contains(.fission) {
            out += FissionControlPlane.resourceKinds.sorted().flatMap { index.objects($0, group: "fission.io") }
        }
        return out
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let namespaces = Dictionary(index.objects("Namespace").map { ($0.name, $0) }) { first, _ in first }
        var reported: Set<String> = []
        // Manifests: one finding per namespace the files do not create (one cause), only for objects that
        // name their namespace; a namespace created elsewhere is common, so it is info that says "may",
        // and a warning only when the name is one typo away from a namespace the files do create.
        var uncreated: [(namespace: String, objects: [KubeObject])] = []
        for object in Self.relevant(in: index) {
            guard let namespace = index.namespace(of: object) else { continue }
            if index.isLive {
                guard let found = namespaces[namespace], found.body["status"]["phase"].string == "Terminating" else { continue }
                findings.append(Self.description.finding(object, in: index, field: "metadata",
                    message: "namespace \(namespace) is Terminating: \(object.kind) \(object.name) is being deleted with it",
                    fix: "Recreate the namespace and re-apply once it is gone, or find what deleted it (and what blocks its finalizers).",
                    evidence: ["Namespace \(namespace): status.phase Terminating"]))
            } else if !namespaces.isEmpty, object.namespace != nil, namespaces[namespace] == nil,
                      reported.insert("\(namespace)|\(object.kind)|\(object.name)").inserted {
                if let at = uncreated.firstIndex(where: { $0.namespace == namespace }) {
                    uncreated[at].objects.append(object)
                } else {
                    uncreated.append((namespace, [object]))
                }
            }
        }
        let created = namespaces.keys.sorted()
        for (namespace, objects) in uncreated {
            let meant = created.first { Self.isOneTypoAway(namespace, $0) }
            let names = objects.prefix(3).map { "\($0.kind) \($0.name)" }.joined(separator: ", ")
                + (objects.count > 3 ? " and \(objects.count - 3) more" : "")
            findings.append(Self.description.finding(objects[0], in: index, field: "metadata.namespace",
                message: meant != nil
                    ? "\(objects.count) object(s) (\(names)) are in namespace \(namespace), which the manifests do not create; they create \(meant!): a typo makes applying them fail"
                    : "\(objects.count) object(s) (\(names)) are in namespace \(namespace), which the manifests do not create (they create \(created.prefix(5).joined(separator: ", "))): applying them may fail unless \(namespace) exists",
                fix: meant.map { "Set metadata.namespace to \($0), or create namespace \(namespace)." },
                evidence: ["metadata.namespace: \(namespace)"] + (meant.map { ["Namespace \($0) is created by the manifests"] } ?? []),
                severity: meant != nil ? .warning : .info))
        }
        guard index.isLive, index.scope.platforms.contains(.keda) else { return findings }
        for keda in KedaOperator.all(in: index) {
            var named = (keda.watchedNamespaces ?? []).map { ($0, "WATCH_NAMESPACE") }
            if let clusterObjects = keda.env["KEDA_CLUSTER_OBJECT_NAMESPACE"].literal, !clusterObjects.isEmpty {
                named.append((clusterObjects, "KEDA_CLUSTER_OBJECT_NAMESPACE"))
            }
            for (namespace, variable) in named {
                guard case .missing = index.lookup("Namespace", namespace: nil, name: namespace) else { continue }
                let object = keda.workload.object
                findings.append(Self.description.finding(object, in: index, field: "\(keda.container.path).env",
                    message: "the KEDA operator's \(variable) names namespace \(namespace), which does not exist",
                    fix: "Fix the name in \(variable) (helm: watchNamespace / clusterObjectNamespace) or create namespace \(namespace).",
                    evidence: [keda.env[variable].evidence ?? variable, "Namespace \(namespace): not found"]))
            }
        }
        return findings
    }

    /// One insertion, deletion or substitution apart (`function` and `functions`).
    package static func isOneTypoAway(_ a: String, _ b: String) -> Bool {
        let a = Array(a), b = Array(b)
        guard a != b, abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        while i < min(a.count, b.count), a[i] == b[i] { i += 1 }
        if a.count == b.count { return a[(i + 1)...] == b[(i + 1)...] }
        return a.count > b.count ? a[(i + 1)...] == b[i...] : a[i...] == b[(i + 1)...]
    }
}
