/// Core tools copies a blob trigger's `path` but never derives `blobContainerName`.
public struct BlobTriggerWithoutContainer: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-BLOB-001", platform: .azureFunctions, alsoFor: [.keda], severity: .error,
        title: "azure-blob trigger without blobContainerName",
        rationale: """
            KEDA's azure-blob scaler requires blobContainerName ("no blobContainerName given"). `func kubernetes \
            deploy` copies the binding's path (container/pattern) but does not derive the container from it.
            """,
        fix: "Add blobContainerName: the first segment of the binding's path.",
        references: ["Azure/azure-functions-core-tools#2435"],
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: thumbnails, namespace: functions}
            spec:
              scaleTargetRef: {name: thumbnails}
              triggers:
              - type: azure-blob
                metadata: {path: "uploads/{name}", connectionFromEnv: AzureWebJobsStorage}
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: thumbnails, namespace: functions}
            spec:
              scaleTargetRef: {name: thumbnails}
              triggers:
              - type: azure-blob
                metadata: {blobContainerName: uploads, path: "uploads/{name}", connectionFromEnv: AzureWebJobsStorage}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            for trigger in resource.triggers where trigger.type == "azure-blob" && trigger.metadata("blobContainerName") == nil {
                let container = trigger.metadata("path").flatMap { $0.split(separator: "/").first.map(String.init) }
                findings.append(Self.description.finding(
                    resource.object, in: index, field: trigger.path,
                    message: "\(trigger.path) (azure-blob) has no blobContainerName: KEDA fails with \"no blobContainerName given\"",
                    fix: "Add blobContainerName: \(container ?? "<container>") to \(trigger.path).metadata.",
                    evidence: ["\(trigger.path).metadata: no blobContainerName"] + (trigger.metadata("path").map { ["\(trigger.path).metadata.path: \($0)"] } ?? [])))
            }
        }
        return findings
    }
}
