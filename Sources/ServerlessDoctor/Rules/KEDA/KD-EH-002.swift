import ServerlessKEDA

/// Activation above the per-replica threshold: the first replica waits for more events than a replica is sized for.
public struct EventHubActivationAboveThreshold: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-EH-002", platform: .keda, severity: .info,
        title: "Event Hub activation threshold above the per-replica threshold",
        rationale: """
            KEDA scales from zero only when unprocessed events exceed activationUnprocessedEventThreshold, and then \
            sizes replicas by unprocessedEventThreshold events each. An activation threshold above the per-replica one \
            leaves the target at zero while more events wait than one replica is meant to handle. That can be \
            deliberate (batching), so this is information only; it does not matter when minReplicaCount is above zero.
            """,
        fix: "Lower activationUnprocessedEventThreshold to at most unprocessedEventThreshold (0, the default, starts on the first event), or keep it if batching before the first replica is intended.",
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
                  unprocessedEventThreshold: "64"
                  activationUnprocessedEventThreshold: "500"
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
                  unprocessedEventThreshold: "64"
                  activationUnprocessedEventThreshold: "10"
            """, """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              minReplicaCount: 1
              triggers:
              - type: azure-eventhub
                metadata:
                  eventHubName: orders
                  connectionFromEnv: EventHubConnection
                  storageConnectionFromEnv: AzureWebJobsStorage
                  unprocessedEventThreshold: "64"
                  activationUnprocessedEventThreshold: "500"
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            // Activation only decides the step from zero replicas.
            if !resource.isJob, (resource.object.body["spec"]["minReplicaCount"].int ?? 0) > 0 { continue }
            for trigger in resource.triggers where trigger.type == "azure-eventhub" {
                // KEDA's defaults; values KEDA cannot read are KD-EH-001's.
                guard let threshold = Self.number(trigger, "unprocessedEventThreshold", default: KEDADefaults.unprocessedEventThreshold),
                      threshold > 0,
                      let activation = Self.number(trigger, "activationUnprocessedEventThreshold",
                                                   default: KEDADefaults.activationUnprocessedEventThreshold),
                      activation > threshold else { continue }
                let field = "\(trigger.path).metadata.activationUnprocessedEventThreshold"
                let target = resource.isJob ? "no job starts" : "\(resource.targetName ?? "the target") stays at zero replicas"
                findings.append(Self.description.finding(
                    resource.object, in: index, field: field,
                    message: "activationUnprocessedEventThreshold \(activation) is above unprocessedEventThreshold \(threshold): \(target) until more than \(activation) events are unprocessed, though one replica is sized for \(threshold)",
                    fix: "Set \(field) to at most \(threshold) (or leave it out: 0 starts on the first event), unless waiting for \(activation) events is intended.",
                    evidence: [Evidence.field("\(trigger.path).metadata.unprocessedEventThreshold", trigger.metadata["unprocessedEventThreshold"]),
                               Evidence.field(field, trigger.metadata["activationUnprocessedEventThreshold"])]))
            }
        }
        return findings
    }

    /// A plain integer setting as KEDA reads it (trimmed); nil when it is not one.
    package static func number(_ trigger: ScaledResource.Trigger, _ key: String, default value: Int64) -> Int64? {
        let raw = trigger.metadata[key]
        if raw.isNull { return value }
        guard let text = raw.string ?? raw.int.map(String.init) else { return nil }
        let trimmed = GoText.trimSpace(text)
        guard !trimmed.isEmpty else { return value }
        guard trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        return Int64(trimmed)
    }
}
