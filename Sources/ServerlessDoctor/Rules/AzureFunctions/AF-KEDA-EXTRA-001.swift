/// Core tools copies every string property of a Functions binding into the KEDA trigger metadata.
public struct FunctionsKeysInTriggerMetadata: Rule {
    public init() {}

    package static let functionsOnlyKeys = ["direction", "cardinality", "dataType"]

    public static let description = RuleDescription(
        id: "AF-KEDA-EXTRA-001", platform: .azureFunctions, alsoFor: [.keda], severity: .info,
        title: "Functions-only keys left in KEDA trigger metadata",
        rationale: """
            `func kubernetes deploy` copies function.json binding keys (direction, cardinality, dataType) into the \
            trigger metadata. KEDA ignores them, but with KEDA_CHECK_UNEXPECTED_SCALERS_PARAMS=enabled it records an \
            event for each, and they show the ScaledObject was generated and may lack settings KEDA needs.
            """,
        fix: "Remove direction, cardinality and dataType from the trigger metadata.",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-queue
                metadata: {direction: in, queueName: orders, connectionFromEnv: AzureWebJobsStorage}
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-queue
                metadata: {queueName: orders, connectionFromEnv: AzureWebJobsStorage}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers {
                let keys = Self.functionsOnlyKeys.filter { !trigger.metadata[$0].isNull }
                guard let first = keys.first else { continue }
                findings.append(Self.description.finding(
                    resource.object, in: index, field: "\(trigger.path).metadata.\(first)",
                    message: "\(trigger.path).metadata carries Functions binding keys KEDA does not use: \(keys.joined(separator: ", "))",
                    fix: "Remove \(keys.joined(separator: ", ")) from \(trigger.path).metadata.",
                    evidence: keys.map { Evidence.field("\(trigger.path).metadata.\($0)", trigger.metadata[$0]) }))
            }
        }
        return findings
    }
}
