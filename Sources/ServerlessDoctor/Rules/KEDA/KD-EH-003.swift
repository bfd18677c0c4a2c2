import ServerlessSupport

/// blobContainer without checkpointStrategy: KEDA silently picks its oldest checkpoint reader.
public struct LegacyCheckpointReader: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-EH-003", platform: .keda, severity: .warning,
        title: "blobContainer without checkpointStrategy reads the legacy checkpoint layout",
        rationale: """
            With blobContainer set and no checkpointStrategy, KEDA's newCheckpointer (pkg/scalers/azure/\
            azure_eventhub_checkpoint.go) falls through to its default reader: a JSON blob body at \
            <blobContainer>/<consumerGroup>/<partitionId>, the layout of the retired EventProcessorHost SDKs. The current \
            SDKs (azure-messaging-eventhubs, azure-eventhub for Python, azeventhubs for Go) write blob metadata under \
            <namespace>/<hub>/<consumerGroup>/checkpoint/<partitionId>, which only blobMetadata or goSdk read: with \
            them every partition may look unprocessed and the target stays scaled out. Functions apps are judged by \
            AF-KEDA-EH-002.
            """,
        fix: "Set checkpointStrategy to the one your consumer's SDK writes (blobMetadata for .NET/Java/Python/JS, goSdk for Go, dapr for Dapr); keep it unset only for the legacy EventProcessorHost layout.",
        references: ["kedacore/keda#2668"],
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: consumer, namespace: ingest}
            spec:
              scaleTargetRef: {name: consumer}
              triggers:
              - type: azure-eventhub
                metadata:
                  connectionFromEnv: EVENTHUB_CONNECTION
                  storageConnectionFromEnv: STORAGE_CONNECTION
                  eventHubName: telemetry
                  blobContainer: checkpoints
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: consumer, namespace: ingest}
            spec:
              scaleTargetRef: {name: consumer}
              triggers:
              - type: azure-eventhub
                metadata:
                  connectionFromEnv: EVENTHUB_CONNECTION
                  storageConnectionFromEnv: STORAGE_CONNECTION
                  eventHubName: telemetry
                  blobContainer: checkpoints
                  checkpointStrategy: blobMetadata
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            let legacy = resource.triggers.filter {
                $0.type == "azure-eventhub" && $0.metadata("checkpointStrategy") == nil && $0.metadata("blobContainer") != nil
            }
            guard !legacy.isEmpty, !resource.scalesFunctionsHost(in: index) else { continue }
            for trigger in legacy {
                guard let container = trigger.metadata("blobContainer") else { continue }
                // A Functions binding copied by hand is AF-KEDA-EH-002's.
                guard !FunctionsCheckpointFormatNotChosen.bindingKeys.contains(where: { trigger.metadata($0) != nil }) else { continue }
                let group = trigger.metadata("consumerGroup") ?? "$Default"
                findings.append(Self.description.finding(
                    resource.object, in: index, field: "\(trigger.path).metadata.blobContainer",
                    message: "\(trigger.path) sets blobContainer \(container) but no checkpointStrategy: KEDA reads the legacy layout (a JSON body at \(container)/\(group)/<partition>), which current Event Hubs SDKs do not write; partitions may look unprocessed",
                    evidence: ["\(trigger.path).metadata.blobContainer: \(container)", "\(trigger.path).metadata.checkpointStrategy: (not set)"]))
            }
        }
        return findings
    }
}
