/// What KEDA uses when a ScaledObject, ScaledJob or azure-eventhub trigger leaves a value out, in one place.
public enum KEDADefaults {
    /// `defaultHPAMaxReplicas` (apis/keda/v1alpha1/scaledobject_types.go) and `defaultScaledJobMaxReplicaCount`
    /// (scaledjob_types.go): both 100.
    public static let maxReplicaCount = 100
    /// A ScaledObject without minReplicaCount scales its target to zero when inactive (the scale executor; the
    /// HPA it makes then has KEDA's `defaultHPAMinReplicas` 1); `defaultScaledJobMinReplicaCount` is 0 too.
    public static let minReplicaCount = 0
    /// `eventHubMetadata` in pkg/scalers/azure_eventhub_scaler.go: `unprocessedEventThreshold` default=64,
    /// `activationUnprocessedEventThreshold` default=0, `stalePartitionInfoThreshold` default=10000.
    public static let unprocessedEventThreshold: Int64 = 64
    public static let activationUnprocessedEventThreshold: Int64 = 0
    public static let stalePartitionInfoThreshold: Int64 = 10000
    /// `defaultEventHubConsumerGroup` (azure_eventhub_scaler.go).
    public static let consumerGroup = "$Default"
    /// The container `azureFunctionCheckpointer` always reads (pkg/scalers/azure/azure_eventhub_checkpoint.go),
    /// the Functions extension's `EventHubOptions.LeaseContainerName`.
    public static let functionsContainer = "azure-webjobs-eventhub"
    /// Where ClusterTriggerAuthentication Secrets are read without `KEDA_CLUSTER_OBJECT_NAMESPACE`: the operator's
    /// own namespace (`GetClusterObjectNamespace`, pkg/util), `keda` in KEDA's install.
    public static let clusterObjectNamespace = "keda"
}
