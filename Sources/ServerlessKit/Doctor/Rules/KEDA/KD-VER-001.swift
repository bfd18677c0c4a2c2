/// KEDA 2.15.0 and 2.15.1 turn a partition without a checkpoint blob into a fatal scaler error.
public struct EventHubCheckpointRegression: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-VER-001", platform: .keda, severity: .error,
        title: "KEDA 2.15.0/2.15.1 with azure-eventhub triggers",
        rationale: """
            In KEDA 2.15.0 and 2.15.1 a partition that has no checkpoint blob yet (a new consumer group, an idle \
            partition) makes the whole azure-eventhub scaler fail with "unable to get checkpoint from storage" \
            (`%!w(<nil>)`): the ScaledObject shows PartialTriggerError or ScalerNotActive and does not scale. Fixed in 2.16.0.
            """,
        fix: "Upgrade the KEDA operator to 2.16.0 or newer.",
        references: ["kedacore/keda#6084", "kedacore/keda#6096"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.15.1
                    env:
                    - {name: WATCH_NAMESPACE, value: ""}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.16.0
                    env:
                    - {name: WATCH_NAMESPACE, value: ""}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let eventHubObjects = ScaledResource.all(in: index).filter { $0.triggers.contains { $0.type == "azure-eventhub" } }
        guard !eventHubObjects.isEmpty else { return [] }
        return KedaOperator.all(in: index).compactMap { keda in
            guard let numbers = keda.versionNumbers, numbers[0] == 2, numbers[1] == 15, numbers[2] <= 1 else { return nil }
            let names = eventHubObjects.prefix(3).map { "\($0.object.kind) \(index.namespace(of: $0.object) ?? "")/\($0.object.name)" }
            return Self.description.finding(
                keda.workload.object, in: index, field: "\(keda.container.path).image",
                message: "KEDA \(keda.version ?? "") fails the whole azure-eventhub scaler when a partition has no checkpoint blob yet (\"unable to get checkpoint from storage\"); \(eventHubObjects.count) object(s) use that scaler: \(names.joined(separator: ", "))",
                fix: "Upgrade the KEDA operator to 2.16.0 or newer (image ghcr.io/kedacore/keda:2.16.0+, or helm upgrade keda kedacore/keda --version 2.16.0+).",
                evidence: [Evidence.field("\(keda.container.path).image", .string(keda.container.image))])
        }
    }
}
