/// `func kubernetes deploy` splits HTTP and non-HTTP functions into two Deployments; Durable starters in the
/// HTTP one cannot reach orchestrators loaded only in the other.
public struct DurableAppSplit: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-SPLIT-001", platform: .azureFunctions, severity: .warning,
        title: "Durable app split across an -http and a non-HTTP Deployment",
        rationale: """
            Core tools runs the same image twice: <app>-http loads the HTTP functions, <app> the rest, chosen with \
            AzureFunctionsJobHost__functions__N. A Durable HTTP starter then runs in a pod that has not loaded the \
            orchestrator and activity functions: "No orchestrator functions are currently registered!".
            """,
        fix: "Add the orchestrator, activity and entity functions to the -http Deployment's AzureFunctionsJobHost__functions__N list, or run the app as one Deployment.",
        references: ["Azure/azure-functions-core-tools#2345", "microsoft/durabletask-mssql#133"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop-http, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: shop-http
                    image: example.azurecr.io/shop:1.0
                    env:
                    - {name: AzureFunctionsJobHost__functions__0, value: StartOrder}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: shop
                    image: example.azurecr.io/shop:1.0
                    env:
                    - {name: AzureFunctionsJobHost__functions__0, value: OrderOrchestrator}
                    - {name: AzureFunctionsJobHost__functions__1, value: ChargeActivity}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: shop, namespace: functions}
            spec:
              scaleTargetRef: {name: shop}
              triggers:
              - type: mssql
                metadata: {query: "SELECT dt.GetScaleRecommendation(10, 1)", targetValue: "1", connectionStringFromEnv: SQLDB_Connection}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop-http, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: shop-http
                    image: example.azurecr.io/shop:1.0
                    env:
                    - {name: AzureFunctionsJobHost__functions__0, value: StartOrder}
                    - {name: AzureFunctionsJobHost__functions__1, value: OrderOrchestrator}
                    - {name: AzureFunctionsJobHost__functions__2, value: ChargeActivity}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: shop
                    image: example.azurecr.io/shop:1.0
                    env:
                    - {name: AzureFunctionsJobHost__functions__0, value: OrderOrchestrator}
                    - {name: AzureFunctionsJobHost__functions__1, value: ChargeActivity}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: shop, namespace: functions}
            spec:
              scaleTargetRef: {name: shop}
              triggers:
              - type: mssql
                metadata: {query: "SELECT dt.GetScaleRecommendation(10, 1)", targetValue: "1", connectionStringFromEnv: SQLDB_Connection}
            """])

    package static func allowList(_ host: FunctionsHost) -> Set<String> {
        Set(host.container.env.filter { $0.name.hasPrefix("AzureFunctionsJobHost__functions__") }.compactMap(\.literal))
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        let durable = DurableWithoutHostname.durableTargets(in: index)
        guard !durable.isEmpty else { return [] }
        let hosts = FunctionsHost.all(in: index)
        let byKey = Dictionary(hosts.map { (index.key(of: $0.workload.object), $0) }, uniquingKeysWith: { first, _ in first })
        var findings: [Finding] = []
        for target in durable.sorted(by: { $0.name < $1.name }) {
            guard let worker = byKey[target],
                  let http = byKey[ObjectName(kind: "Deployment", namespace: target.namespace, name: target.name + "-http")],
                  http.container.image == worker.container.image else { continue }
            let missing = Self.allowList(worker).subtracting(Self.allowList(http)).sorted()
            guard !missing.isEmpty, !Self.allowList(http).isEmpty else { continue }
            findings.append(Self.description.finding(http.workload.object, in: index, field: "\(http.container.path).env",
                message: "Durable app split in two: \(http.workload.object.name) does not load \(missing.joined(separator: ", ")) (only in \(target.name)), so its starters fail with \"No orchestrator functions are currently registered!\"",
                fix: "Add \(missing.joined(separator: ", ")) to the AzureFunctionsJobHost__functions__N list of \(http.workload.object.name), or run one Deployment.",
                evidence: ["\(http.workload.object.name) loads: \(Self.allowList(http).sorted().joined(separator: ", "))", "\(target.name) loads: \(Self.allowList(worker).sorted().joined(separator: ", "))"]))
        }
        return findings
    }
}
