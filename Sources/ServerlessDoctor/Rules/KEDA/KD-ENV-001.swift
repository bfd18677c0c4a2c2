import ServerlessKEDA
import ServerlessSupport

/// KEDA resolves the target's whole envFrom before any trigger; one missing source fails them all.
public struct TargetEnvFromMissing: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-ENV-001", platform: .keda, severity: .error,
        title: "Scale target's envFrom Secret or ConfigMap missing",
        rationale: """
            Before building any scaler KEDA reads every envFrom source of the target container; a missing Secret or \
            ConfigMap that is not optional fails all triggers ("error resolving secrets for ScaleTarget"). Secrets are \
            often managed outside the manifests, so on manifests a missing source is a warning, and only when the files \
            hold other objects of that kind in the namespace.
            """,
        fix: "Create the Secret/ConfigMap in the target's namespace, fix its name, or mark the envFrom source optional: true.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    envFrom:
                    - secretRef: {name: orders-settings}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-keys, namespace: functions}
            data: {host.master: RVhBTVBMRQ==}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-queue
                metadata: {queueName: orders, connectionFromEnv: AzureWebJobsStorage}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    envFrom:
                    - secretRef: {name: orders-settings}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-settings, namespace: functions}
            data: {AzureWebJobsStorage: RVhBTVBMRQ==}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-queue
                metadata: {queueName: orders, connectionFromEnv: AzureWebJobsStorage}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<String> = []
        // Namespaces whose Secrets (or ConfigMaps) the input carries: only there is an absent one telling.
        var supplied: Set<String> = []
        for kind in ["Secret", "ConfigMap"] {
            for object in index.objects(kind) { supplied.insert("\(kind)|\(index.namespace(of: object) ?? "")") }
        }
        for resource in ScaledResource.all(in: index) {
            guard let (workload, container) = resource.envContainer(in: index) else { continue }
            let namespace = index.namespace(of: workload.object)
            for source in container.envFrom where !source.optional {
                guard seen.insert("\(index.key(of: workload.object))|\(source.path)").inserted else { continue }
                let kind = source.kind.rawValue
                let lookup = index.lookup(kind, namespace: namespace, name: source.name)
                let severity: Severity
                switch lookup {
                case .missing: severity = .error
                case .notInInput where supplied.contains("\(kind)|\(namespace ?? "")"): severity = .warning
                default: continue
                }
                findings.append(Self.description.finding(
                    workload.object, in: index, field: source.path,
                    message: severity == .error
                        ? "\(kind) \(source.name) (envFrom of container \(container.name)) does not exist: KEDA fails every trigger of \(resource.object.name) (\"error resolving secrets for ScaleTarget\")"
                        : "\(kind) \(source.name) (envFrom of container \(container.name)) is not among the manifests read; if it is missing in the cluster, KEDA fails every trigger of \(resource.object.name)",
                    fix: "Create \(kind) \(source.name) in \(namespace ?? ""), fix the name, or set optional: true on \(source.path).",
                    evidence: ["\(source.path): \(kind) \(source.name)"], severity: severity))
            }
        }
        return findings
    }
}
