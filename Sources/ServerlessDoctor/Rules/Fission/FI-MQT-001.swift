import ServerlessKubernetes

/// Message queue triggers are run by a separate component that may not be installed.
public struct MessageQueueTriggerWithoutComponent: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-MQT-001", platform: .fission, severity: .error,
        title: "MessageQueueTrigger whose component is not installed",
        rationale: """
            mqtkind keda triggers are turned into ScaledObjects by the mqtrigger-keda Deployment (chart \
            mqt_keda.enabled) and need KEDA; mqtkind fission triggers are served by mqtrigger-kafka (kafka.enabled). \
            Without the component the trigger does nothing. Judged when the input holds the Fission control plane, or \
            else the Fission chart's values (kafka.enabled defaults to false, mqt_keda.enabled to true).
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
            """, """
            # The Fission chart's values beside the app's objects: kafka.enabled is off by default.
            defaultNamespace: default
            additionalFissionNamespaces: []
            ---
            apiVersion: fission.io/v1
            kind: MessageQueueTrigger
            metadata: {name: payments, namespace: default}
            spec:
              messageQueueType: kafka
              mqtkind: fission
              topic: payments
              functionref: {type: name, name: payments}
            """],
        nonTriggeringExamples: ["""
            # mqt_keda.enabled is on by default in the Fission chart.
            defaultNamespace: default
            additionalFissionNamespaces: []
            ---
            apiVersion: fission.io/v1
            kind: MessageQueueTrigger
            metadata: {name: orders, namespace: default}
            spec:
              messageQueueType: kafka
              mqtkind: keda
              topic: orders
              functionref: {type: name, name: orders}
            """, """
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
        let triggers = index.objects("MessageQueueTrigger", group: "fission.io")
        guard !triggers.isEmpty else { return [] }
        if plane.components.isEmpty, let values = plane.values.first {
            return triggers.compactMap { judge($0, byValues: values, in: index) }
        }
        guard !plane.components.isEmpty else { return [] }
        let names = Set(plane.components.map(\.name))
        return triggers.compactMap { trigger in
            let kind = trigger.body["spec"]["mqtkind"].string ?? "fission"
            let needed = kind == "keda" ? "mqtrigger-keda" : "mqtrigger-kafka"
            guard !names.contains(needed) else { return nil }
            return Self.description.finding(trigger, in: index, field: "spec.mqtkind",
                message: "MessageQueueTrigger \(trigger.name) (mqtkind \(kind)) needs the \(needed) Deployment, which is not among the Fission components (\(names.sorted().joined(separator: ", "))): the trigger does nothing",
                fix: Self.fix(kind),
                evidence: ["spec.mqtkind: \(kind)"])
        }
    }

    /// Only the Fission chart's values in the input: its switches say whether the component renders
    /// (fission/fission charts/fission-all/values.yaml: kafka.enabled defaults to false, mqt_keda.enabled to true).
    package func judge(_ trigger: KubeObject, byValues values: HelmValuesDocument, in index: DoctorIndex) -> Finding? {
        let kind = trigger.body["spec"]["mqtkind"].string ?? "fission"
        let (key, chartDefault) = kind == "keda" ? ("mqt_keda", true) : ("kafka", false)
        let setting = values.values[key]["enabled"]
        guard !(setting.bool ?? chartDefault) else { return nil }
        let needed = kind == "keda" ? "mqtrigger-keda" : "mqtrigger-kafka"
        return Self.description.finding(trigger, in: index, field: "spec.mqtkind",
            message: "MessageQueueTrigger \(trigger.name) (mqtkind \(kind)) needs the \(needed) Deployment, which \(values.file) does not render (\(key).enabled: \(setting.bool.map(String.init) ?? "not set, chart default \(chartDefault)")): the trigger does nothing",
            fix: Self.fix(kind),
            evidence: ["spec.mqtkind: \(kind)", "\(values.file): \(key).enabled: \(setting.bool.map(String.init) ?? "(not set)")"])
    }

    package static func fix(_ kind: String) -> String {
        kind == "keda" ? "Set mqt_keda.enabled: true in the Fission values (and install KEDA), then helm upgrade." : "Set kafka.enabled: true in the Fission values, then helm upgrade."
    }
}
