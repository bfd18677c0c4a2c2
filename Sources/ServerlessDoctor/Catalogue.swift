/// Every rule the doctor knows, by id: the order CHECKS.md and `--list-checks` print them in.
public enum Catalogue {
    /// In id order (CatalogueTests proves every rule under Rules/ is here, once, in order).
    public static let all: [any Rule] = [
        // Azure Functions
        DurableWithoutHostname(),  // AF-DURABLE-001
        UnstableHostID(),  // AF-HOSTID-001
        KubernetesModeWithoutSiteName(),  // AF-HOSTID-002
        HostIDCollision(),  // AF-HOSTID-003
        BindingExpressionInTrigger(),  // AF-KEDA-BIND-001
        BlobTriggerWithoutContainer(),  // AF-KEDA-BLOB-001
        EventHubWithoutCheckpointStorage(),  // AF-KEDA-EH-001
        FunctionsCheckpointFormatNotChosen(),  // AF-KEDA-EH-002
        CheckpointStrategyMisconfigured(),  // AF-KEDA-EH-003
        EventHubNameUnknown(),  // AF-KEDA-EH-004
        AzureFunctionStrategyOnNewExtension(),  // AF-KEDA-EH-005
        ScaledObjectWithoutTriggers(),  // AF-KEDA-EMPTY-001
        FromEnvNameMissing(),  // AF-KEDA-ENV-001
        FunctionsKeysInTriggerMetadata(),  // AF-KEDA-EXTRA-001
        KafkaTriggerWithoutSecurity(),  // AF-KEDA-KAFKA-001
        TriggerTypeWithoutScaler(),  // AF-KEDA-TYPE-001
        KedaV1ScaledObject(),  // AF-KEDA-V1-001
        FuncInstalledKeda(),  // AF-KEDA-VER-001
        KubernetesKeysWithoutSecret(),  // AF-KEYS-001
        KeysObjectUnusable(),  // AF-KEYS-002
        UnusableFunctionKeyNames(),  // AF-KEYS-003
        PodNamespaceWithoutLeaderEndpoint(),  // AF-LOCK-001
        ScaleFromZeroWithoutScaler(),  // AF-SCALE-001
        DurableAppSplit(),  // AF-SPLIT-001
        MissingHostStorage(),  // AF-STORAGE-001
        DevelopmentStorageInCluster(),  // AF-STORAGE-002
        WorkerRuntimeNotSet(),  // AF-WORKER-001
        // Fission
        SourcePackageWithoutBuilder(),  // FI-BUILD-001
        PackageBuildNotSucceeded(),  // FI-BUILD-002
        InvalidExecutionSettings(),  // FI-EXEC-001
        DuplicateHTTPRoute(),  // FI-HTTP-001
        FissionCoreNotRunning(),  // FI-INST-001
        MixedFissionVersions(),  // FI-INST-002
        KubernetesTooOldForFission(),  // FI-INST-003
        MessageQueueTriggerWithoutComponent(),  // FI-MQT-001
        OutsideFissionNamespaces(),  // FI-NS-001
        FissionNamespaceDrift(),  // FI-NS-002
        WatchedNamespaceWithoutRBAC(),  // FI-NS-003
        DeprecatedFunctionNamespace(),  // FI-NS-004
        UnknownTenancyMode(),  // FI-NS-005
        SpacedResourceNamespaces(),  // FI-NS-006
        DanglingFissionReference(),  // FI-REF-001
        CrossNamespaceReference(),  // FI-XNS-001
        // General: only on what the platforms found own or run
        ControlPlaneOnMovingTag(),  // GEN-IMG-001
        ServerlessPodsUnhealthy(),  // GEN-LIVE-001
        NamespaceMissing(),  // GEN-NS-001
        MissingReferencedObject(),  // GEN-REF-001
        // KEDA
        EventHubTriggerRejected(),  // KD-EH-001
        EventHubActivationAboveThreshold(),  // KD-EH-002
        LegacyCheckpointReader(),  // KD-EH-003
        NonPositiveThresholdAccepted(),  // KD-EH-004
        TargetEnvFromMissing(),  // KD-ENV-001
        ScalingStatus(),  // KD-LIVE-001
        OperatorMissing(),  // KD-OP-001
        OperatorWithoutWatchNamespace(),  // KD-OP-002
        OutsideWatchedNamespaces(),  // KD-OP-003
        OperatorOutsideTestedKubernetes(),  // KD-OP-004
        ExternalMetricsNotKeda(),  // KD-OP-005
        RestrictedSecretAccess(),  // KD-OP-006
        ScaleTargetMissing(),  // KD-SO-001
        TargetWithoutScaleSubresource(),  // KD-SO-002
        CompetingAutoscalers(),  // KD-SO-003
        ResourceTriggerMisuse(),  // KD-SO-004
        InvalidScaledObjectSpec(),  // KD-SO-005
        IrrelevantPollingSettings(),  // KD-SO-006
        ScalingPaused(),  // KD-SO-007
        DeclaredReplicasFightKeda(),  // KD-SO-008
        MissingTriggerAuthentication(),  // KD-TA-001
        MissingAuthenticationSecret(),  // KD-TA-002
        PodIdentityProvider(),  // KD-TA-003
        WorkloadIdentityNotOnOperator(),  // KD-TA-004
        EnvSourceContainerMissing(),  // KD-TA-005
        EventHubCheckpointRegression(),  // KD-VER-001
        // OpenWhisk
        ActivationStoreBackendValue(),  // OW-AS-001
        ActivationStoreDiffers(),  // OW-AS-002
        ElasticSearchSettingsIncomplete(),  // OW-AS-003
        DurationCheckerNeedsElasticSearch(),  // OW-DC-001
        UnsupportedEtcdSetup(),  // OW-ETCD-001
        MixedImageTags(),  // OW-IMG-001
        ImageGenerationMismatch(),  // OW-IMG-002
        DockerFactoryWithoutDocker(),  // OW-INV-001
        KafkaSettingsDiffer(),  // OW-KAFKA-001
        InvokersUnhealthy(),  // OW-LIVE-001
        SchedulerModeInconsistent(),  // OW-SCH-001
        EtcdWiring(),  // OW-SCH-002
        SchedulerWithLeanController(),  // OW-SCH-003
        SchedulerRequiredSettings(),  // OW-SCH-004
        InstanceCountMismatch(),  // OW-SCH-005
    ]

    public static var descriptions: [RuleDescription] { all.map(\.description) }

    public static let ids: Set<String> = Set(all.map { $0.description.id })

    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.description.id == id.uppercased() } }
}
