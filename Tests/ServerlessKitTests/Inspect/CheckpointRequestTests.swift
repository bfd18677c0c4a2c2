import Testing
@testable import ServerlessInspect
@testable import ServerlessKEDA
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// `CheckpointRequest`: the object, then the flags (which override it), then the environment (which fills
/// what is still missing), with KEDA's defaults where all three say nothing. Objects come from real YAML
/// through the manifest loader and KEDA's resolver, as `checkpoints -f` reads them.
@Suite("checkpoints: the request")
struct CheckpointRequestTests {
    static let eventHub = "Endpoint=sb://objns.servicebus.windows.net/;SharedAccessKeyName=r;SharedAccessKey=b2JqZWN0;EntityPath=orders"
    static let storage = "DefaultEndpointsProtocol=https;AccountName=objstore;AccountKey=b2JqZWN0;EndpointSuffix=core.windows.net"
    static let flagEventHub = "Endpoint=sb://flagns.servicebus.windows.net/;SharedAccessKeyName=r;SharedAccessKey=ZmxhZw==;EntityPath=orders"
    static let flagStorage = "DefaultEndpointsProtocol=https;AccountName=flagstore;AccountKey=ZmxhZw==;EndpointSuffix=core.windows.net"
    static let envEventHub = "Endpoint=sb://envns.servicebus.windows.net/;SharedAccessKeyName=r;SharedAccessKey=ZW52;EntityPath=orders"
    static let envStorage = "DefaultEndpointsProtocol=https;AccountName=envstore;AccountKey=ZW52;EndpointSuffix=core.windows.net"

    /// A ScaledObject whose Deployment's env holds both connection strings; `spec` lines, the trigger's
    /// `metadata` lines and the container's `env` entries (both connections unless told) are spliced in.
    static func scaledObject(spec: [String] = [], metadata: [String] = [], env: [String]? = nil) -> String {
        let trigger = (["- type: azure-eventhub", "  name: orders-hub", "  metadata:", "    connectionFromEnv: EventHubConnection",
                        "    storageConnectionFromEnv: AzureWebJobsStorage"] + TestManifests.indented(metadata, by: 4)).joined(separator: "\n")
        return TestManifests.scaledObject("orders", namespace: "fn", spec: spec, triggers: [trigger]) + "\n---\n"
            + TestManifests.deployment("orders", namespace: "fn", container: TestManifests.container("app", image: "orders", env: env ?? bothConnections))
    }

    static let bothConnections = ["- {name: EventHubConnection, value: \"\(eventHub)\"}", "- {name: AzureWebJobsStorage, value: \"\(storage)\"}"]

    static func inputs(_ yaml: String, kind: ScalableKind = .scaledObject, name: String = "orders",
                       namespace: String = "fn") throws -> TriggerInputs {
        let load = try ManifestLoader.assemble([ManifestText(file: "request.yaml", text: yaml)], paths: ["request.yaml"])
        return try TriggerInputsSource(load.store, placement: NamespacePlacement(namespace: namespace))
            .inputs(ScalableObjectRef(kind: kind, namespace: namespace, name: name), trigger: nil, clusterObjectNamespace: "keda")
    }

    static let newest = KEDAVersionDetector.choose(flag: nil, sightings: [], from: .manifests)
    static let operator215 = KEDAVersionChoice(version: KEDAVersion("2.15.1")!, source: .manifests,
                                               reason: "Deployment keda/keda-operator runs ghcr.io/kedacore/keda:2.15.1")

    static func request(_ object: TriggerInputs?, flags: CheckpointRequest.Flags = .init(), environment: [String: String] = [:],
                        keda: KEDAVersionChoice = newest) -> CheckpointRequest {
        CheckpointRequest(object: object, keda: keda, flags: flags, environment: environment)
    }

    // MARK: Which object

