import ServerlessSupport

/// The Helm charts whose values files the doctor reads, and how a values document is recognised:
/// by top-level keys only that chart's values.yaml has.
public enum HelmChart: String, Sendable, CaseIterable {
    case openwhisk, fission, keda

    /// Keys worth 2 are unique to the chart; keys worth 1 are typical but shared with other charts.
    package var keys: [String: Int] {
        switch self {
        case .openwhisk:
            // apache/openwhisk-deploy-kube helm/openwhisk/values.yaml
            ["activationStoreBackend": 2, "whisk": 2, "couchdb": 2, "nginx": 1, "invoker": 1,
             "controller": 1, "scheduler": 1, "etcd": 1, "elasticsearch": 1, "zookeeper": 1, "kafka": 1]
        case .fission:
            // fission/fission charts/fission-all/values.yaml
            ["defaultNamespace": 2, "additionalFissionNamespaces": 2, "functionNamespace": 2,
             "builderNamespace": 2, "mqt_keda": 2, "buildermgr": 2, "storagesvc": 2, "fetcher": 1,
             "executor": 1, "router": 1, "tenancy": 1, "canaryDeployment": 2]
        case .keda:
            // kedacore/charts keda/values.yaml
            ["watchNamespace": 2, "metricsServer": 2, "podIdentity": 2, "operator": 1, "webhooks": 1,
             "permissions": 1, "crds": 1, "certificates": 1, "clusterName": 1, "clusterDomain": 1]
        }
    }

    /// The chart a values document belongs to, or nil when no chart scores at least 2 or two tie.
    public static func recognise(_ values: Value) -> HelmChart? {
        let names = Set(values.members.map(\.key))
        let scored = allCases.map { chart in
            (chart, chart.keys.reduce(0) { $0 + (names.contains($1.key) ? $1.value : 0) })
        }.sorted { $0.1 > $1.1 }
        guard let best = scored.first, best.1 >= 2, best.1 > scored[1].1 else { return nil }
        return best.0
    }
}
