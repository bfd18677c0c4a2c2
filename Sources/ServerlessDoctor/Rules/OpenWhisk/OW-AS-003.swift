/// The ElasticSearch activation store loads all five connection settings with `loadConfigOrThrow`.
public struct ElasticSearchSettingsIncomplete: Rule {
    public init() {}

    package static let settings = ["protocol", "hosts", "indexPattern", "username", "password"]
    package static let provider = "ElasticSearchActivationStoreProvider"

    public static let description = RuleDescription(
        id: "OW-AS-003", platform: .openwhisk, severity: .error,
        title: "ElasticSearch activation store without its connection settings",
        rationale: """
            With CONFIG_whisk_spi_ActivationStoreProvider set to the ElasticSearch provider, the component loads \
            whisk.activation-store.elasticsearch {protocol, hosts, index-pattern, username, password} and fails at \
            start when one is missing (empty values are skipped, so they count as missing). In values, \
            elasticsearch.external=true needs connect_string or host.
            """,
        fix: "Set all five CONFIG_whisk_activationStore_elasticsearch_{protocol,hosts,indexPattern,username,password} on the component (helm renders them with activationStoreBackend: ElasticSearch).",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
                    env:
                    - {name: CONFIG_whisk_spi_ActivationStoreProvider, value: org.apache.openwhisk.core.database.elasticsearch.ElasticSearchActivationStoreProvider}
                    - {name: CONFIG_whisk_activationStore_elasticsearch_hosts, value: "owdev-elasticsearch-0.owdev-elasticsearch.openwhisk.svc.cluster.local:9200"}
            """, """
            activationStoreBackend: ElasticSearch
            elasticsearch:
              external: true
              connect_string: ""
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
                    env:
                    - {name: CONFIG_whisk_spi_ActivationStoreProvider, value: org.apache.openwhisk.core.database.elasticsearch.ElasticSearchActivationStoreProvider}
                    - {name: CONFIG_whisk_activationStore_elasticsearch_protocol, value: http}
                    - {name: CONFIG_whisk_activationStore_elasticsearch_hosts, value: "owdev-elasticsearch-0.owdev-elasticsearch.openwhisk.svc.cluster.local:9200"}
                    - {name: CONFIG_whisk_activationStore_elasticsearch_indexPattern, value: "openwhisk-%s"}
                    - {name: CONFIG_whisk_activationStore_elasticsearch_username, value: admin}
                    - name: CONFIG_whisk_activationStore_elasticsearch_password
                      valueFrom: {secretKeyRef: {name: owdev-es, key: password}}
            """, """
            activationStoreBackend: ElasticSearch
            elasticsearch:
              external: true
              connect_string: "es.example.internal:9200"
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for component in OpenWhiskComponent.all(in: index) {
            let provider = component.env["CONFIG_whisk_spi_ActivationStoreProvider"]
            guard let value = provider.literal, value.hasSuffix(Self.provider) else { continue }
            let missing = Self.settings.map { "CONFIG_whisk_activationStore_elasticsearch_\($0)" }.filter { component.env[$0].isUnset }
            guard !missing.isEmpty else { continue }
            findings.append(Self.description.finding(
                component.workload.object, in: index, field: provider.path,
                message: "the \(component.role.rawValue) uses the ElasticSearch activation store but lacks \(missing.joined(separator: ", ")): it fails to start (loadConfigOrThrow)",
                fix: "Set \(missing.joined(separator: ", ")) on container \(component.container.name) (helm renders them with activationStoreBackend: ElasticSearch).",
                evidence: [provider.evidence].compactMap { $0 } + missing.map { "\(component.container.path).env: \($0) not set" }))
        }
        for values in index.helmValues(.openwhisk) where values.values["activationStoreBackend"].string == "ElasticSearch" {
            let es = values.values["elasticsearch"]
            guard es["external"].bool == true else { continue }
            let connect = es["connect_string"].string ?? ""
            guard connect.isEmpty else { continue }
            findings.append(Self.description.finding(
                values, field: "elasticsearch.external",
                message: "elasticsearch.external is true but elasticsearch.connect_string is empty: the components get no ElasticSearch hosts",
                fix: "Set elasticsearch.connect_string (host:port of your ElasticSearch) and elasticsearch.host, or elasticsearch.external: false.",
                evidence: ["elasticsearch.external: true", "elasticsearch.connect_string: \(connect.isEmpty ? "(empty)" : connect)"]))
        }
        return findings
    }
}
