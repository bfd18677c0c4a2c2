/// `func kubernetes deploy --keda-version v1` emits KEDA v1 objects that a KEDA v2 cluster ignores.
public struct KedaV1ScaledObject: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-V1-001", platform: .azureFunctions, alsoFor: [.keda], severity: .error,
        title: "KEDA v1 ScaledObject",
        rationale: """
            ScaledObjects of apiVersion keda.k8s.io/v1alpha1, or with scaleTargetRef.deploymentName, are KEDA v1. \
            KEDA v2 (keda.sh/v1alpha1) does not read them: nothing scales. When every KEDA operator found is v1 it does \
            read them, and AF-KEDA-VER-001 reports that KEDA instead.
            """,
        fix: "Use apiVersion keda.sh/v1alpha1 and scaleTargetRef.name (regenerate with func kubernetes deploy without --keda-version v1).",
        triggeringExamples: ["""
            apiVersion: keda.k8s.io/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {deploymentName: orders}
              triggers:
              - type: azure-queue
                metadata: {queueName: orders, connectionFromEnv: AzureWebJobsStorage}
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
        // One cause, one finding: a KEDA v1 operator reads these objects; its age is AF-KEDA-VER-001's finding.
        if KedaOperator.allOlder(than: (2, 0), in: index) { return [] }
        return ScaledResource.all(in: index).compactMap { resource in
            let object = resource.object
            let deploymentName = object.body["spec"]["scaleTargetRef"]["deploymentName"]
            guard object.group == "keda.k8s.io" || !deploymentName.isNull else { return nil }
            return Self.description.finding(
                object, in: index, field: object.group == "keda.k8s.io" ? "apiVersion" : "spec.scaleTargetRef.deploymentName",
                message: "\(object.kind) \(object.name) is a KEDA v1 object (\(object.group == "keda.k8s.io" ? "apiVersion \(object.apiVersion)" : "scaleTargetRef.deploymentName")); KEDA v2 does not read it and nothing scales",
                fix: "Use apiVersion: keda.sh/v1alpha1 and scaleTargetRef.name: \(deploymentName.string ?? resource.targetName ?? object.name).",
                evidence: [Evidence.field("apiVersion", .string(object.apiVersion))] + (deploymentName.isNull ? [] : [Evidence.field("spec.scaleTargetRef.deploymentName", deploymentName)]))
        }
    }
}
