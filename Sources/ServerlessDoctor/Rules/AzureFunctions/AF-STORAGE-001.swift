import ServerlessSupport

/// Non-HTTP triggers, timers and singleton locks keep their state in the host's storage account.
public struct MissingHostStorage: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-STORAGE-001", platform: .azureFunctions, severity: .error,
        title: "No AzureWebJobsStorage for the Functions host",
        rationale: """
            The host keeps timer schedules, singleton and listener leases, and (by default) function keys in \
            AzureWebJobsStorage. A ScaledObject target runs non-HTTP triggers and fails without it (error); for an app \
            whose triggers the manifests do not show, it is a warning.
            """,
        fix: "Add AzureWebJobsStorage (a connection string, or AzureWebJobsStorage__accountName for identity) to the app's Secret or env.",
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
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: node}
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
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: node}
                    envFrom:
                    - secretRef: {name: orders}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders, namespace: functions}
            data:
              AzureWebJobsStorage: RVhBTVBMRQ==
            """, """
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
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: node}
                    - {name: AzureWebJobsStorage__accountName, value: ordersstore}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let scaled = ScaledResource.byTarget(in: index)
        return FunctionsHost.all(in: index).compactMap { host in
            guard host.env["AzureWebJobsStorage"].isUnset, host.env.firstSet(prefix: "AzureWebJobsStorage__") == nil,
                  !host.env.hasUnknownSource else { return nil }
            let scalers = scaled[index.key(of: host.workload.object)] ?? []
            let nonHTTP = !scalers.isEmpty
            var evidence = ["\(host.container.path): no AzureWebJobsStorage or AzureWebJobsStorage__* in env or envFrom"]
            evidence += scalers.map { "ScaledObject \($0.object.name) scales it (non-HTTP triggers)" }
            return Self.description.finding(
                host.workload.object, in: index, field: "\(host.container.path).env",
                message: nonHTTP
                    ? "container \(host.container.name) runs non-HTTP triggers (it is scaled by KEDA) but has no AzureWebJobsStorage: triggers, timers and singleton locks need the host's storage account"
                    : "container \(host.container.name) has no AzureWebJobsStorage: any non-HTTP trigger, timer or singleton lock will fail (HTTP-only apps can do without it)",
                evidence: evidence, severity: nonHTTP ? .error : .warning)
        }
    }
}
