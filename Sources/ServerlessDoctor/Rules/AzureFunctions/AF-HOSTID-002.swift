/// In the Kubernetes-environment branch the host id is WEBSITE_SITE_NAME[-WEBSITE_SLOT_NAME].
public struct KubernetesModeWithoutSiteName: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-HOSTID-002", platform: .azureFunctions, severity: .warning,
        title: "Kubernetes-environment mode without WEBSITE_SITE_NAME",
        rationale: """
            With POD_NAMESPACE or MANAGED_ENVIRONMENT set, the Functions host derives its host id from WEBSITE_SITE_NAME \
            (and WEBSITE_SLOT_NAME). Unset, the id is empty or unstable, and timer and singleton locks are not shared as \
            intended.
            """,
        fix: "Set WEBSITE_SITE_NAME to the function app's name (or AzureFunctionsWebHost__hostid to a stable id of at most 32 characters), or leave Kubernetes-environment mode by removing POD_NAMESPACE.",
        references: ["Azure/azure-functions-host#9532"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nightly-report, namespace: jobs}
            spec:
              template:
                spec:
                  containers:
                  - name: func
                    image: example.azurecr.io/nightly-report:2.0.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
                    - {name: POD_NAMESPACE, value: jobs}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nightly-report, namespace: jobs}
            spec:
              template:
                spec:
                  containers:
                  - name: func
                    image: example.azurecr.io/nightly-report:2.0.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
                    - {name: POD_NAMESPACE, value: jobs}
                    - {name: WEBSITE_SITE_NAME, value: nightly-report}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        FunctionsHost.all(in: index).compactMap { host in
            guard host.isAnyKubernetesEnvironment, host.env["WEBSITE_SITE_NAME"].isUnset,
                  host.env["AzureFunctionsWebHost__hostid"].isUnset else { return nil }
            let trigger = host.env["POD_NAMESPACE"].isSet ? host.env["POD_NAMESPACE"] : host.env["MANAGED_ENVIRONMENT"]
            return Self.description.finding(
                host.workload.object, in: index, field: trigger.path ?? "\(host.container.path).env",
                message: "container \(host.container.name) runs the Functions host in Kubernetes-environment mode, where the host id is WEBSITE_SITE_NAME[-WEBSITE_SLOT_NAME]; WEBSITE_SITE_NAME is not set",
                fix: "Set WEBSITE_SITE_NAME=\(host.workload.object.name) (the function app's name) in container \(host.container.name), or remove POD_NAMESPACE to leave Kubernetes-environment mode.",
                evidence: [trigger.evidence, "\(host.container.path).env: WEBSITE_SITE_NAME not set"].compactMap { $0 })
        }
    }
}
