import ServerlessKubernetes

/// Core tools drops `protocol` and `authenticationMode` when it maps a Kafka binding to a KEDA trigger.
public struct KafkaTriggerWithoutSecurity: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-KAFKA-001", platform: .azureFunctions, alsoFor: [.keda], severity: .warning,
        title: "Kafka trigger to a managed endpoint without SASL/TLS",
        rationale: """
            `func kubernetes deploy` maps brokerList to bootstrapServers but drops protocol and authenticationMode, so \
            SASL/TLS never reach KEDA. A kafka trigger with no sasl/tls metadata and no authenticationRef, pointing at \
            an endpoint that needs them (port 9093, Event Hubs, Confluent Cloud), cannot read the lag.
            """,
        fix: "Add sasl (e.g. plaintext) and tls: enable to the trigger metadata, with credentials through a TriggerAuthentication (authenticationRef).",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: kafka
                metadata: {bootstrapServers: "shop.servicebus.windows.net:9093", topic: orders, consumerGroup: functions}
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: kafka
                authenticationRef: {name: kafka-auth}
                metadata: {bootstrapServers: "shop.servicebus.windows.net:9093", topic: orders, consumerGroup: functions, sasl: plaintext, tls: enable}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers where trigger.type == "kafka" || trigger.type == "apache-kafka" {
                guard trigger.authenticationRef == nil, trigger.metadata("sasl") == nil, trigger.metadata("tls") == nil,
                      let servers = trigger.metadata("bootstrapServers") ?? trigger.metadata("brokerList"),
                      servers.contains(":9093") || servers.contains("servicebus.windows.net") || servers.contains("confluent.cloud") else { continue }
                findings.append(Self.description.finding(resource.object, in: index, field: trigger.path,
                    message: "\(trigger.path) reads Kafka at \(servers) without sasl, tls or authenticationRef: that endpoint needs SASL/TLS, so KEDA cannot read the consumer lag",
                    evidence: ["\(trigger.path).metadata.bootstrapServers: \(servers)", "\(trigger.path).metadata: no sasl, tls or authenticationRef"]))
            }
        }
        return findings
    }
}
