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
            """, """
            # KEDA chart values pinning the operator image
            image:
              keda:
                tag: 2.15.0
            watchNamespace: ""
            metricsServer: {replicaCount: 1}
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
        // The count and the names agree: the first few by name, then how many more (issue: "5 object(s)" listed 3).
        let names = NameList.some(eventHubObjects.map { "\($0.object.kind) \(index.namespace(of: $0.object) ?? "")/\($0.object.name)" })
        // The version detector `checkpoints` uses too: operator Deployments and KEDA chart values.
        return index.kedaSightings.compactMap { sighting in
            guard let version = sighting.version, version.missingCheckpointIsFatal else { return nil }
            let message = "KEDA \(version) fails the whole azure-eventhub scaler when a partition has no checkpoint blob yet (\"unable to get checkpoint from storage\"); \(eventHubObjects.count) object(s) use that scaler: \(names)"
            if let deployment = sighting.deployment, let container = sighting.container {
                return Self.description.finding(
                    deployment.object, in: index, field: "\(container.path).image", message: message,
                    fix: "Upgrade the KEDA operator to 2.16.0 or newer (image ghcr.io/kedacore/keda:2.16.0+, or helm upgrade keda kedacore/keda --version 2.16.0+).",
                    evidence: [Evidence.field("\(container.path).image", .string(container.image))])
            }
            guard let values = sighting.values else { return nil }
            return Self.description.finding(
                values, field: "image.keda.tag", message: message,
                fix: "Set image.keda.tag to 2.16.0 or newer (or remove it to use the chart's own version) and helm upgrade.",
                evidence: [Evidence.field("image.keda.tag", .string(sighting.versionText ?? ""))])
        }
    }
}
