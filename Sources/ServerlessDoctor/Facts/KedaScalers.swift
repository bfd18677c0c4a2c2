/// Trigger types KEDA builds a scaler for: the `case` labels between TRIGGERS-START and TRIGGERS-END in
/// kedacore/keda pkg/scaling/scalers_builder.go (read from the 2.x main branch).
package enum KedaScalers {
    package static let types: Set<String> = [
        "activemq", "apache-kafka", "arangodb", "artemis-queue", "aws-cloudwatch", "aws-dynamodb", "aws-dynamodb-streams",
        "aws-kinesis-stream", "aws-sqs-queue", "azure-app-insights", "azure-blob", "azure-data-explorer", "azure-eventhub",
        "azure-log-analytics", "azure-monitor", "azure-pipelines", "azure-queue", "azure-servicebus", "beanstalkd",
        "cassandra", "couchdb", "cpu", "cron", "datadog", "dynatrace", "elasticsearch", "etcd", "external", "external-mock",
        "external-push", "gcp-cloudtasks", "gcp-pubsub", "gcp-stackdriver", "gcp-storage", "github-runner", "graphite",
        "huawei-cloudeye", "ibmmq", "influxdb", "kafka", "kubernetes-workload", "liiklus", "loki", "memory", "metrics-api",
        "mongodb", "mssql", "mysql", "nats-jetstream", "new-relic", "nsq", "openstack-metric", "openstack-swift",
        "postgresql", "predictkube", "prometheus", "pulsar", "rabbitmq", "redis", "redis-cluster", "redis-cluster-streams",
        "redis-sentinel", "redis-sentinel-streams", "redis-streams", "selenium-grid", "solace-event-queue", "solr",
        "splunk", "stan",
    ]

    /// What to use instead of a Functions binding type KEDA cannot scale on.
    package static func alternative(for type: String) -> String {
        switch type.lowercased() {
        case "timertrigger": "for timers keep minReplicaCount: 1 (with AzureFunctionsWebHost__hostid) or use KEDA's cron scaler"
        case "httptrigger": "scale HTTP functions with the prometheus scaler on request metrics or the KEDA HTTP add-on, or run them in an always-on Deployment"
        default: "move these functions to an always-on Deployment, or use a KEDA scaler for the same event source"
        }
    }
}
