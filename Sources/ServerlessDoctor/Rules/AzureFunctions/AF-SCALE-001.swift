/// A Functions app deployed at zero replicas starts only when KEDA scales it up.
public struct ScaleFromZeroWithoutScaler: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-SCALE-001", platform: .azureFunctions, severity: .error,
        title: "Functions app at zero replicas with no working scaler",
        rationale: """
            `func kubernetes deploy` writes the app's Deployment with replicas: 0 (--min-replicas defaults to 0) and \
            leaves waking it to its ScaledObject. If no KEDA operator runs, the operator does not watch the \
            ScaledObject's namespace (WATCH_NAMESPACE), or the ScaledObject is not Ready, nothing ever scales the app \
            up: no pod, no log, no error on the Deployment. On manifests the operator's WATCH_NAMESPACE is judged when \
            the operator is among the files; a live cluster also shows whether an operator runs and the ScaledObject's \
            Ready condition.
            """,
        fix: "Make the scaler work (install KEDA, add the namespace to WATCH_NAMESPACE, fix what the ScaledObject's Ready condition says), or set the Deployment's replicas to 1 until it does.",
        references: ["Azure/azure-functions-core-tools Kubernetes deploy --min-replicas"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.20.2
                    env:
                    - {name: WATCH_NAMESPACE, value: "functions"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: orders}
            spec:
              replicas: 0
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: orders}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection, checkpointStrategy: blobMetadata, blobContainer: azure-webjobs-eventhub}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.20.2
                    env:
                    - {name: WATCH_NAMESPACE, value: "functions,orders"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: orders}
            spec:
              replicas: 0
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: orders}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection, checkpointStrategy: blobMetadata, blobContainer: azure-webjobs-eventhub}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let operators = KedaOperator.all(in: index)
        let targets = ScaledResource.byTarget(in: index)
        var findings: [Finding] = []
        var seen: Set<ObjectName> = []
        for host in FunctionsHost.all(in: index) {
            let object = host.workload.object
            let key = index.key(of: object)
            guard host.workload.replicas == 0, seen.insert(key).inserted,
                  let resource = targets[key]?.first else { continue }
            let namespace = index.namespace(of: resource.object) ?? ""
            var why: String?
            var evidence = ["spec.replicas: 0", "ScaledObject \(namespace)/\(resource.object.name) targets it"]
            // On manifests only an operator among the files can say; live, the ScaledObject's status says it all.
            if !operators.isEmpty, operators.allSatisfy({ $0.watches(namespace) == false }) {
                let watched = operators.compactMap { $0.env["WATCH_NAMESPACE"].literal }.joined(separator: "; ")
                why = "the KEDA operator does not watch \(namespace) (WATCH_NAMESPACE=\(watched))"
                evidence.append("WATCH_NAMESPACE: \(watched)")
            }
            if why == nil, index.isLive {
                let conditions = resource.object.body["status"]["conditions"].array
                if let ready = conditions.first(where: { $0["type"].string == "Ready" }), ready["status"].string != "True" {
                    why = "ScaledObject \(resource.object.name) is not Ready (\(ready["reason"].string ?? "")\((ready["message"].string).map { ": \($0)" } ?? ""))"
                    evidence.append("status.conditions Ready: \(ready["status"].string ?? "") \(ready["reason"].string ?? "")")
                } else if conditions.isEmpty {
                    why = "ScaledObject \(resource.object.name) has no status: no KEDA operator reconciles it (not installed, or \(namespace) not watched)"
                    evidence.append("status.conditions: (none)")
                }
            }
            guard let why else { continue }
            findings.append(Self.description.finding(object, in: index, field: "spec.replicas",
                message: "\(object.kind) \(object.name) is at 0 replicas and only KEDA can start it, but \(why): the app never runs",
                evidence: evidence))
        }
        return findings
    }
}
