import ServerlessKubernetes

/// A trigger's authenticationRef must name a TriggerAuthentication in the same namespace, or a
/// ClusterTriggerAuthentication with `kind: ClusterTriggerAuthentication`.
public struct MissingTriggerAuthentication: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-TA-001", platform: .keda, severity: .error,
        title: "authenticationRef to a missing TriggerAuthentication",
        rationale: """
            KEDA looks the authenticationRef up as a TriggerAuthentication in the ScaledObject's namespace (or, with \
            kind: ClusterTriggerAuthentication, cluster-wide). When it is missing, the trigger gets none of its \
            parameters and fails as if the connection were not configured. A kind KEDA does not know is looked up \
            nowhere ("unknown trigger auth kind"), with the same result; the API server refuses it. On manifests, a \
            reference to an object not among the files is a warning: it may exist in the cluster.
            """,
        fix: "Create the TriggerAuthentication in the ScaledObject's namespace, fix the name, or set authenticationRef.kind: ClusterTriggerAuthentication for a cluster-wide one.",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                authenticationRef: {name: orders-eh-auth}
                metadata: {eventHubName: orders}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-auth, namespace: payments}
            spec:
              secretTargetRef:
              - {parameter: connection, name: orders, key: EventHubConnection}
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                authenticationRef: {name: orders-eh-auth}
                metadata: {eventHubName: orders}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-eh-auth, namespace: functions}
            spec:
              secretTargetRef:
              - {parameter: connection, name: orders, key: EventHubConnection}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let namespacesByName = Dictionary(grouping: index.objects("TriggerAuthentication"), by: \.name)
            .mapValues { $0.compactMap { index.namespace(of: $0) } }
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers {
                guard let ref = trigger.authenticationRef else { continue }
                if case let .unknown(kind) = ref.kind {
                    // KEDA's getTriggerAuthSpec: "unknown trigger auth kind"; resolveAuthRef logs it and goes on
                    // without parameters. The CRD's enum refuses the kind, as `checkpoints` does.
                    let field = "\(trigger.path).authenticationRef.kind"
                    findings.append(Self.description.finding(
                        resource.object, in: index, field: field,
                        message: "\(field) is \(kind), a kind KEDA does not know: the API server refuses it (TriggerAuthentication or ClusterTriggerAuthentication), and KEDA would look nothing up (\"unknown trigger auth kind \(kind)\"): the trigger gets no credentials",
                        fix: "Set \(field) to TriggerAuthentication (or leave it out) or ClusterTriggerAuthentication.",
                        evidence: [Evidence.field(field, .string(kind))]))
                    continue
                }
                guard let lookup = TriggerAuthentication.lookup(trigger, of: resource, in: index) else { continue }
                if case .found = lookup { continue }
                let namespace = index.namespace(of: resource.object) ?? ""
                let target = ref.described(triggerNamespace: namespace)
                let elsewhere = ref.isCluster ? [] : namespacesByName[ref.name] ?? []
                let hint = elsewhere.isEmpty ? "" : " (a TriggerAuthentication \(ref.name) exists in \(elsewhere.joined(separator: ", ")); it must be in \(namespace))"
                let field = "\(trigger.path).authenticationRef.name"
                switch lookup {
                case .missing:
                    findings.append(Self.description.finding(
                        resource.object, in: index, field: field,
                        message: "\(field) names \(target), which does not exist\(hint): the trigger gets no credentials",
                        evidence: [Evidence.field(field, .string(ref.name))]))
                case .notInInput:
                    findings.append(Self.description.finding(
                        resource.object, in: index, field: field,
                        message: "\(field) names \(target), which is not among the manifests read\(hint); if it is not in the cluster either, the trigger gets no credentials",
                        evidence: [Evidence.field(field, .string(ref.name))], severity: elsewhere.isEmpty ? .warning : .error))
                default: continue
                }
            }
        }
        return findings
    }
}
