import Foundation
import ServerlessKEDA

/// A threshold of zero or less that the running KEDA still accepts: it divides by it.
public struct NonPositiveThresholdAccepted: Rule {
    public init() {}

    /// The triggering example; with a positive threshold it is the non-triggering one.
    package static let example = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: keda-operator, namespace: keda, labels: {app: keda-operator}}
        spec:
          template:
            spec:
              containers:
              - {name: keda-operator, image: "ghcr.io/kedacore/keda:2.17.0"}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: consumer, namespace: ingest}
        spec:
          template:
            spec:
              containers:
              - name: consumer
                image: registry.example.com/consumer:1.0
                env:
                - {name: EVENTHUB_CONNECTION, value: "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0"}
                - {name: STORAGE_CONNECTION, value: "DefaultEndpointsProtocol=https;AccountName=example;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net"}
        ---
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
              unprocessedEventThreshold: "0"
        """

    public static let description = RuleDescription(
        id: "KD-EH-004", platform: .keda, severity: .error,
        title: "unprocessedEventThreshold of 0 or less on a KEDA before 2.20",
        rationale: """
            KEDA before 2.20.0 accepts any integer as unprocessedEventThreshold. Its getTotalLagRelatedToPartitionAmount \
            (pkg/scalers/azure_eventhub_scaler.go) divides the unprocessed events by it, so 0 panics the scaler \
            ("integer divide by zero") on every poll; a negative value gives a negative HPA target that may never \
            scale as intended. From 2.20.0 KEDA rejects both (kedacore/keda#7732), which KD-EH-001 reports. The version \
            is the KEDA operator's in the input; without it the newest KEDA is assumed and this check stays quiet.
            """,
        fix: "Set unprocessedEventThreshold to a positive number of events per replica (the default is 64).",
        references: ["kedacore/keda#7732", "kedacore/keda#7733"],
        triggeringExamples: [Self.example],
        nonTriggeringExamples: [Self.example
            .replacingOccurrences(of: "unprocessedEventThreshold: \"0\"", with: "unprocessedEventThreshold: \"50\"")])

    public func check(_ index: DoctorIndex) -> [Finding] {
        // Cheap first: only an operator before 2.20 and a threshold text that may be 0 or less make parsing worth it.
        guard let version = KedaOperator.all(in: index).first?.version.flatMap({ KEDAVersion($0) }), !version.validatesThreshold,
              ScaledResource.all(in: index).contains(where: { $0.triggers.contains(where: Self.mayBeNonPositive) }) else { return [] }
        return EventHubTriggerParse.all(in: index).compactMap { parse in
            guard parse.versionFromOperator, case .success(let settings) = parse.result,
                  settings.unprocessedEventThreshold <= 0 else { return nil }
            let trigger = parse.trigger
            let field = "\(trigger.path).metadata.unprocessedEventThreshold"
            let zero = settings.unprocessedEventThreshold == 0
            return Self.description.finding(
                parse.resource.object, in: index, field: field,
                message: zero
                    ? "KEDA \(parse.version) accepts unprocessedEventThreshold 0 and then divides by it: the azure-eventhub scaler panics (\"integer divide by zero\") on every poll and \(parse.resource.object.name) never scales"
                    : "KEDA \(parse.version) accepts unprocessedEventThreshold \(settings.unprocessedEventThreshold): the HPA target is negative and scaling may not follow the events",
                evidence: [Evidence.field(field, trigger.metadata["unprocessedEventThreshold"]), "KEDA operator version: \(parse.version)"],
                severity: zero ? .error : .warning)
        }
    }

    /// `0`, `-5`, `00`: texts whose integer value may be zero or negative (the parse decides).
    package static func mayBeNonPositive(_ trigger: ScaledResource.Trigger) -> Bool {
        guard trigger.type == "azure-eventhub", let text = trigger.metadata("unprocessedEventThreshold") else { return false }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("-") || (!trimmed.isEmpty && trimmed.allSatisfy { $0 == "0" })
    }
}
