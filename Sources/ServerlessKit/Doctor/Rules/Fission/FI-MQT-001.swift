/// Message queue triggers are run by a separate component that may not be installed.
public struct MessageQueueTriggerWithoutComponent: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-MQT-001", platform: .fission, severity: .error,
        title: "MessageQueueTrigger whose component is not installed",
        rationale: """
            mqtkind keda triggers are turned into ScaledObjects by the mqtrigger-keda Deployment (chart \
            mqt_keda.enabled) and need KEDA; mqtkind fission triggers are served by mqtrigger-kafka (kafka.enabled). \
            Without the component the trigger does nothing. Judged when the input holds the Fission control plane.
            """,
        fix: "Enable the component in the Fission helm values (mqt_keda.enabled: true, or kafka.enabled: true) and helm upgrade.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
            ---
            apiVersion: fission.io/v1
            kind: MessageQueueTrigger
            metadata: {name: orders, namespace: default}
            spec:
              messageQueueType: kafka
              mqtkind: keda
              topic: orders
              functionref: {type: name, name: orders}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: mqtrigger-keda, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: mqtrigger-keda
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
            ---
            apiVersion: fission.io/v1
            kind: MessageQueueTrigger
            metadata: {name: orders, namespace: default}
            spec:
              messageQueueType: kafka
              mqtkind: keda
              topic: orders
              functionref: {type: name, name: orders}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let plane = index.fission
        guard !plane.components.isEmpty else { return [] }
        let names = Set(plane.components.map(\.name))
        return index.objects("MessageQueueTrigger", group: "fission.io").compactMap { trigger in
            let kind = trigger.body["spec"]["mqtkind"].string ?? "fission"
            let needed = kind == "keda" ? "mqtrigger-keda" : "mqtrigger-kafka"
            guard !names.contains(needed) else { return nil }
            return Self.description.finding(trigger, in: index, field: "spec.mqtkind",
                message: "MessageQueueTrigger \(trigger.name) (mqtkind \(kind)) needs the \(needed) Deployment, which is not among the Fission components (\(names.sorted().joined(separator: ", "))): the trigger does nothing",
                fix: kind == "keda" ? "Set mqt_keda.enabled: true in the Fission values (and install KEDA), then helm upgrade." : "Set kafka.enabled: true in the Fission values, then helm upgrade.",
                evidence: ["spec.mqtkind: \(kind)"])
        }
    }
}
