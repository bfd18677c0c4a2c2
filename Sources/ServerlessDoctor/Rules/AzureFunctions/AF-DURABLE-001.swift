/// Durable Functions builds its webhook URLs from WEBSITE_HOSTNAME.
public struct DurableWithoutHostname: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-DURABLE-001", platform: .azureFunctions, severity: .warning,
        title: "Durable Functions app without WEBSITE_HOSTNAME",
        rationale: """
            Durable Functions builds status and management webhook URLs from WEBSITE_HOSTNAME; unset outside App \
            Service, starters fail with "Invalid URI: The hostname could not be parsed". Durable apps are recognised by \
            the mssql trigger core tools generates (dt.GetScaleRecommendation).
            """,
        fix: "Set WEBSITE_HOSTNAME to the app's host and port (e.g. localhost:80, or the Service's DNS name).",
        references: ["Azure/azure-functions-durable-extension#2363"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orchestrator, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orchestrator
                    image: example.azurecr.io/orchestrator:1.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orchestrator, namespace: functions}
            spec:
              scaleTargetRef: {name: orchestrator}
              triggers:
              - type: mssql
                metadata: {query: "SELECT dt.GetScaleRecommendation(10, 1)", targetValue: "1", connectionStringFromEnv: SQLDB_Connection}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orchestrator, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orchestrator
                    image: example.azurecr.io/orchestrator:1.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
                    - {name: WEBSITE_HOSTNAME, value: "localhost:80"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orchestrator, namespace: functions}
            spec:
              scaleTargetRef: {name: orchestrator}
              triggers:
              - type: mssql
                metadata: {query: "SELECT dt.GetScaleRecommendation(10, 1)", targetValue: "1", connectionStringFromEnv: SQLDB_Connection}
            """])

    /// Workloads scaled by the Durable SQL backend's trigger, and the images they run.
    package static func durableTargets(in index: DoctorIndex) -> Set<ObjectName> {
        var out: Set<ObjectName> = []
        for (target, resources) in ScaledResource.byTarget(in: index) {
            if resources.contains(where: { $0.triggers.contains { $0.type == "mssql" && ($0.metadata("query") ?? "").contains("dt.GetScaleRecommendation") } }) {
                out.insert(target)
            }
        }
        return out
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        let durable = Self.durableTargets(in: index)
        guard !durable.isEmpty else { return [] }
        return FunctionsHost.all(in: index).compactMap { host in
            guard durable.contains(index.key(of: host.workload.object)), host.env["WEBSITE_HOSTNAME"].isUnset else { return nil }
            return Self.description.finding(host.workload.object, in: index, field: "\(host.container.path).env",
                message: "container \(host.container.name) runs Durable Functions (scaled by dt.GetScaleRecommendation) without WEBSITE_HOSTNAME: starters fail with \"Invalid URI: The hostname could not be parsed\"",
                fix: "Set WEBSITE_HOSTNAME=localhost:80 (or the Service's DNS name and port) in container \(host.container.name).",
                evidence: ["\(host.container.path).env: WEBSITE_HOSTNAME not set"])
        }
    }
}
