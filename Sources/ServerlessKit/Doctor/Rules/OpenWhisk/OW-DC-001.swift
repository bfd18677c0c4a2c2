/// Newer scheduler images default to the ElasticSearch duration checker.
public struct DurationCheckerNeedsElasticSearch: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-DC-001", platform: .openwhisk, severity: .error,
        title: "Scheduler defaults to the ElasticSearch duration checker without ElasticSearch",
        rationale: """
            Scheduler images built after apache/openwhisk#5463 (2024-03-06) default to \
            ElasticSearchDurationCheckerProvider and fail without ElasticSearch settings when the activation store is \
            CouchDB and CONFIG_whisk_spi_DurationCheckerProvider is not set.
            """,
        fix: "Set CONFIG_whisk_spi_DurationCheckerProvider=org.apache.openwhisk.core.scheduler.queue.NoopDurationCheckerProvider on the scheduler, or switch to activationStoreBackend: ElasticSearch.",
        references: ["apache/openwhisk#5484", "apache/openwhisk#5223"],
        triggeringExamples: ["""
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