    @Test func neitherObjectMeansFlagsOnlyAndBothIsRefused() throws {
        #expect(try CheckpointRequest.object(scaledObject: nil, scaledJob: nil, trigger: nil) == nil)
        let job = try #require(try CheckpointRequest.object(scaledObject: nil, scaledJob: "batch", trigger: "0"))
        #expect(job.kind == .scaledJob && job.name == "batch")
        #expect(throws: CheckpointInputError("name either a ScaledObject or --scaled-job, not both")) {
            try CheckpointRequest.object(scaledObject: "orders", scaledJob: "batch", trigger: nil)
        }
        #expect(throws: CheckpointInputError("--trigger needs a ScaledObject or --scaled-job")) {
            try CheckpointRequest.object(scaledObject: nil, scaledJob: nil, trigger: "1")
        }
    }

    @Test func clusterObjectNamespaceIsKEDAsUnlessTheEnvironmentSays() {
        #expect(CheckpointRequest.clusterObjectNamespace(environment: [:]) == "keda")
        #expect(CheckpointRequest.clusterObjectNamespace(environment: ["KEDA_CLUSTER_OBJECT_NAMESPACE": "platform"]) == "platform")
    }

    @Test func anObjectKeptInAnotherNamespaceIsNamedWithTheFlagThatFindsIt() throws {
        let error = try #require(throws: WithHint.self) { try Self.inputs(Self.scaledObject(), namespace: "default") }
        #expect(error.hint == "the manifests have it in namespace fn: pass -n fn")
    }

    // MARK: Precedence: flag > object > environment

    @Test func flagsOverrideTheObjectsMetadata() throws {
        let object = try Self.inputs(Self.scaledObject(metadata: ["blobContainer: from-object", "consumerGroup: billing"]))
        let request = Self.request(object, flags: .init(metadata: ["blobContainer": "from-flag"]))
        #expect(request.trigger.metadata["blobContainer"] == "from-flag")
        #expect(request.trigger.metadata["consumerGroup"] == "billing")
    }

    @Test func connectionFlagsOverrideTheObjectAndTheEnvironment() throws {
        let request = Self.request(try Self.inputs(Self.scaledObject()),
                                   flags: .init(eventHubConnection: Self.flagEventHub, storageConnection: Self.flagStorage),
                                   environment: ["AZURE_EVENTHUB_CONNECTION_STRING": Self.envEventHub,
                                                 "AZURE_STORAGE_CONNECTION_STRING": Self.envStorage])
        let settings = try request.settings()
        #expect(settings.eventHubConnection?.value == Self.flagEventHub)
        #expect(settings.storageConnection?.value == Self.flagStorage)
    }

    @Test func theObjectsConnectionsWinOverTheEnvironment() throws {
        let request = Self.request(try Self.inputs(Self.scaledObject()),
                                   environment: ["AZURE_EVENTHUB_CONNECTION_STRING": Self.envEventHub,
                                                 "AZURE_STORAGE_CONNECTION_STRING": Self.envStorage])
        let settings = try request.settings()
        #expect(settings.eventHubConnection?.value == Self.eventHub)
        #expect(settings.storageConnection?.value == Self.storage)
    }

    @Test func theEnvironmentFillsConnectionsTheObjectLeavesOut() throws {
        let object = try Self.inputs(Self.scaledObject(env: ["- {name: Unrelated, value: x}"]))
        let request = Self.request(object, environment: ["AZURE_EVENTHUB_CONNECTION_STRING": Self.envEventHub,
                                                         "AZURE_STORAGE_CONNECTION_STRING": Self.envStorage])
        #expect(request.trigger.authParams["connection"] == Self.envEventHub)
        #expect(request.trigger.authParams["storageConnection"] == Self.envStorage)
        #expect(try request.settings().storageConnection?.value == Self.envStorage)
    }

    @Test func anEmptyEnvironmentVariableFillsNothing() {
        let request = Self.request(nil, environment: ["AZURE_EVENTHUB_CONNECTION_STRING": "", "AZURE_STORAGE_CONNECTION_STRING": ""])
        #expect(request.trigger.authParams.isEmpty)
    }

    @Test func storageFromTheEnvironmentAloneReachesKEDAsParser() throws {
        // Flags only, AZURE_STORAGE_CONNECTION_STRING set: KEDA's next complaint is the missing Event Hubs connection.
        let request = Self.request(nil, flags: .init(metadata: ["eventHubName": "orders"]),
                                   environment: ["AZURE_STORAGE_CONNECTION_STRING": Self.envStorage])
        #expect(request.trigger.authParams == ["storageConnection": Self.envStorage])
        #expect(throws: KEDAConfigError(.noEventHubConnection, "no event hub connection string given")) { try request.settings() }
    }

    @Test func aPodIdentityTakesNoEventHubsConnectionFromTheEnvironmentButStillItsStorage() throws {
        let environment = ["AZURE_EVENTHUB_CONNECTION_STRING": Self.envEventHub, "AZURE_STORAGE_CONNECTION_STRING": Self.envStorage]
        let request = Self.request(nil, flags: .init(metadata: ["eventHubNamespace": "orders-ns", "eventHubName": "orders"],
                                                     podIdentity: "azure-workload"), environment: environment)
        #expect(request.trigger.podIdentityProvider == "azure-workload")
        #expect(request.trigger.authParams["connection"] == nil)
        #expect(request.trigger.authParams["storageConnection"] == Self.envStorage)
    }

    @Test func thePodIdentityFlagOverridesTheTriggerAuthentications() throws {
        let yaml = Self.scaledObject().replacingOccurrences(of: "    name: orders-hub\n",
                                                            with: "    name: orders-hub\n    authenticationRef: {name: wi}\n")
            + "\n---\n" + TestManifests.podIdentityAuthentication("wi", namespace: "fn", provider: "azure-workload")
        let object = try Self.inputs(yaml)
        #expect(object.podIdentityProvider == "azure-workload")
        #expect(Self.request(object).trigger.podIdentityProvider == "azure-workload")
        #expect(Self.request(object, flags: .init(podIdentity: "none")).trigger.podIdentityProvider == "none")
    }

    // MARK: The scale target and KEDA's defaults

    @Test func aScaledObjectWithoutBoundsGetsKEDAsDefaults() throws {
        let request = Self.request(try Self.inputs(Self.scaledObject()))
        #expect(request.target == .scaledObject(minReplicas: 0, maxReplicas: 100))
        #expect(request.origin == .init(kind: "ScaledObject", namespace: "fn", name: "orders", trigger: "orders-hub"))
    }

    @Test func theObjectsBoundsThenTheFlags() throws {
        let object = try Self.inputs(Self.scaledObject(spec: ["minReplicaCount: 2", "maxReplicaCount: 30"]))
        #expect(Self.request(object).target == .scaledObject(minReplicas: 2, maxReplicas: 30))
        #expect(Self.request(object, flags: .init(maxReplicas: 8)).target == .scaledObject(minReplicas: 2, maxReplicas: 8))
        #expect(Self.request(object, flags: .init(minReplicas: 1)).target == .scaledObject(minReplicas: 1, maxReplicas: 30))
    }

    @Test func flagsOnlyKnowNoBoundsButTheFlags() {
        #expect(Self.request(nil).target == .unknownScaledObject)
        #expect(Self.request(nil, flags: .init(minReplicas: 1, maxReplicas: 4)).target == .scaledObject(minReplicas: 1, maxReplicas: 4))
        #expect(Self.request(nil).origin == nil)
    }

    @Test func aScaledJobReadsItsJobTemplateAndDefaultsTo100() throws {
        let yaml = ScaledJobCommandTests.batch(
            env: "- {name: EventHubConnection, value: \"\(Self.eventHub)\"}\n- {name: AzureWebJobsStorage, value: \"\(Self.storage)\"}",
            metadata: "storageConnectionFromEnv: AzureWebJobsStorage")
        let object = try Self.inputs(yaml, kind: .scaledJob, name: "batch")
        let request = Self.request(object)
        #expect(request.target == .scaledJob(maxReplicas: 100))
        #expect(request.origin == .init(kind: "ScaledJob", namespace: "fn", name: "batch", trigger: "0"))
        #expect(Self.request(object, flags: .init(minReplicas: 3, maxReplicas: 5)).target == .scaledJob(maxReplicas: 5))
        #expect(try request.settings().eventHubConnection?.value == Self.eventHub)
    }

    @Test(arguments: [KEDAVersion("2.15.1")!, KEDAVersion.newestRelease])
    func theTriggersDefaultsAreKEDAs(version: KEDAVersion) throws {
        let keda = KEDAVersionChoice(version: version, source: .flag, reason: "--keda-version \(version)")
        let settings = try Self.request(try Self.inputs(Self.scaledObject()), keda: keda).settings()
        #expect(settings.unprocessedEventThreshold == 64)
        #expect(settings.activationUnprocessedEventThreshold == 0)
        #expect(settings.stalePartitionInfoThreshold == 10000)
        #expect(settings.consumerGroup == "$Default")
        #expect(settings.checkpointStrategy == "")
        #expect(settings.reader == .azureFunction)
        #expect(try settings.checkpointLocation(partitionID: "0").get()
            == CheckpointLocation(container: "azure-webjobs-eventhub", blobName: "objns.servicebus.windows.net/orders/$Default/0"))
    }

    // MARK: What is said before the report

    @Test func anUnnamedKEDAIsSaidOnlyWhenAnObjectWasRead() throws {
        let object = try Self.inputs(Self.scaledObject())
        #expect(Self.request(object).kedaWarning == "no KEDA operator Deployment or KEDA chart values among the inputs: modelling KEDA \(KEDAVersion.newestRelease)")
        #expect(Self.request(object).warnings.isEmpty)
        #expect(Self.request(object, keda: Self.operator215).kedaWarning == nil)
        #expect(Self.request(nil).kedaWarning == nil)
    }

    @Test func valuesKEDAReadsAsEmptyAreSaidWithoutTheirValue() throws {
        let yaml = Self.scaledObject(env: [TestManifests.env("EventHubConnection", secret: "hub", key: "wrong"),
                                           "- {name: AzureWebJobsStorage, value: \"\(Self.storage)\"}"]) + "\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: hub, namespace: fn}\nstringData: {connection: secret-value}\n"
        let warnings = Self.request(try Self.inputs(yaml), keda: Self.operator215).warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("Secret fn/hub has no key \"wrong\"") == true)
        #expect(warnings.first?.contains("secret-value") == false)
    }

    @Test func kedasRefusalNamesTheOperatorVersionModelled() throws {
        let request = Self.request(nil, keda: Self.operator215)
        let error = try #require(throws: WithHint.self) { try request.settings() }
        #expect(error.message == "no storage connection string given")
        #expect(error.hint == "modelling \(Self.operator215)")
        #expect(throws: KEDAConfigError(.noStorageConnection, "no storage connection string given")) { try Self.request(nil).settings() }
    }

    @Test func aContainerNameAzureRefusesIsSaidBeforeAnyRequest() throws {
        let request = Self.request(try Self.inputs(Self.scaledObject()), flags: .init(metadata: ["blobContainer": "Bad_Name"]))
        #expect(throws: (any Error).self) { try request.settings() }
    }
}
