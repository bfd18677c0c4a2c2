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
            contain event hub name, and parameter eventHubName not provided". With workload identity the name is always \
            required (error).
            """,
        fix: "Set eventHubName (or eventHubNameFromEnv) in the trigger's metadata to the hub the function reads.",
        references: ["kedacore/keda#3922"],
        triggeringExamples: ["""
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
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers where trigger.type == "azure-eventhub" {
                guard trigger.metadata("eventHubName") == nil, trigger.metadata("eventHubNameFromEnv") == nil else { continue }
                let auth = TriggerAuthentication.resolved(trigger, of: resource, in: index)
                let identity = auth.found?.podIdentityProvider == "azure-workload"
                findings.append(Self.description.finding(
                    resource.object, in: index, field: "\(trigger.path).metadata",
                    message: identity
                        ? "\(trigger.path) uses workload identity but names no Event Hub: KEDA fails with \"no event hub name string given\""
                        : "\(trigger.path) names no Event Hub: unless the connection string carries EntityPath, KEDA fails with \"connection string does not contain event hub name, and parameter eventHubName not provided\"",
                    fix: "Set eventHubName in \(trigger.path).metadata to the hub the function reads (or eventHubNameFromEnv).",
                    evidence: ["\(trigger.path).metadata: no eventHubName or eventHubNameFromEnv"],
                    severity: identity ? .error : .warning))
            }
        }
        return findings
    }
}
