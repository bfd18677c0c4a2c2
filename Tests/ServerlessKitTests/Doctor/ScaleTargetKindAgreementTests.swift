import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes

/// A ScaledObject's target found by group, version and kind, and its env read from `spec.template`, the same way by
/// `checkpoints`' resolver and by the doctor (`EnvSource`). kedacore/keda v2.20.2: apis/keda/v1alpha1/gvkr.go
/// `ParseGVKR` (apiVersion and kind as written), pkg/scaling/resolver/scale_resolvers.go `ResolveScaleTargetPodSpec`
/// (apps Deployment and StatefulSet typed, any other kind read as the `podSpecable` duck type: `spec.template`; no
/// containers there: "There aren't any containers found in the ScaleTarget", `return nil, "", nil`, so the triggers
/// get no env and `envSourceContainerName` is never looked for).
@Suite("Scale target by group, version and kind: one answer for checkpoints and the doctor")
struct ScaleTargetKindAgreementTests {
    /// A Rollout and a Deployment of the same name: only the kind in `scaleTargetRef` tells them apart.
    static func rolloutAndDeployment(rolloutContainer: String) -> String {
        """
        \(TestManifests.workload("orders", apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", namespace: "fn",
                                 spec: ["strategy: {canary: {}}"], container: rolloutContainer))
        ---
        \(TestManifests.deployment("orders", namespace: "fn", container: TestManifests.container("app", image: "orders:1", env: [
            "- {name: WHO, value: deployment}", "- {name: EventHubConnection, value: from-the-deployment}"])))
        ---
        \(TestManifests.secret("other-settings", namespace: "fn", data: ["unrelated": "x"]))
        ---
        \(TestManifests.scaledObject("orders", namespace: "fn", targetRef: "apiVersion: argoproj.io/v1alpha1, kind: Rollout", triggers: ["""
            - type: azure-eventhub
              metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage}
            """]))
        """
    }

    static func resolve(_ index: DoctorIndex, _ name: String = "orders") throws -> TriggerInputs {
        try TriggerInputsSource(index.store, placement: index.placement)
            .inputs(ScalableObjectRef(kind: .scaledObject, namespace: "fn", name: name), trigger: nil, clusterObjectNamespace: "keda")
    }

    @Test func aRolloutTargetsEnvIsReadFromItsTemplateNotFromADeploymentOfTheSameName() throws {
        let container = TestManifests.container("rollout", image: "orders:2", env: [
            "- {name: WHO, value: rollout}", "- {name: AzureWebJobsStorage, value: from-the-rollout}"])
        let index = DoctorIndex(store: try DoctorTestSupport.store(Self.rolloutAndDeployment(rolloutContainer: container)))
        let resource = try #require(ScaledResource.all(in: index).first)
        let (workload, chosen) = try #require(resource.envContainer(in: index))
        #expect(workload.object.kind == "Rollout" && chosen.name == "rollout")
        #expect(try Self.resolve(index).resolvedEnv["WHO"]?.value == "rollout")

        // AF-KEDA-ENV-001: EventHubConnection is the Deployment's, not the Rollout's; KEDA reads the Rollout.
        let findings = FromEnvNameMissing().check(index)
        #expect(findings.count == 1 && findings.first?.message.contains(
            "connectionFromEnv: EventHubConnection is not defined in container rollout of Rollout orders") == true, "\(findings.map(\.message))")
        #expect(try Self.resolve(index).resolvedEnv["EventHubConnection"] == nil)
    }

    /// KD-ENV-001 on the Rollout's envFrom: KEDA's `resolveEnv` reads it before any trigger.
    @Test func aRolloutTargetsMissingEnvFromSecretIsReportedAndFailsTheResolverAlike() throws {
        let container = """
            - name: rollout
              image: orders:2
              envFrom:
              - secretRef: {name: orders-settings}
            """
        let index = DoctorIndex(store: try DoctorTestSupport.store(Self.rolloutAndDeployment(rolloutContainer: container)))
        let findings = TargetEnvFromMissing().check(index)
        // On manifests, with other Secrets of fn in the files: a warning.
        #expect(findings.map(\.subject.kind) == ["Rollout"], "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("Secret orders-settings (envFrom of container rollout) is not among the manifests read") == true)
        #expect {
            try Self.resolve(index)
        } throws: { error in
            (error as? TriggerInputError)?.message.contains(#"Secret "orders-settings" not found in namespace "fn" (referenced by Rollout fn/orders container rollout envFrom[0])"#) == true
        }
    }

    /// A CronJob's pod template is at `spec.jobTemplate.spec.template`: KEDA's duck type finds no containers at
    /// `spec.template`, hands the triggers no env and never looks for `envSourceContainerName`.
    @Test func aCronJobTargetHasNoEnvContainerForEitherCommand() throws {
        let yaml = """
            \(TestManifests.cronJob("orders", namespace: "fn", container: TestManifests.container("job", image: "orders:1", env: [
                "- {name: EventHubConnection, value: in-the-job-template}"])))
            ---
            \(TestManifests.scaledObject("orders", namespace: "fn", targetRef: "apiVersion: batch/v1, kind: CronJob, envSourceContainerName: not-there", triggers: ["""
                - type: azure-eventhub
                  metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection}
                """]))
            """
        let index = DoctorIndex(store: try DoctorTestSupport.store(yaml))
        let resource = try #require(ScaledResource.all(in: index).first)
        #expect(resource.envSource.target?.kind == KindRef.cronJob)
        #expect(resource.envWorkload(in: index) == nil && resource.envContainer(in: index) == nil)
        // No containerNotFound: KEDA returns before it looks for the container.
        let inputs = try Self.resolve(index)
        #expect(inputs.resolvedEnv.isEmpty && inputs.emptyReads.isEmpty)
        #expect(EnvSourceContainerMissing().check(index).isEmpty)
        #expect(FromEnvNameMissing().check(index).isEmpty)
    }
}
