import ServerlessKEDA

/// KEDA does not validate `checkpointStrategy`: a strategy needing a container without one reads the empty
/// container name, and an unknown or mis-cased value silently falls back to another reader.
public struct CheckpointStrategyMisconfigured: Rule {
    public init() {}

    /// KEDA's strategy table: the names a `checkpointStrategy` value may take, and those that read blobContainer.
    package static let strategies = CheckpointStrategy.names
    package static let needContainer = Set(CheckpointStrategy.named.filter(\.needsContainer).compactMap(\.name))
    package static let strategyList = strategies.joined(separator: ", ")
    /// `blobMetadata, goSdk and dapr`.
    package static let needContainerList: String = {
        let names = strategies.filter(needContainer.contains)
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }()

    public static let description = RuleDescription(
        id: "AF-KEDA-EH-003", platform: .azureFunctions, alsoFor: [.keda], severity: .error,
        title: "checkpointStrategy unknown, mis-cased, or without blobContainer",
        rationale: """
            checkpointStrategy is compared exactly (BlobMetadata is unknown). An unknown value becomes the legacy \
            <cg>/<partition> reader when blobContainer is set, or azureFunction when it is not, and KEDA says nothing. \
            \(needContainerList) read from blobContainer and need it set.
            """,
        fix: "Use one of \(strategyList) exactly, and set blobContainer for \(needContainerList).",
        references: ["kedacore/keda#3441"],
        triggeringExamples: ["""
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
                  checkpointStrategy: BlobMetadata
                  blobContainer: azure-webjobs-eventhub
            """, """
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

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers where trigger.type == "azure-eventhub" {
                guard let strategy = trigger.metadata("checkpointStrategy") else { continue }
                let container = trigger.metadata("blobContainer")
                let field = "\(trigger.path).metadata.checkpointStrategy"
                if !Self.strategies.contains(strategy) {
                    let meant = Self.strategies.first { $0.lowercased() == strategy.lowercased() }
                    let fallback = container == nil ? "azureFunction (container \(KEDADefaults.functionsContainer))" : "the legacy <consumerGroup>/<partition> reader in \(container!)"
                    findings.append(Self.description.finding(
                        resource.object, in: index, field: field,
                        message: "checkpointStrategy \"\(strategy)\" is not a KEDA strategy\(meant.map { " (the value is case-sensitive: \($0))" } ?? ""); KEDA silently uses \(fallback) instead",
                        fix: "Set \(field) to \(meant ?? "one of \(Self.strategyList)") exactly\(meant.map { Self.needContainer.contains($0) && container == nil ? " and set blobContainer" : "" } ?? "").",
                        evidence: [Evidence.field(field, .string(strategy))]))
                } else if Self.needContainer.contains(strategy) && container == nil {
                    findings.append(Self.description.finding(
                        resource.object, in: index, field: field,
                        message: "checkpointStrategy \(strategy) reads checkpoints from blobContainer, which is not set: KEDA looks in a container with an empty name",
                        fix: "Set \(trigger.path).metadata.blobContainer to the checkpoint container (\(KEDADefaults.functionsContainer) for Azure Functions).",
                        evidence: [Evidence.field(field, .string(strategy)), "\(trigger.path).metadata.blobContainer: (not set)"]))
                }
            }
        }
        return findings
    }
}
