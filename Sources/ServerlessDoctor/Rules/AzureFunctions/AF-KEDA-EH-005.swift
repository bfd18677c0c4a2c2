import ServerlessSupport

/// `checkpointStrategy: azureFunction` reads the EventHubs extension v4 layout, which extension 5+ no longer writes.
public struct AzureFunctionStrategyOnNewExtension: Rule {
    public init() {}

    /// The triggering example; with blobMetadata it is the non-triggering one.
    package static let example = """
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
                - {name: FUNCTIONS_EXTENSION_VERSION, value: "~4"}
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
              eventHubName: orders
              checkpointStrategy: azureFunction
        """

    public static let description = RuleDescription(
        id: "AF-KEDA-EH-005", platform: .azureFunctions, alsoFor: [.keda], severity: .warning,
        title: "checkpointStrategy azureFunction on a Functions host that may run EventHubs extension 5+",
        rationale: """
            KEDA's azureFunction strategy (and an empty blobContainer, which selects it) reads a JSON blob body at \
            azure-webjobs-eventhub/<namespace>/<hub>/<consumerGroup>/<partition>: the layout of the EventHubs extension \
            4.x. Extension 5 and later, which extension bundle 3+ and the isolated worker bring, write checkpoints into \
            blob metadata under .../<consumergroup>/checkpoint/<partition>, read only by blobMetadata \
            (kedacore/keda#2668). Which extension an app runs is in its build, not its manifest, so this is a warning: \
            unless the app pins the EventHubs extension 4.x, every partition may look unprocessed and the app stays \
            scaled out.
            """,
        fix: "Set checkpointStrategy: blobMetadata and blobContainer: azure-webjobs-eventhub, unless the app pins Microsoft.Azure.WebJobs.Extensions.EventHubs 4.x.",
        references: ["kedacore/keda#2668"],
        triggeringExamples: [Self.example],
        nonTriggeringExamples: [Self.example.replacingOccurrences(
            of: "checkpointStrategy: azureFunction", with: "checkpointStrategy: blobMetadata\n      blobContainer: azure-webjobs-eventhub")])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            // No strategy at all is AF-KEDA-EH-002's; this one is the explicit choice.
            let chosen = resource.triggers.filter { $0.type == "azure-eventhub" && $0.metadata("checkpointStrategy") == "azureFunction" }
            guard !chosen.isEmpty, resource.scalesFunctionsHost(in: index) else { continue }
            for trigger in chosen {
                let field = "\(trigger.path).metadata.checkpointStrategy"
                findings.append(Self.description.finding(
                    resource.object, in: index, field: field,
                    message: "\(trigger.path) scales a Functions app with checkpointStrategy azureFunction, which reads the EventHubs extension 4.x layout; extension 5+ (bundle 3+, the isolated worker) writes blob metadata instead, so unless the app pins 4.x every partition may look unprocessed",
                    evidence: [Evidence.field(field, .string("azureFunction")),
                               "\(resource.targetKind) \(resource.targetName ?? "") runs the Functions host"]))
            }
        }
        return findings
    }
}
