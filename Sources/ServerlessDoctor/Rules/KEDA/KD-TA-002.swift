import ServerlessKubernetes
import ServerlessSupport

/// KEDA does not fail on a missing Secret, ConfigMap or key behind a TriggerAuthentication: it logs and
/// passes an empty value, so the visible error is the scaler's "missing parameter".
public struct MissingAuthenticationSecret: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-TA-002", platform: .keda, severity: .error,
        title: "TriggerAuthentication Secret, ConfigMap or key missing",
        rationale: """
            secretTargetRef and configMapTargetRef are read from the TriggerAuthentication's namespace (for a \
            ClusterTriggerAuthentication, from KEDA_CLUSTER_OBJECT_NAMESPACE, by default the operator's namespace). \
            A missing object or key becomes an empty parameter, and the scaler then complains about a missing setting \
            instead of the real cause. On manifests, an object not among the files is a warning.
            """,
        fix: "Create the Secret/ConfigMap with that key in the namespace KEDA reads it from, or fix name and key in the TriggerAuthentication.",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-auth, namespace: functions}
            spec:
              secretTargetRef:
              - {parameter: connection, name: orders, key: EventHubConnection}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders, namespace: functions}
            data:
              AzureWebJobsStorage: RVhBTVBMRQ==
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-auth, namespace: functions}
            spec:
              secretTargetRef:
              - {parameter: connection, name: orders, key: EventHubConnection}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders, namespace: functions}
            data:
              EventHubConnection: RVhBTVBMRQ==
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let operators = KedaOperator.all(in: index)
        let authentications = (index.objects("TriggerAuthentication") + index.objects("ClusterTriggerAuthentication"))
            .filter { ScaledResource.groups.contains($0.group) }
        for auth in authentications {
            let namespace: String?
            if auth.kind == "ClusterTriggerAuthentication" {
                guard let keda = operators.first, let objectNamespace = keda.clusterObjectNamespace(in: index) else { continue }
                namespace = objectNamespace
            } else {
                namespace = index.namespace(of: auth)
            }
            for (list, kind) in [("secretTargetRef", "Secret"), ("configMapTargetRef", "ConfigMap")] {
                for (position, ref) in auth.body["spec"][list].array.enumerated() {
                    guard let name = ref["name"].string, let key = ref["key"].string else { continue }
                    let field = "spec.\(list)[\(position)]"
                    let parameter = ref["parameter"].string ?? "?"
                    switch index.lookup(kind, namespace: namespace, name: name) {
                    case let .found(object):
                        let keys = index.dataKeys(kind: kind, namespace: namespace, name: name) ?? []
                        guard !keys.contains(key) else { continue }
                        findings.append(Self.description.finding(
                            auth, in: index, field: field,
                            message: "\(kind) \(namespace ?? "")/\(object.name) has no key \(key): KEDA passes an empty \(parameter) and the scaler fails as if it were not configured",
                            fix: "Add key \(key) to \(kind) \(namespace ?? "")/\(name), or set \(field).key to one it has (\(keys.sorted().joined(separator: ", "))).",
                            evidence: ["\(field).key: \(key)", "\(kind) \(name) keys: \(keys.sorted().joined(separator: ", "))"]))
                    case .missing:
                        findings.append(Self.description.finding(
                            auth, in: index, field: field,
                            message: "\(kind) \(namespace ?? "")/\(name) does not exist: KEDA passes an empty \(parameter) and the scaler fails as if it were not configured",
                            fix: "Create \(kind) \(name) with key \(key) in namespace \(namespace ?? ""), or fix \(field).name.",
                            evidence: ["\(field).name: \(name)"]))
                    case .notInInput:
                        findings.append(Self.description.finding(
                            auth, in: index, field: field,
                            message: "\(kind) \(namespace ?? "")/\(name) is not among the manifests read; if it is not in the cluster either, KEDA passes an empty \(parameter)",
                            fix: "Make sure \(kind) \(name) with key \(key) exists in namespace \(namespace ?? "")\(auth.kind == "ClusterTriggerAuthentication" ? " (ClusterTriggerAuthentication secrets are read from KEDA's namespace)" : "").",
                            evidence: ["\(field).name: \(name)"], severity: .warning))
                    case .unreadable:
                        continue
                    }
                }
            }
        }
        return findings
    }
}
