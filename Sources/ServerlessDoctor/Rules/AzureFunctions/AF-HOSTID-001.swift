import ServerlessKubernetes

/// Without an explicit host id, a self-hosted Functions host derives it from the pod name: every replica
/// and every rollout gets its own id, so timers and singletons run on each replica.
public struct UnstableHostID: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-HOSTID-001", platform: .azureFunctions, severity: .warning,
        title: "No stable host id on self-hosted Kubernetes",
        rationale: """
            Outside App Service, Container Apps and App Service on Kubernetes, the host id is <pod name>-<hash>: each \
            replica and each rollout gets its own id. Timer triggers fire on every replica, singleton locks do not \
            exclude each other, and blob-stored keys change on redeploy. Raised to error when a timer trigger is visible.
            """,
        fix: "Set AzureFunctionsWebHost__hostid to a stable value of at most 32 lower-case letters, digits and dashes, unique per storage account.",
        references: ["Azure/azure-functions-host#7128", "Azure/azure-functions-host#6015", "Azure/azure-functions-host#11108"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureFunctionsJobHost__functions__0, value: TimerTrigger1}
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              replicas: 0
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: node}
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
              replicas: 3
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureFunctionsJobHost__functions__0, value: TimerTrigger1}
                    - {name: AzureFunctionsWebHost__hostid, value: orders}
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: node}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let scaled = ScaledResource.byTarget(in: index)
        let autoscalers = index.autoscalersByTarget()
        return FunctionsHost.all(in: index).compactMap { host in
            let env = host.env
            guard !env["POD_NAMESPACE"].isSet, !env["MANAGED_ENVIRONMENT"].isSet, !env["WEBSITE_INSTANCE_ID"].isSet,
                  env["AzureFunctionsWebHost__hostid"].isUnset else { return nil }
            let object = host.workload.object
            let key = index.key(of: object)
            var evidence: [String] = []
            var field = "spec.replicas"
            if let replicas = host.workload.replicas, replicas > 1 {
                evidence.append("spec.replicas: \(replicas)")
            }
            for hpa in autoscalers[key] ?? [] {
                evidence.append("HorizontalPodAutoscaler \(hpa.name) scales it (maxReplicas: \(hpa.body["spec"]["maxReplicas"].string ?? "?"))")
            }
            var timer = false
            for resource in scaled[key] ?? [] where resource.maxReplicaCount != 1 {
                let explicit = resource.object.body["spec"]["maxReplicaCount"].isNull ? " (KEDA's default)" : ""
                evidence.append("ScaledObject \(resource.object.name) maxReplicaCount: \(resource.maxReplicaCount)\(explicit)")
                timer = timer || resource.triggers.contains { ["timertrigger", "cron"].contains($0.type.lowercased()) }
            }
            guard !evidence.isEmpty else { return nil }
            if host.workload.replicas == nil || host.workload.replicas! <= 1 { field = "\(host.container.path).env" }
            return Self.description.finding(
                object, in: index, field: field,
                message: "the host id of container \(host.container.name) is derived from the pod name, so each replica (and each rollout) gets its own id: timer triggers fire on every replica, singleton locks do not exclude each other, and blob-stored keys change on redeploy",
                fix: "Set AzureFunctionsWebHost__hostid=\(Self.suggestedID(object.name)) in container \(host.container.name) (at most 32 characters, unique per storage account).",
                evidence: evidence + ["\(host.container.path).env: AzureFunctionsWebHost__hostid not set"],
                severity: timer ? .error : .warning)
        }
    }

    package static func suggestedID(_ name: String) -> String {
        let cleaned = String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }.prefix(32))
        return cleaned.hasSuffix("-") ? String(cleaned.dropLast()) : cleaned
    }
}
