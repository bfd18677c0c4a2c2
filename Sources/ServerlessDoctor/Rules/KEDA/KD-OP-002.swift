/// The operator exits at start without WATCH_NAMESPACE ("WATCH_NAMESPACE must be set").
public struct OperatorWithoutWatchNamespace: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-OP-002", platform: .keda, severity: .error,
        title: "KEDA operator without WATCH_NAMESPACE",
        rationale: """
            The KEDA operator requires the WATCH_NAMESPACE variable to be present (empty means all namespaces); \
            without it, it exits with "failed to get watch namespace" / "WATCH_NAMESPACE must be set" and crash-loops. \
            Hand-written operator manifests often drop it.
            """,
        fix: "Add WATCH_NAMESPACE to the operator container: \"\" for all namespaces, or a comma-separated list.",
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
                    - {name: KEDA_HTTP_DEFAULT_TIMEOUT, value: "3000"}
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
                    - {name: WATCH_NAMESPACE, value: ""}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        KedaOperator.all(in: index).compactMap { keda in
            let declared = keda.container.env.contains { $0.name == "WATCH_NAMESPACE" }
            guard !declared, keda.env["WATCH_NAMESPACE"] == .unset else { return nil }
            return Self.description.finding(
                keda.workload.object, in: index, field: "\(keda.container.path).env",
                message: "the KEDA operator container \(keda.container.name) has no WATCH_NAMESPACE: it exits with \"WATCH_NAMESPACE must be set\" and crash-loops",
                fix: "Add env WATCH_NAMESPACE to container \(keda.container.name): \"\" to watch all namespaces, or a comma-separated list.",
                evidence: ["\(keda.container.path).env: WATCH_NAMESPACE not present"])
        }
    }
}
