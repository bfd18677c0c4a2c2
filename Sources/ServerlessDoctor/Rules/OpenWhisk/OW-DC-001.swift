import ServerlessKubernetes

/// Newer scheduler images default to the ElasticSearch duration checker.
public struct DurationCheckerNeedsElasticSearch: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-DC-001", platform: .openwhisk, severity: .error,
        title: "Scheduler defaults to the ElasticSearch duration checker without ElasticSearch",
        rationale: """
            Scheduler images built after apache/openwhisk#5463 (2024-03-06) default to \
            ElasticSearchDurationCheckerProvider and fail without ElasticSearch settings when the activation store is \
            CouchDB and CONFIG_whisk_spi_DurationCheckerProvider is not set (apache/openwhisk#5223). In Helm values: \
            scheduler.enabled with the CouchDB store and such a scheduler.imageTag (a moving tag: warning).
            """,
        fix: "Set CONFIG_whisk_spi_DurationCheckerProvider=org.apache.openwhisk.core.scheduler.queue.NoopDurationCheckerProvider on the scheduler, or switch to activationStoreBackend: ElasticSearch.",
        references: ["apache/openwhisk#5484", "apache/openwhisk#5223"],
        triggeringExamples: ["""
            # Helm values: the scheduler on, the default CouchDB store, a scheduler build of the FPC generation.
            whisk: {ingress: {type: NodePort}}
            scheduler: {enabled: true, imageTag: "7863e27"}
            controller: {imageTag: "7863e27"}
            invoker: {imageTag: "7863e27"}
            """, """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-scheduler, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: scheduler
                    image: openwhisk/scheduler:7863e27
                    env:
                    - {name: CONFIG_whisk_couchdb_host, value: owdev-couchdb.openwhisk.svc.cluster.local}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-scheduler, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: scheduler
                    image: openwhisk/scheduler:7863e27
                    env:
                    - {name: CONFIG_whisk_couchdb_host, value: owdev-couchdb.openwhisk.svc.cluster.local}
                    - {name: CONFIG_whisk_spi_DurationCheckerProvider, value: org.apache.openwhisk.core.scheduler.queue.NoopDurationCheckerProvider}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        rendered(index) + index.helmValues(.openwhisk).compactMap(judge)
    }

    /// The chart's values: scheduler.enabled with the default CouchDB store (apache/openwhisk#5223: the scheduler
    /// then dies with ExceptionInInitializerError) on a scheduler image of the ElasticSearch-default generation.
    package func judge(_ values: HelmValuesDocument) -> Finding? {
        let root = values.values
        // A mis-cased "elasticsearch" is CouchDB to the chart too, but that is OW-AS-001's finding (one cause, one finding).
        guard root["scheduler"]["enabled"].bool == true,
              (root["activationStoreBackend"].string ?? "CouchDB").lowercased() != "elasticsearch" else { return nil }
        let tag = root["scheduler"]["imageTag"].string ?? MixedImageTags.chartDefaultTag
        let era = OpenWhiskImageEra(tag: tag, repository: root["scheduler"]["imageName"].string ?? "openwhisk/scheduler")
        guard era.defaultsToFPC == true else { return nil }
        // A dated tag is certain; a moving tag (nightly, latest) is today's master, a guess about the build.
        let moving = era == .pekko
        return Self.description.finding(values, field: "scheduler.imageTag",
            message: moving
                ? "scheduler.imageTag \(tag) moves with master, whose builds default to ElasticSearchDurationCheckerProvider; with activationStoreBackend \(root["activationStoreBackend"].string ?? "CouchDB (default)") the scheduler may fail to start without ElasticSearch settings"
                : "scheduler image tag \(tag) defaults to ElasticSearchDurationCheckerProvider, but activationStoreBackend is \(root["activationStoreBackend"].string ?? "CouchDB (default)"): the scheduler fails to start without ElasticSearch settings",
            fix: "Set activationStoreBackend: ElasticSearch (with its elasticsearch settings), or pin scheduler.imageTag to the chart's \(MixedImageTags.chartDefaultTag).",
            evidence: ["scheduler.enabled: true", "scheduler.imageTag: \(tag)", "activationStoreBackend: \(root["activationStoreBackend"].string ?? "(not set: CouchDB)")"],
            severity: moving ? .warning : .error)
    }

    package func rendered(_ index: DoctorIndex) -> [Finding] {
        OpenWhiskComponent.all(in: index).compactMap { scheduler in
            guard scheduler.role == .scheduler, scheduler.era.defaultsToFPC == true,
                  scheduler.env["CONFIG_whisk_spi_DurationCheckerProvider"].isUnset else { return nil }
            let store = scheduler.env["CONFIG_whisk_spi_ActivationStoreProvider"].literal ?? ""
            guard !store.hasSuffix("ElasticSearchActivationStoreProvider") else { return nil }
            return Self.description.finding(scheduler.workload.object, in: index, field: "\(scheduler.container.path).image",
                message: "scheduler image \(scheduler.container.image) defaults to ElasticSearchDurationCheckerProvider, but the activation store is CouchDB and no duration checker is set: the scheduler fails without ElasticSearch settings",
                evidence: [Evidence.field("\(scheduler.container.path).image", .string(scheduler.container.image)), "\(scheduler.container.path).env: CONFIG_whisk_spi_DurationCheckerProvider not set"])
        }
    }
}
