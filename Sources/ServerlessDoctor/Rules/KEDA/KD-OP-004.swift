/// Each KEDA release is tested against three Kubernetes minor versions; outside them it may misbehave.
public struct OperatorOutsideTestedKubernetes: Rule {
    public init() {}

    /// keda-docs `operate/cluster.md`: the Kubernetes minor versions each KEDA minor is tested on.
    package static let testedWindows: [String: (low: Int, high: Int)] = [
        "2.20": (33, 35), "2.19": (32, 34), "2.18": (31, 33), "2.17": (30, 32), "2.16": (29, 31), "2.15": (28, 30),
        "2.14": (27, 29), "2.13": (27, 29), "2.12": (26, 28), "2.11": (25, 27), "2.10": (24, 26), "2.9": (23, 25),
        "2.8": (17, 25), "2.7": (17, 25),
    ]

    public static let description = RuleDescription(
        id: "KD-OP-004", platform: .keda, severity: .warning,
        title: "KEDA version not tested with this Kubernetes version",
        rationale: """
            KEDA tests each release on a window of Kubernetes minor versions (keda-docs operate/cluster.md: 2.20 on \
            1.33-1.35, 2.19 on 1.32-1.34, 2.18 on 1.31-1.33, 2.17 on 1.30-1.32, 2.16 on 1.29-1.31, 2.15 on 1.28-1.30, \
            2.14 and 2.13 on 1.27-1.29, 2.12 on 1.26-1.28, 2.11 on 1.25-1.27, 2.10 on 1.24-1.26, 2.9 on 1.23-1.25, \
            2.8 and 2.7 on 1.17-1.25). Outside it the operator may use API versions the cluster removed or not know \
            newer ones; upgrades of either side are where this usually shows. The operator's version is its image tag \
            (or app.kubernetes.io/version), the cluster's is GET /version.
            """,
        fix: "Upgrade (or pin) KEDA to a release whose tested window includes the cluster's Kubernetes version: helm upgrade keda kedacore/keda --version <chart>.",
        needs: .live, liveOnly: "the API server's version (GET /version)",
        references: ["kedacore/keda-docs operate/cluster.md"],
        triggeringExamples: ["""
            # kubectl version -o yaml: what GET /version says about the API server
            serverVersion: {major: "1", minor: "34", gitVersion: v1.34.1}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda, labels: {app.kubernetes.io/version: 2.15.1}}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: ghcr.io/kedacore/keda:2.15.1
                    env:
                    - {name: WATCH_NAMESPACE, value: ""}
            """],
        nonTriggeringExamples: ["""
            # kubectl version -o yaml: what GET /version says about the API server
            serverVersion: {major: "1", minor: "34", gitVersion: v1.34.1}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: keda-operator, namespace: keda, labels: {app.kubernetes.io/version: 2.20.2}}
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
        guard let server = index.store.serverVersion, server.major == 1 else { return [] }
        return KedaOperator.all(in: index).compactMap { keda in
            guard let numbers = keda.versionNumbers, let window = Self.testedWindows["\(numbers[0]).\(numbers[1])"],
                  server.minor < window.low || server.minor > window.high else { return nil }
            let range = "1.\(window.low)-1.\(window.high)"
            return Self.description.finding(keda.workload.object, in: index, field: "\(keda.container.path).image",
                message: "KEDA \(keda.version ?? "") is tested on Kubernetes \(range), but the cluster runs \(server.gitVersion)",
                fix: server.minor > window.high
                    ? "Upgrade KEDA to a release tested on Kubernetes \(server.minorVersion) (helm upgrade keda kedacore/keda), before or together with the cluster upgrade."
                    : "Use a KEDA release tested on Kubernetes \(server.minorVersion) (an older chart), or upgrade the cluster into \(range).",
                evidence: [Evidence.field("\(keda.container.path).image", .string(keda.container.image)),
                           "GET /version: \(server.gitVersion)"])
        }
    }
}
