import Foundation

/// Controller, invoker and scheduler talk to the same Kafka: hosts, topic prefix and client security must match.
public struct KafkaSettingsDiffer: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-KAFKA-001", platform: .openwhisk, severity: .error,
        title: "Kafka client settings differ between controller, invoker and scheduler",
        rationale: """
            KAFKA_HOSTS, CONFIG_whisk_kafka_topics_prefix and the client security settings \
            CONFIG_whisk_kafka_common_* (securityProtocol, saslMechanism, saslJaasConfig, ssl*) must be the same on \
            controller, invoker and scheduler. The helm scheduler template has no place for the security settings, so a \
            cluster secured by hand often has them on two components only: the third fails to authenticate.
            """,
        fix: "Give controller, invoker and scheduler the same KAFKA_HOSTS, CONFIG_whisk_kafka_topics_prefix and CONFIG_whisk_kafka_common_* values.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
                    env:
                    - {name: KAFKA_HOSTS, value: "owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9093"}
                    - {name: CONFIG_whisk_kafka_common_securityProtocol, value: SASL_SSL}
                    - {name: CONFIG_whisk_kafka_common_saslMechanism, value: PLAIN}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-scheduler, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: scheduler
                    image: openwhisk/scheduler:ef725a6
                    env:
                    - {name: KAFKA_HOSTS, value: "owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9093"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
                    env:
                    - {name: KAFKA_HOSTS, value: "owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9093"}
                    - {name: CONFIG_whisk_kafka_common_securityProtocol, value: SASL_SSL}
                    - {name: CONFIG_whisk_kafka_common_saslMechanism, value: PLAIN}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-scheduler, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: scheduler
                    image: openwhisk/scheduler:ef725a6
                    env:
                    - {name: KAFKA_HOSTS, value: "owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9093"}
                    - {name: CONFIG_whisk_kafka_common_securityProtocol, value: SASL_SSL}
                    - {name: CONFIG_whisk_kafka_common_saslMechanism, value: PLAIN}
            """])

    /// What one component says for each compared setting: a literal, "(set from a reference)", or nil.
    package static func settings(_ component: OpenWhiskComponent) -> [String: String] {
        var out: [String: String] = [:]
        for variable in component.container.env {
            let name = variable.name
            guard name == "KAFKA_HOSTS" || name == "CONFIG_whisk_kafka_topics_prefix" || name.hasPrefix("CONFIG_whisk_kafka_common_") else { continue }
            // transformEnvironment.sh skips empty values: "" is the same as absent.
            if let literal = variable.literal { if !literal.isEmpty { out[name] = literal } } else { out[name] = "(from \(variable.valueFrom.members.first?.key ?? "valueFrom"))" }
        }
        return out
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let byNamespace = Dictionary(grouping: OpenWhiskComponent.all(in: index), by: { $0.namespace ?? "" })
        for namespace in byNamespace.keys.sorted() {
            let components = byNamespace[namespace]!
            guard Set(components.map(\.role)).count > 1 else { continue }
            let settings = components.map { ($0, Self.settings($0)) }
            let names = Set(settings.flatMap { $0.1.keys }).sorted()
            for name in names {
                // Hosts and prefix may be omitted from an excerpt; security settings must be everywhere.
                let strict = name.hasPrefix("CONFIG_whisk_kafka_common_")
                let values = settings.filter { strict || $0.1[name] != nil }.map { ($0.0, $0.1[name]) }
                let distinct = Set(values.map { $0.1 ?? "(not set)" })
                guard distinct.count > 1 else { continue }
                let shown = values.map { "\($0.0.role.rawValue) \($0.0.workload.object.name): \(name)=\(Evidence.shown(name: name, value: $0.1 ?? "(not set)"))" }
                let odd = values.first { ($0.1 ?? "(not set)") != values.first!.1 ?? "(not set)" } ?? values[0]
                let reference = values.first { $0.1 != nil }
                findings.append(Self.description.finding(
                    odd.0.workload.object, in: index,
                    field: odd.0.env[name].path ?? "\(odd.0.container.path).env",
                    message: "\(name) differs between OpenWhisk components in \(namespace) (\(values.map { "\($0.0.role.rawValue): \($0.1 == nil ? "not set" : Evidence.shown(name: name, value: $0.1!))" }.joined(separator: "; "))); a component with other Kafka settings cannot \(strict ? "authenticate to" : "reach the same") Kafka",
                    fix: "Set \(name) to the same value on controller, invoker and scheduler\(reference.map { " (as on the \($0.0.role.rawValue))" } ?? "").",
                    evidence: shown))
            }
        }
        return findings
    }
}
