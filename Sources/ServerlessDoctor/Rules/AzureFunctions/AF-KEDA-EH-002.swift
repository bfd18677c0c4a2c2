/// KEDA's default checkpoint reader for an empty strategy is the Functions EventHubs extension v4 layout;
/// extension v5 (bundle v3+) keeps checkpoints in blob metadata, which only `blobMetadata` reads.
public struct FunctionsCheckpointFormatNotChosen: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-EH-002", platform: .azureFunctions, alsoFor: [.keda], severity: .warning,
        title: "Checkpoint format not chosen for a Functions Event Hub trigger",
        rationale: """
            With no checkpointStrategy and no blobContainer, KEDA reads the EventHubs extension v4 layout (blob body in \
            azure-webjobs-eventhub/<ns>/<hub>/<cg>/<partition>). Extension v5 and bundle v3+ write checkpoints into blob \
            metadata under .../<lower cg>/checkpoint/<partition>, which only checkpointStrategy blobMetadata reads: \
            otherwise every partition looks unprocessed and the app stays scaled out.
            """,
        fix: "Set checkpointStrategy: blobMetadata and blobContainer: azure-webjobs-eventhub (use azureFunction only for EventHubs extension v4).",
        references: ["kedacore/keda#3441", "Azure/azure-functions-core-tools#3367", "kedacore/keda#3596"],
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata:
                  direction: in
                  eventHubName: orders
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
                  eventHubName: orders
                  connectionFromEnv: EventHubConnection
                  storageConnectionFromEnv: AzureWebJobsStorage
                  checkpointStrategy: blobMetadata
                  blobContainer: azure-webjobs-eventhub
            """])

    /// Binding keys `func kubernetes deploy` copies from function.json into KEDA metadata.
    package static let bindingKeys = ["direction", "cardinality", "dataType"]

    public func check(_ index: DoctorIndex) -> [Finding] {
        let functionsWorkloads = Set(FunctionsHost.all(in: index).map { index.key(of: $0.workload.object) })
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            let targetIsFunctions = resource.target(in: index).map { functionsWorkloads.contains(index.key(of: $0.object)) } ?? false
            for trigger in resource.triggers where trigger.type == "azure-eventhub" && trigger.metadata("checkpointStrategy") == nil {
                let generated = Self.bindingKeys.contains { trigger.metadata($0) != nil }
                guard targetIsFunctions || generated else { continue }
                findings.append(Self.description.finding(
                    resource.object, in: index, field: "\(trigger.path).metadata",
                    message: "\(trigger.path) scales a Functions app but sets no checkpointStrategy: KEDA reads the EventHubs extension v4 layout\(trigger.metadata("blobContainer") == nil ? "" : " (legacy <cg>/<partition> with this blobContainer)"), while extension v5 writes blob metadata, so partitions look unprocessed",
                    fix: "Set checkpointStrategy: blobMetadata and blobContainer: azure-webjobs-eventhub in \(trigger.path).metadata (azureFunction only for EventHubs extension v4).",
                    evidence: ["\(trigger.path).metadata.checkpointStrategy: (not set)"]
                        + (targetIsFunctions ? ["\(resource.targetKind) \(resource.targetName ?? "") runs the Functions host"] : ["\(trigger.path).metadata carries Functions binding keys"])))
            }
        }
        return findings
    }
}
