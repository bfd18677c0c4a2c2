/// Core tools lower-cases any binding type it does not map, producing triggers like `timertrigger`
/// that KEDA has no scaler for: "no scaler found for type: timertrigger".
public struct TriggerTypeWithoutScaler: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-TYPE-001", platform: .azureFunctions, alsoFor: [.keda], severity: .error,
        title: "Trigger type KEDA has no scaler for",
        rationale: """
            `func kubernetes deploy` copies unmapped binding types (timerTrigger, cosmosDBTrigger, eventGridTrigger...) \
            into the ScaledObject lower-cased. KEDA answers "no scaler found for type: timertrigger" and the ScaledObject \
            never becomes Ready. Types are matched exactly, so a mis-cased scaler name fails the same way. An unknown \
            type that is not a Functions binding (a binding type is one word, like queueTrigger) is reported as a \
            warning: it may be a scaler newer than this list, or a placeholder such as example-trigger.
            """,
        fix: "Use a KEDA scaler type: for timers keep minReplicaCount: 1 or use the cron scaler; scale HTTP functions with prometheus or the HTTP add-on; move other triggers to an always-on Deployment.",
        references: ["Azure/azure-functions-core-tools#1926", "kedacore/keda#5627"],
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: reports, namespace: functions}
            spec:
              scaleTargetRef: {name: reports}
              triggers:
              - type: timertrigger
                metadata: {schedule: "0 */5 * * * *", direction: in}
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: reports, namespace: functions}
            spec:
              scaleTargetRef: {name: reports}
              triggers:
              - type: cron
                metadata: {timezone: Etc/UTC, start: "0 * * * *", end: "10 * * * *", desiredReplicas: "1"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers where !KedaScalers.types.contains(trigger.type) {
                let field = "\(trigger.path).type"
                let meant = KedaScalers.types.first { $0 == trigger.type.lowercased() }
                // Binding types are identifiers (function.json `type`: queueTrigger, cosmosDBTrigger), copied
                // lower-cased; a hyphenated name such as KEDA's sample `example-trigger` is no binding.
                let binding = trigger.type.lowercased().hasSuffix("trigger") && trigger.type.allSatisfy { $0.isLetter || $0.isNumber }
                findings.append(Self.description.finding(
                    resource.object, in: index, field: field,
                    message: meant != nil
                        ? "trigger type \"\(trigger.type)\" is matched exactly by KEDA; it has no scaler for it (\"no scaler found for type: \(trigger.type)\")"
                        : binding
                            ? "trigger type \"\(trigger.type)\" is a Functions binding, not a KEDA scaler: KEDA fails with \"no scaler found for type: \(trigger.type)\" and the ScaledObject never becomes Ready"
                            : "trigger type \"\(trigger.type)\" is not a built-in KEDA scaler: check the spelling (KEDA fails with \"no scaler found for type\" otherwise)",
                    fix: meant.map { "Set \(field) to \($0)." } ?? (binding ? KedaScalers.alternative(for: trigger.type).prefix(1).uppercased() + KedaScalers.alternative(for: trigger.type).dropFirst() + "." : "Set \(field) to a KEDA scaler type (see keda.sh/docs/scalers)."),
                    evidence: [Evidence.field(field, .string(trigger.type))],
                    severity: meant != nil || binding ? .error : .warning))
            }
        }
        return findings
    }
}
