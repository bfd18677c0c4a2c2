import ServerlessKubernetes

/// KEDA appends `;EntityPath=<eventHubName>` only when it knows the hub name; a namespace-level
/// connection string (what Functions apps use) and no name fails the scaler.
public struct EventHubNameUnknown: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-EH-004", platform: .azureFunctions, alsoFor: [.keda], severity: .warning,
        title: "Event Hub name not given to KEDA",
        rationale: """
            Without eventHubName or eventHubNameFromEnv, KEDA needs EntityPath in the connection string; Functions \
            connection strings are usually namespace-level, and the scaler fails with "connection string does not \
            contain event hub name, and parameter eventHubName not provided". Judged on Functions hosts only. When the \
            connection string is in the input, KEDA's own parser decides (error when it has no EntityPath, nothing when \
            it has one); otherwise it is a warning. With workload identity the name is always required (error).
            """,
        fix: "Set eventHubName (or eventHubNameFromEnv) in the trigger's metadata to the hub the function reads.",
        references: ["kedacore/keda#3922"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: registry.example.com/orders:1.4.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
                    - {name: EventHubConnection, valueFrom: {secretKeyRef: {name: orders-secrets, key: EventHubConnection}}}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: orders-secrets, key: AzureWebJobsStorage}}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata:
                  connectionFromEnv: EventHubConnection
                  storageConnectionFromEnv: AzureWebJobsStorage
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata:
                  connectionFromEnv: EventHubConnection
                  storageConnectionFromEnv: AzureWebJobsStorage
                  eventHubName: orders
            """, """
            # Not a Functions host (a plain Event Hub consumer, as in KEDA's own e2e tests): KEDA's rules judge it.
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: consumer, namespace: keda-e2e}
            spec:
              template:
                spec:
                  containers:
                  - name: consumer
                    image: registry.example.com/eventhub-consumer:1.0
                    env:
                    - {name: EVENTHUB_CONNECTION, valueFrom: {secretKeyRef: {name: consumer-secret, key: connection}}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: consumer, namespace: keda-e2e}
            spec:
              scaleTargetRef: {name: consumer}
              triggers:
              - type: azure-eventhub
                metadata:
                  connectionFromEnv: EVENTHUB_CONNECTION
                  storageConnectionFromEnv: EVENTHUB_CONNECTION
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let unnamed = ScaledResource.all(in: index).filter { resource in
            resource.triggers.contains { $0.type == "azure-eventhub" && Self.namesNoHub($0) } && resource.scalesFunctionsHost(in: index)
        }
        guard !unnamed.isEmpty else { return [] }
        // What KEDA's own parser made of each trigger whose inputs (the connection Secret) are in the input.
        var parsed: [String: EventHubTriggerParse] = [:]
        for parse in EventHubTriggerParse.all(in: index) {
            parsed["\(index.namespace(of: parse.resource.object) ?? "")/\(parse.resource.object.name)/\(parse.trigger.path)"] = parse
        }
        var findings: [Finding] = []
        for resource in unnamed {
            for trigger in resource.triggers where trigger.type == "azure-eventhub" && Self.namesNoHub(trigger) {
                let identity = TriggerAuthentication.resolved(trigger, of: resource, in: index).found?.usesAzureWorkloadIdentity ?? false
                let evidence = ["\(trigger.path).metadata: no eventHubName or eventHubNameFromEnv"]
                let fix = "Set eventHubName in \(trigger.path).metadata to the hub the function reads (or eventHubNameFromEnv)."
                let key = "\(index.namespace(of: resource.object) ?? "")/\(resource.object.name)/\(trigger.path)"
                if let parse = parsed[key] {
                    // The connection string is in the input: KEDA's answer, not a guess.
                    guard case .failure(let error) = parse.result, error.code == .noEventHubName else { continue }
                    findings.append(Self.description.finding(
                        resource.object, in: index, field: "\(trigger.path).metadata",
                        message: "\(trigger.path) names no Event Hub and its connection string has no EntityPath: KEDA fails with \"\(error.reason)\"",
                        fix: fix, evidence: evidence + ["connection string: no EntityPath"], severity: .error))
                    continue
                }
                findings.append(Self.description.finding(
                    resource.object, in: index, field: "\(trigger.path).metadata",
                    message: identity
                        ? "\(trigger.path) uses workload identity but names no Event Hub: KEDA fails with \"no event hub name string given\""
                        : "\(trigger.path) names no Event Hub and the connection string is not in the input: unless it carries EntityPath, KEDA may fail with \"connection string does not contain event hub name, and parameter eventHubName not provided\"",
                    fix: fix, evidence: evidence, severity: identity ? .error : .warning))
            }
        }
        return findings
    }

    package static func namesNoHub(_ trigger: ScaledResource.Trigger) -> Bool {
        trigger.metadata("eventHubName") == nil && trigger.metadata("eventHubNameFromEnv") == nil
    }
}
