/// Every rule the doctor knows, in the order CHECKS.md and `--list-checks` print them.
public enum Catalogue {
    public static let all: [any Rule] = [
        // Azure Functions
        PodNamespaceWithoutLeaderEndpoint(),
        UnstableHostID(),
        KubernetesModeWithoutSiteName(),
        HostIDCollision(),
        MissingHostStorage(),
        EventHubWithoutCheckpointStorage(),
        FunctionsCheckpointFormatNotChosen(),
        CheckpointStrategyMisconfigured(),
        EventHubNameUnknown(),
        TriggerTypeWithoutScaler(),
        FromEnvNameMissing(),
        FunctionsKeysInTriggerMetadata(),
        BindingExpressionInTrigger(),
        BlobTriggerWithoutContainer(),
        ScaledObjectWithoutTriggers(),
        KedaV1ScaledObject(),
        KubernetesKeysWithoutSecret(),
        KeysObjectUnusable(),
        UnusableFunctionKeyNames(),
        WorkerRuntimeNotSet(),
        // KEDA
        EventHubCheckpointRegression(),
        OutsideWatchedNamespaces(),
        MissingTriggerAuthentication(),
        MissingAuthenticationSecret(),
        ScalingStatus(),
        OperatorWithoutWatchNamespace(),
        PodIdentityProvider(),
        WorkloadIdentityNotOnOperator(),
        EnvSourceContainerMissing(),
        InvalidScaledObjectSpec(),
        ScalingPaused(),
        TargetEnvFromMissing(),
        ScaleTargetMissing(),
        CompetingAutoscalers(),
        ResourceTriggerMisuse(),
        IrrelevantPollingSettings(),
        RestrictedSecretAccess(),
        // Fission
        OutsideFissionNamespaces(),
        FissionNamespaceDrift(),
        WatchedNamespaceWithoutRBAC(),
        PackageBuildNotSucceeded(),
        CrossNamespaceReference(),
        DanglingFissionReference(),
        SourcePackageWithoutBuilder(),
        InvalidExecutionSettings(),
        DeprecatedFunctionNamespace(),
        DuplicateHTTPRoute(),
        MessageQueueTriggerWithoutComponent(),
        MixedFissionVersions(),
        // OpenWhisk
        ActivationStoreBackendValue(),
        ElasticSearchSettingsIncomplete(),
        KafkaSettingsDiffer(),
        SchedulerModeInconsistent(),
        SchedulerRequiredSettings(),
        ActivationStoreDiffers(),
        SchedulerWithLeanController(),
        UnsupportedEtcdSetup(),
        MixedImageTags(),
        ImageGenerationMismatch(),
        EtcdWiring(),
        InstanceCountMismatch(),
        DurationCheckerNeedsElasticSearch(),
    ]

    public static var descriptions: [RuleDescription] { all.map(\.description) }

    public static let ids: Set<String> = Set(all.map { $0.description.id })

    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.description.id == id.uppercased() } }
}
