/// `POD_NAMESPACE` flips the Functions host into App Service on Kubernetes mode, whose lock manager
/// calls `$HTTP_LEADER_ENDPOINT/lock/...`; unset, that is a `file://` URI on Linux.
public struct PodNamespaceWithoutLeaderEndpoint: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-LOCK-001", platform: .azureFunctions, severity: .error,
        title: "POD_NAMESPACE on a Functions host without HTTP_LEADER_ENDPOINT",
        rationale: """
            The Functions host treats KUBERNETES_SERVICE_HOST + POD_NAMESPACE (and no MANAGED_ENVIRONMENT) as App Service \
            on Kubernetes and takes its distributed locks (timer and blob listeners, [Singleton], Durable) from a \
            leader-election sidecar at HTTP_LEADER_ENDPOINT. Unset, the lock URL is relative and the listeners fail with \
            "The 'file' scheme is not supported".
            """,
        fix: "Remove or rename POD_NAMESPACE (e.g. MY_POD_NAMESPACE), or run a leader-election sidecar and set HTTP_LEADER_ENDPOINT=http://localhost:<port>.",
        references: ["Azure/azure-functions-host#10266", "Azure/azure-functions-host#9532", "Azure/azure-functions-host#7327"],
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
                    - name: POD_NAMESPACE
                      valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
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
                    - name: MY_POD_NAMESPACE
                      valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
            """, """
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
                    - {name: HTTP_LEADER_ENDPOINT, value: "http://localhost:4040"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        FunctionsHost.all(in: index).compactMap { host in
            guard host.isKubernetesManagedHosting, host.env["HTTP_LEADER_ENDPOINT"].isUnset else { return nil }
            let podNamespace = host.env["POD_NAMESPACE"]
            return Self.description.finding(
                host.workload.object, in: index, field: podNamespace.path,
                message: "POD_NAMESPACE makes the Functions host in container \(host.container.name) think it runs on App Service on Kubernetes; it takes its distributed locks (timer and blob listeners, [Singleton]) from HTTP_LEADER_ENDPOINT, which is empty, so those listeners fail with \"The 'file' scheme is not supported\"",
                evidence: [podNamespace.evidence, "\(host.container.path).env: HTTP_LEADER_ENDPOINT not set"].compactMap { $0 })
        }
    }
}
