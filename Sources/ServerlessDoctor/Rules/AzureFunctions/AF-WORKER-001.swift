import ServerlessSupport

/// The host needs to know which language worker to start.
public struct WorkerRuntimeNotSet: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-WORKER-001", platform: .azureFunctions, severity: .warning,
        title: "FUNCTIONS_WORKER_RUNTIME not set",
        rationale: """
            FUNCTIONS_WORKER_RUNTIME (dotnet, dotnet-isolated, node, python, java, powershell, custom) tells the host \
            which worker to start; `func kubernetes deploy` always puts it in the app Secret. Without it the host guesses \
            from the payload and warns, and some apps fail to load their functions.
            """,
        fix: "Add FUNCTIONS_WORKER_RUNTIME (e.g. dotnet-isolated, node, python) to the app's Secret or env.",
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
                    env:
                    - {name: AzureWebJobsStorage__accountName, value: ordersstore}
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: node}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        FunctionsHost.all(in: index).compactMap { host in
            guard host.env["FUNCTIONS_WORKER_RUNTIME"].isUnset else { return nil }
            return Self.description.finding(
                host.workload.object, in: index, field: "\(host.container.path).env",
                message: "container \(host.container.name) does not set FUNCTIONS_WORKER_RUNTIME: the host has to guess the language worker",
                fix: "Add FUNCTIONS_WORKER_RUNTIME (dotnet-isolated, node, python, java, powershell or custom) to container \(host.container.name)'s env or its app Secret.",
                evidence: ["\(host.container.path): no FUNCTIONS_WORKER_RUNTIME in env or envFrom"])
        }
    }
}
