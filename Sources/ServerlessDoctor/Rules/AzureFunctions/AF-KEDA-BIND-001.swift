/// KEDA does not resolve Functions `%AppSetting%` binding expressions.
public struct BindingExpressionInTrigger: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-BIND-001", platform: .azureFunctions, alsoFor: [.keda], severity: .error,
        title: "Functions %AppSetting% expression copied into KEDA metadata",
        rationale: """
            function.json may say queueName: %input-queue% and let the host resolve the app setting; `func kubernetes \
            deploy` copies the expression verbatim, and KEDA polls a queue or hub literally named "%input-queue%".
            """,
        fix: "Put the literal name in the trigger metadata, or use the scaler's ...FromEnv variant (e.g. eventHubNameFromEnv).",
        references: ["Azure/azure-functions-core-tools#2264", "kedacore/keda#909"],
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-queue
                metadata: {queueName: "%input-queue%", connectionFromEnv: AzureWebJobsStorage}
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-queue
                metadata: {queueName: orders-in, connectionFromEnv: AzureWebJobsStorage}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers {
                for (key, value) in trigger.metadata.members {
                    guard let text = value.string, text.count > 2, text.hasPrefix("%"), text.hasSuffix("%"),
                          !text.dropFirst().dropLast().contains("%") else { continue }
                    let setting = String(text.dropFirst().dropLast())
                    let field = "\(trigger.path).metadata.\(key)"
                    findings.append(Self.description.finding(
                        resource.object, in: index, field: field,
                        message: "\(key) is the Functions expression \(text); KEDA does not resolve app settings and uses the literal \"\(text)\"",
                        fix: "Set \(field) to the value of app setting \(setting)\(key == "eventHubName" ? ", or use eventHubNameFromEnv: \(setting)" : "").",
                        evidence: [Evidence.field(field, value)]))
                }
            }
        }
        return findings
    }
}
