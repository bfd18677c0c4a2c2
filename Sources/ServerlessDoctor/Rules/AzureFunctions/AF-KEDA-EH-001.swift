import ServerlessKubernetes

/// KEDA's azure-eventhub scaler reads checkpoints from blob storage; without a storage connection it
/// fails to build: "no storage connection string given".
public struct EventHubWithoutCheckpointStorage: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-EH-001", platform: .azureFunctions, alsoFor: [.keda], severity: .error,
        title: "Event Hub trigger without checkpoint storage",
        rationale: """
            The azure-eventhub scaler counts unprocessed events from the checkpoints in blob storage. Without \
            storageConnectionFromEnv, a TriggerAuthentication parameter storageConnection, or workload identity, the \
            scaler fails with "no storage connection string given" and the ScaledObject never becomes Ready. \
            `func kubernetes deploy` generates exactly this trigger.
            """,
        fix: "Add storageConnectionFromEnv: AzureWebJobsStorage to the trigger's metadata (the Functions host checkpoints into its own storage account).",
        references: ["Azure/azure-functions-core-tools#2505", "Azure/azure-functions-core-tools#3367", "kedacore/keda#2363"],
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
                  eventHubName: orders
                  consumerGroup: $Default
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
                  checkpointStrategy: blobMetadata
                  blobContainer: azure-webjobs-eventhub
            """, """
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
              - {parameter: storageConnection, name: orders, key: AzureWebJobsStorage}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers where trigger.type == "azure-eventhub" {
                // Named, or its authentication is not in the input to tell (KD-TA-001 reports that).
                guard EventHubCheckpointStorage.isNamed(trigger, of: resource, in: index) == false else { continue }
                findings.append(Self.description.finding(
                    resource.object, in: index, field: trigger.path,
                    message: "\(trigger.path) (azure-eventhub) names no checkpoint storage: KEDA fails with \"no storage connection string given\" and never scales \(resource.targetName ?? "the target")",
                    fix: "Add storageConnectionFromEnv: AzureWebJobsStorage to \(trigger.path).metadata, or a storageConnection parameter to its TriggerAuthentication.",
                    evidence: ["\(trigger.path).metadata: no storageConnectionFromEnv"]
                        + (trigger.authenticationRef.map { ["\(trigger.path).authenticationRef.name: \($0.name) (no storageConnection parameter)"] } ?? [])))
            }
        }
        return findings
    }
}
