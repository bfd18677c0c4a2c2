/// `func kubernetes install` installs KEDA 2.7.0, tested only up to Kubernetes 1.25.
public struct FuncInstalledKeda: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEDA-VER-001", platform: .azureFunctions, alsoFor: [.keda], severity: .warning,
        title: "KEDA installed by func kubernetes install (2.7.0) or KEDA v1",
        rationale: """
            `func kubernetes install` applies its embedded KEDA 2.7.0 (tested on Kubernetes 1.17-1.25), and older \
            tools installed KEDA v1 (Deployment keda). Both miss years of fixes, including Event Hub checkpoint \
            handling and workload identity. KEDA v1 is an error: its CRDs are apiextensions.k8s.io/v1beta1, which \
            Kubernetes 1.22 removed.
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
            guard keda.isOlder(than: (2, 8)), let numbers = keda.versionNumbers else { return nil }
            return Self.description.finding(keda.workload.object, in: index, field: "\(keda.container.path).image",
                message: numbers[0] < 2
                    // kedacore/keda v1.5.0 deploy/crds: apiextensions.k8s.io/v1beta1, which Kubernetes 1.22 removed.
                    ? "KEDA \(keda.version ?? "") is KEDA v1: its CRDs are apiextensions.k8s.io/v1beta1, which Kubernetes 1.22 removed, and it reads only keda.k8s.io/v1alpha1 objects"
                    : "KEDA \(keda.version ?? "") is what func kubernetes install applies (or older): tested only up to Kubernetes 1.25 and missing years of scaler fixes",
                evidence: [Evidence.field("\(keda.container.path).image", .string(keda.container.image))],
                severity: numbers[0] < 2 ? .error : .warning)
        }
    }
}
