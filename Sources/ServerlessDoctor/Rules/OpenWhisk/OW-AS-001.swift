/// The chart compares `activationStoreBackend` with `eq`: anything but exactly `CouchDB` or `ElasticSearch`
/// renders nothing ElasticSearch-related and CouchDB is used silently.
public struct ActivationStoreBackendValue: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-AS-001", platform: .openwhisk, severity: .error,
        title: "activationStoreBackend is not exactly CouchDB or ElasticSearch",
        rationale: """
            openwhisk-deploy-kube renders the ElasticSearch pod and every CONFIG_whisk_activationStore_elasticsearch_* \
            setting only when activationStoreBackend equals "ElasticSearch" (case-sensitive). "elasticsearch" or any \
            other spelling silently means CouchDB, and the scheduler, which needs ElasticSearch, does not work.
            """,
        fix: "Set activationStoreBackend: ElasticSearch (exactly), or CouchDB.",
        triggeringExamples: ["""
            activationStoreBackend: "elasticsearch"
            scheduler:
              enabled: true
            controller:
              lean: false
            """],
        nonTriggeringExamples: ["""
            activationStoreBackend: "ElasticSearch"
            scheduler:
              enabled: true
            controller:
              lean: false
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        index.helmValues(.openwhisk).compactMap { values in
            let value = values.values["activationStoreBackend"]
            guard let backend = value.string, !["CouchDB", "ElasticSearch"].contains(backend) else { return nil }
            let scheduler = values.values["scheduler"]["enabled"].bool ?? false
            let meant = ["CouchDB", "ElasticSearch"].first { $0.lowercased() == backend.lowercased() }
            return Self.description.finding(
                values, field: "activationStoreBackend",
                message: "activationStoreBackend \"\(backend)\" is neither CouchDB nor ElasticSearch (the chart compares case-sensitively): nothing ElasticSearch-related is rendered and CouchDB is used\(scheduler ? ", while the enabled scheduler needs ElasticSearch" : "")",
                fix: "Set activationStoreBackend: \(meant ?? (scheduler ? "ElasticSearch" : "CouchDB")) exactly.",
                evidence: [Evidence.field("activationStoreBackend", value)] + (scheduler ? ["scheduler.enabled: true"] : []))
        }
    }
}
