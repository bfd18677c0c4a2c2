import ServerlessKubernetes
import ServerlessSupport

/// KEDA resolves `...FromEnv` names in the scale target's container; a name it does not find yields no value,
/// and the scaler reports the parameter as missing.
public struct FromEnvNameMissing: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-ENV-001", platform: .azureFunctions, alsoFor: [.keda], severity: .error,
        title: "A ...FromEnv name the scale target's container does not define",
        rationale: """
            KEDA reads connectionFromEnv, storageConnectionFromEnv and every other ...FromEnv setting from the env and \
            envFrom of the target's container (envSourceContainerName, else the first container). A name that is not \
            there resolves to nothing and the scaler fails as if the setting were missing. Identity-based Functions \
            connections (X__accountName, X__fullyQualifiedNamespace) have no X for KEDA to read.
            """,
        fix: "Define the variable in the target container (env or an envFrom Secret key), or point the ...FromEnv setting at a name that exists.",
        references: ["microsoft/azure-container-apps#1599"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureWebJobsStorage__accountName, value: ordersstore}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-queue
                metadata: {queueName: orders, connectionFromEnv: AzureWebJobsStorage}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    envFrom:
                    - secretRef: {name: orders}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders, namespace: functions}
            data: {AzureWebJobsStorage: RVhBTVBMRQ==}
            ---
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
            guard let (workload, container) = resource.envContainer(in: index) else { continue }
            let env = index.env(of: container, in: workload)
            for trigger in resource.triggers {
                for (key, value) in trigger.metadata.members where key.hasSuffix("FromEnv") {
                    guard let name = value.string, !name.isEmpty, env[name].isUnset else { continue }
                    let field = "\(trigger.path).metadata.\(key)"
                    let identity = env.firstSet(prefix: name + "__")
                    let where_ = "container \(container.name) of \(workload.object.kind) \(workload.object.name)"
                    findings.append(Self.description.finding(
                        resource.object, in: index, field: field,
                        message: identity != nil
                            ? "\(key): \(name) is an identity-based connection in \(where_) (\(identity!.name)); there is no \(name) for KEDA to read, so the trigger fails as if it had no connection"
                            : "\(key): \(name) is not defined in \(where_): KEDA resolves it to nothing and the scaler fails as if the setting were missing",
                        fix: identity != nil
                            ? "Use a TriggerAuthentication with podIdentity.provider: azure-workload (plus the account or namespace name in the trigger metadata), or add a \(name) connection string to the container."
                            : "Add \(name) to the env (or an envFrom Secret) of container \(container.name), or set \(key) to a name it defines.",
                        evidence: [Evidence.field(field, value), "\(container.path): no \(name) in env or envFrom"]))
                }
            }
        }
        return findings
    }
}
