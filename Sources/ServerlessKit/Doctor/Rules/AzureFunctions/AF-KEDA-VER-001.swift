/// `func kubernetes install` installs KEDA 2.7.0, tested only up to Kubernetes 1.25.
public struct FuncInstalledKeda: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-VER-001", platform: .azureFunctions, alsoFor: [.keda], severity: .warning,
        title: "KEDA installed by func kubernetes install (2.7.0) or KEDA v1",
        rationale: """
            `func kubernetes install` applies its embedded KEDA 2.7.0 (tested on Kubernetes 1.17-1.25), and older \
            tools installed KEDA v1 (Deployment keda). Both miss years of fixes, including Event Hub checkpoint \
            handling and workload identity.
            """,
        fix: "Install KEDA with its Helm chart (helm install keda kedacore/keda) at a version tested with your Kubernetes.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: keda-operator
              namespace: keda
              labels: {app.kubernetes.io/version: 2.7.0}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.7.0
                    env:
                    - {name: WATCH_NAMESPACE, value: ""}
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
            guard let numbers = keda.versionNumbers, numbers[0] < 2 || (numbers[0] == 2 && numbers[1] <= 7) else { return nil }
            return Self.description.finding(keda.workload.object, in: index, field: "\(keda.container.path).image",
                message: "KEDA \(keda.version ?? "") is what func kubernetes install applies (or older): tested only up to Kubernetes 1.25 and missing years of scaler fixes",
                evidence: [Evidence.field("\(keda.container.path).image", .string(keda.container.image))],
                severity: numbers[0] < 2 ? .error : .warning)
        }
    }
}
