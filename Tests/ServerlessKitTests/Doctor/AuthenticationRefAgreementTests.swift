import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes

/// What the doctor and `checkpoints`' resolver make of an authenticationRef KEDA reads nothing from, or cannot look up.
/// kedacore/keda v2.20.2 pkg/scaling/resolver/scale_resolvers.go: `resolveAuthRef` reads a reference only when
/// `triggerAuthRef.Name != ""`; `getTriggerAuthSpec` fails any kind but "", TriggerAuthentication and
/// ClusterTriggerAuthentication ("unknown trigger auth kind %s"), which `resolveAuthRef` logs and goes on without
/// parameters; apis/keda/v1alpha1/scaletriggers_types.go `AuthenticationRef.Kind` carries
/// `+kubebuilder:validation:Enum=TriggerAuthentication;ClusterTriggerAuthentication`, so the API server refuses it.
@Suite("authenticationRef KEDA does not follow: one answer for checkpoints and the doctor")
struct AuthenticationRefAgreementTests {
    /// The target holds the Event Hubs connection; a TriggerAuthentication `orders-storage` of fn holds the storage one.
    static func manifests(trigger authenticationRef: String?) -> String {
        """
        \(TestManifests.deployment("orders", namespace: "fn", container: TestManifests.container("app", image: "orders:1", env: [
            TestManifests.env("EventHubConnection", secret: "orders-secrets", key: "eventhub")])))
        ---
        \(TestManifests.secret("orders-secrets", namespace: "fn", data: [
            "eventhub": "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=RVhBTVBMRQ==",
            "storage": "DefaultEndpointsProtocol=https;AccountName=ordersfn;AccountKey=RVhBTVBMRQ==;EndpointSuffix=core.windows.net"]))
        ---
        apiVersion: keda.sh/v1alpha1
        kind: TriggerAuthentication
        metadata: {name: orders-storage, namespace: fn}
        spec:
          secretTargetRef:
          - {parameter: storageConnection, name: orders-secrets, key: storage}
        ---
        \(TestManifests.scaledObject("orders", namespace: "fn", triggers: ["""
            - type: azure-eventhub
              metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection, checkpointStrategy: blobMetadata}
            """ + (authenticationRef.map { "\n  authenticationRef: \($0)" } ?? "")]))
        """
    }

    static func resolve(_ index: DoctorIndex) throws -> TriggerInputs {
        try TriggerInputsSource(index.store, placement: index.placement)
            .inputs(ScalableObjectRef(kind: .scaledObject, namespace: "fn", name: "orders"), trigger: nil, clusterObjectNamespace: "keda")
    }

    @Test(arguments: [#"{name: ""}"#, #"{name: "", kind: ClusterTriggerAuthentication}"#])
    func anEmptyNameIsNoReferenceForKDTA001AndTheResolver(ref: String) throws {
        let with = DoctorIndex(store: try DoctorTestSupport.store(Self.manifests(trigger: ref)))
        let without = DoctorIndex(store: try DoctorTestSupport.store(Self.manifests(trigger: nil)))
        #expect(MissingTriggerAuthentication().check(with).isEmpty)
        let inputs = try Self.resolve(with)
        let plain = try Self.resolve(without)
        #expect(inputs.authParams.isEmpty && inputs.emptyReads.isEmpty && inputs.podIdentityProvider == nil)
        #expect(inputs.resolvedEnv.mapValues(\.value) == plain.resolvedEnv.mapValues(\.value))
        // KEDA's own failure is the same with or without the empty reference: no storage connection.
        #expect(EventHubWithoutCheckpointStorage().check(with).map(\.message) == EventHubWithoutCheckpointStorage().check(without).map(\.message))
        #expect(EventHubWithoutCheckpointStorage().check(with).count == 1)
    }

    /// KEDA looks `kind: SecretStore` up nowhere: the storageConnection of the TriggerAuthentication of that name is
    /// not read, and the scaler fails with "no storage connection string given" (AF-KEDA-EH-001). KD-TA-001 names the
    /// kind; KD-EH-001 leaves the trigger to them (the resolver refuses the kind, as the API server does).
    @Test func anUnknownKindIsReportedByKDTA001AndAFKEDAEH001AndRefusedByTheResolver() throws {
        let index = DoctorIndex(store: try DoctorTestSupport.store(Self.manifests(trigger: "{name: orders-storage, kind: SecretStore}")))
        let kind = MissingTriggerAuthentication().check(index)
        #expect(kind.count == 1 && kind.first?.severity == .error, "\(kind.map(\.message))")
        #expect(kind.first?.message.contains(#"spec.triggers[0].authenticationRef.kind is SecretStore, a kind KEDA does not know"#) == true)
        #expect(kind.first?.message.contains(#""unknown trigger auth kind SecretStore""#) == true)
        let storage = EventHubWithoutCheckpointStorage().check(index)
        #expect(storage.count == 1 && storage.first?.message.contains("no storage connection string given") == true)
        #expect(EventHubTriggerRejected().check(index).isEmpty)
        #expect(throws: TriggerInputError.unknownAuthKind(object: "ScaledObject fn/orders", kind: "SecretStore")) {
            try Self.resolve(index)
        }
        // The same trigger with the kind KEDA knows: the storage is named, nothing to report.
        let known = DoctorIndex(store: try DoctorTestSupport.store(Self.manifests(trigger: "{name: orders-storage, kind: TriggerAuthentication}")))
        #expect(MissingTriggerAuthentication().check(known).isEmpty && EventHubWithoutCheckpointStorage().check(known).isEmpty)
        #expect(try Self.resolve(known).authParams["storageConnection"] != nil)
    }
}
