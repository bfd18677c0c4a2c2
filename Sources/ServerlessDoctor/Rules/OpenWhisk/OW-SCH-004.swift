/// The scheduler reads required properties from env and aborts with "Bad configuration, cannot start."
/// when one is missing.
public struct SchedulerRequiredSettings: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-SCH-004", platform: .openwhisk, severity: .error,
        title: "Scheduler's required settings missing",
        rationale: """
            The scheduler requires PORT, WHISK_SCHEDULER_ENDPOINTS_HOST, WHISK_SCHEDULER_ENDPOINTS_RPCPORT, \
            WHISK_SCHEDULER_ENDPOINTS_AKKAPORT (PEKKOPORT on Pekko-era images), LIMITS_ACTIONS_INVOKES_CONCURRENT, \
            KAFKA_HOSTS, ZOOKEEPER_HOSTS (Akka-era images), RUNTIMES_MANIFEST and CONFIG_whisk_etcd_hosts. A missing one \
            logs "required property ... still not set" and the scheduler exits with "Bad configuration, cannot start."
            """,
        fix: "Set the missing variables on the scheduler container (the chart's scheduler-pod.yaml renders them all).",
        triggeringExamples: ["""
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
                    - {name: PORT, value: "8080"}
                    - {name: KAFKA_HOSTS, value: "owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9092"}
            """],
        nonTriggeringExamples: ["""
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
                    - {name: PORT, value: "8080"}
                    - name: WHISK_SCHEDULER_ENDPOINTS_HOST
                      valueFrom: {fieldRef: {fieldPath: status.podIP}}
                    - {name: WHISK_SCHEDULER_ENDPOINTS_RPCPORT, value: "13001"}
                    - {name: WHISK_SCHEDULER_ENDPOINTS_AKKAPORT, value: "25520"}
                    - {name: LIMITS_ACTIONS_INVOKES_CONCURRENT, value: "30"}
                    - {name: KAFKA_HOSTS, value: "owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9092"}
                    - {name: ZOOKEEPER_HOSTS, value: "owdev-zookeeper-0.owdev-zookeeper.openwhisk.svc.cluster.local:2181"}
                    - {name: RUNTIMES_MANIFEST, value: "{}"}
                    - {name: CONFIG_whisk_etcd_hosts, value: "owdev-etcd.openwhisk.svc.cluster.local:2379"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        OpenWhiskComponent.all(in: index).filter { $0.role == .scheduler }.compactMap { scheduler in
            var required = ["PORT", "WHISK_SCHEDULER_ENDPOINTS_HOST", "WHISK_SCHEDULER_ENDPOINTS_RPCPORT",
                            "LIMITS_ACTIONS_INVOKES_CONCURRENT", "KAFKA_HOSTS", "RUNTIMES_MANIFEST", "CONFIG_whisk_etcd_hosts"]
            let env = scheduler.env
            var missing = required.filter { env[$0].isUnset }
            switch scheduler.era {
            case .akkaSharding, .akkaFPC:
                required = ["WHISK_SCHEDULER_ENDPOINTS_AKKAPORT", "ZOOKEEPER_HOSTS"]
                missing += required.filter { env[$0].isUnset }
            case .pekko:
                if env["WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT"].isUnset { missing.append("WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT") }
            case .unknown:
                if env["WHISK_SCHEDULER_ENDPOINTS_AKKAPORT"].isUnset && env["WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT"].isUnset {
                    missing.append("WHISK_SCHEDULER_ENDPOINTS_AKKAPORT or _PEKKOPORT")
                }
            }
            guard !missing.isEmpty else { return nil }
            return Self.description.finding(
                scheduler.workload.object, in: index, field: "\(scheduler.container.path).env",
                message: "the scheduler (\(scheduler.container.image)) lacks \(missing.joined(separator: ", ")): it logs \"required property ... still not set\" and exits with \"Bad configuration, cannot start.\"",
                fix: "Set \(missing.joined(separator: ", ")) on container \(scheduler.container.name) (helm's scheduler-pod.yaml renders them).",
                evidence: missing.map { "\(scheduler.container.path).env: \($0) not set" })
        }
    }
}
