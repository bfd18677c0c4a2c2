import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes

/// The container KEDA reads env from, asked of `checkpoints`' resolver and of the doctor: one answer (`EnvSource`,
/// after kedacore/keda v2.20.2 pkg/scaling/resolver/scale_resolvers.go `ResolveScaleTargetPodSpec` and
/// `ResolveContainerEnv`, and apis/keda/v1alpha1/gvkr.go `ParseGVKR`). Every container sets WHO to its own name.
@Suite("KEDA's env container: one answer for checkpoints and the doctor")
struct EnvSourceAgreementTests {
    static let yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app, namespace: fn}
        spec:
          template:
            spec:
              initContainers:
              - {name: init, image: busybox, env: [{name: WHO, value: init}]}
              containers:
              - {name: sidecar, image: envoy, env: [{name: WHO, value: sidecar}]}
              - {name: app, image: app, env: [{name: WHO, value: app}]}
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: named, namespace: fn}
        spec:
          scaleTargetRef: {name: app, envSourceContainerName: app}
          triggers: [{type: azure-eventhub, metadata: {eventHubName: orders}}]
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: first, namespace: fn}
        spec:
          scaleTargetRef: {name: app, envSourceContainerName: ""}
          triggers: [{type: azure-eventhub, metadata: {eventHubName: orders}}]
        ---
        # ParseGVKR: an empty kind is a Deployment, an empty apiVersion apps/v1.
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: empty-kind, namespace: fn}
        spec:
          scaleTargetRef: {name: app, kind: "", apiVersion: ""}
          triggers: [{type: azure-eventhub, metadata: {eventHubName: orders}}]
        ---
        # Init containers are not among the ones KEDA looks at.
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: init-named, namespace: fn}
        spec:
          scaleTargetRef: {name: app, envSourceContainerName: init}
          triggers: [{type: azure-eventhub, metadata: {eventHubName: orders}}]
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledJob
        metadata: {name: job, namespace: fn}
        spec:
          envSourceContainerName: worker
          jobTargetRef:
            template:
              spec:
                containers:
                - {name: helper, image: helper, env: [{name: WHO, value: helper}]}
                - {name: worker, image: worker, env: [{name: WHO, value: worker}]}
          triggers: [{type: azure-eventhub, metadata: {eventHubName: orders}}]
        """

    /// nil when KEDA finds no container ("couldn't find container with name ... on Target object").
    @Test(arguments: [
        ("named", ScalableKind.scaledObject, "app"), ("first", .scaledObject, "sidecar"),
        ("empty-kind", .scaledObject, "sidecar"), ("init-named", .scaledObject, nil), ("job", .scaledJob, "worker"),
    ] as [(String, ScalableKind, String?)])
    func resolverAndDoctorPickTheSameContainer(name: String, kind: ScalableKind, expected: String?) throws {
        let index = DoctorIndex(store: try DoctorTestSupport.store(Self.yaml))
        let resource = try #require(ScaledResource.all(in: index).first { $0.object.name == name })
        let doctor = resource.envContainer(in: index)?.container.name

        let source = TriggerInputsSource(index.store, placement: index.placement)
        let ref = ScalableObjectRef(kind: kind, namespace: "fn", name: name)
        let resolved: String?
        do {
            resolved = try source.inputs(ref, trigger: nil, clusterObjectNamespace: "keda").resolvedEnv["WHO"]?.value
        } catch TriggerInputError.containerNotFound {
            resolved = nil
        }
        #expect(doctor == expected)
        #expect(resolved == expected)
    }

    /// KD-TA-005 judges the container name against the same pod template: with an empty kind too.
    @Test func aMissingEnvContainerIsReportedWhereTheResolverFails() throws {
        let yaml = Self.yaml + """

            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: typo, namespace: fn}
            spec:
              scaleTargetRef: {name: app, kind: "", envSourceContainerName: ap}
              triggers: [{type: azure-eventhub, metadata: {eventHubName: orders}}]
            """
        let index = DoctorIndex(store: try DoctorTestSupport.store(yaml))
        let findings = EnvSourceContainerMissing().check(index)
        // init-named names an init container: KEDA does not find it either.
        #expect(Set(findings.map(\.subject.name)) == ["typo", "init-named"])
        let source = TriggerInputsSource(index.store, placement: index.placement)
        #expect(throws: TriggerInputError.containerNotFound(object: "ScaledObject fn/typo", container: "ap")) {
            try source.inputs(ScalableObjectRef(kind: .scaledObject, namespace: "fn", name: "typo"), trigger: nil,
                              clusterObjectNamespace: "keda")
        }
    }
}
