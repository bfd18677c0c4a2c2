import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// The live halves of rules that judge manifests too: what the cluster adds beyond their examples.
@Suite struct DoctorLiveRuleTests {
    func live(_ yaml: String, unreadable: [UnreadableKind] = []) throws -> ObjectStore {
        var store = try RuleExampleTests.store(yaml, file: "live.yaml", live: true)
        store.unreadable = unreadable
        return store
    }

    static let functionsApp = TestManifests.deployment("orders", namespace: "functions", spec: ["replicas: 0"], container: TestManifests.container(
        "orders", image: "example.azurecr.io/orders:1.0",
        env: ["- {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}",
              TestManifests.env("AzureWebJobsStorage", secret: "orders-secrets", key: "AzureWebJobsStorage")]))

    @Test func missingSecretIsAnErrorLiveAndQuietWhenUnreadable() throws {
        let findings = MissingReferencedObject().check(store: try live(Self.functionsApp))
        #expect(findings.map(\.severity) == [.error])
        #expect(findings.first?.message == "Secret functions/orders-secrets does not exist: Azure Functions function Deployment orders cannot start its containers (CreateContainerConfigError)")
        let forbidden = UnreadableKind(kind: "Secret", namespace: "functions", reason: "secrets is forbidden")
        #expect(MissingReferencedObject().check(store: try live(Self.functionsApp, unreadable: [forbidden])).isEmpty)
    }

    @Test func scaleFromZeroWithAScaledObjectThatIsNotReady() throws {
        let scaledObject = "---\n" + TestManifests.scaledObject("orders", namespace: "functions", triggers: [
            "- type: azure-eventhub\n  metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection}",
        ], status: [
            "conditions:",
            #"- {type: Ready, status: "False", reason: ScaledObjectCheckFailed, message: "unable to get eventhub metadata: no storage connection string given"}"#,
        ])
        let findings = ScaleFromZeroWithoutScaler().check(store: try live(Self.functionsApp + "\n" + scaledObject))
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("is not Ready (ScaledObjectCheckFailed: unable to get eventhub metadata") == true)
        let ready = scaledObject.replacingOccurrences(of: #"status: "False", reason: ScaledObjectCheckFailed"#, with: #"status: "True", reason: ScaledObjectReady"#)
        #expect(ScaleFromZeroWithoutScaler().check(store: try live(Self.functionsApp + "\n" + ready)).isEmpty)
    }

    @Test func liveReplicasAreKedasSoTheLastAppliedOnesAreJudged() throws {
        let example = RuleExampleTests.example("KD-SO-008")
        // Live, spec.replicas is what the HPA set: alone it says nothing.
        #expect(DeclaredReplicasFightKeda().check(store: try live(example)).isEmpty)
        let applied = example.replacingOccurrences(of: "  annotations: {argocd.argoproj.io/tracking-id: \"payments:apps/Deployment:payments/payments-worker\"}",
            with: "  annotations: {kubectl.kubernetes.io/last-applied-configuration: '{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replicas\":1}}'}")
        let findings = DeclaredReplicasFightKeda().check(store: try live(applied))
        #expect(findings.count == 1)
        #expect(findings.first?.evidence.first == "metadata.annotations[kubectl.kubernetes.io/last-applied-configuration].spec.replicas: 1")
    }

    @Test func watchNamespaceNamingNoNamespace() throws {
        let yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: functions}\n---\n"
            + TestManifests.deployment("keda-operator", namespace: "keda", container: TestManifests.container(
                "keda-operator", image: "ghcr.io/kedacore/keda:2.20.2", env: [#"- {name: WATCH_NAMESPACE, value: "functions,fuctions"}"#]))
        let findings = NamespaceMissing().check(store: try live(yaml))
        #expect(findings.map(\.message) == ["the KEDA operator's WATCH_NAMESPACE names namespace fuctions, which does not exist"])
        let forbidden = UnreadableKind(kind: "Namespace", namespace: nil, reason: "namespaces is forbidden")
        #expect(NamespaceMissing().check(store: try live(yaml, unreadable: [forbidden])).isEmpty)
    }

    /// Manifests hold what KD-SO-002 needs for built-in kinds and for CRDs among them: a CronJob target is
    /// refused by KEDA's controller before any scaler runs (scaledobject_controller.go, "doesn't expose /scale
    /// subresource"), so `doctor -f` says so; a custom kind whose CRD is not in the files is not guessed at.
    @Test func manifestsShowTargetsWithoutScaleWhenTheirKindOrCRDIsThere() throws {
        let trigger = #"- {type: cpu, metadata: {type: Utilization, value: "60"}}"#
        let cronJob = [TestManifests.cronJob("nightly", namespace: "fn", container: "- {name: nightly, image: busybox}"),
                       TestManifests.scaledObject("nightly", namespace: "fn", targetRef: "apiVersion: batch/v1, kind: CronJob",
                                                  triggers: [trigger])].joined(separator: "\n---\n")
        let findings = Doctor.run(store: try DoctorTestSupport.store(cronJob), options: DoctorOptions()).findings
            .filter { $0.id == "KD-SO-002" }
        #expect(findings.map(\.message) == ["CronJob nightly cannot be scaled by KEDA: a CronJob has no /scale subresource"])
        #expect(findings.first?.location != nil)
        #expect(findings.first?.fix.contains("ScaledJob") == true)
        let rollout = TestManifests.scaledObject("web", namespace: "fn", targetRef: "apiVersion: argoproj.io/v1alpha1, kind: Rollout",
                                                 triggers: [trigger])
        #expect(Doctor.run(store: try DoctorTestSupport.store(rollout), options: DoctorOptions()).findings
            .filter { $0.id == "KD-SO-002" }.isEmpty)
    }

    @Test func daemonSetTargetNeedsNoCRD() throws {
        let findings = TargetWithoutScaleSubresource().check(store: try live(Catalogue.rule("KD-SO-002")!.description.triggeringExamples[1]))
        #expect(findings.first?.message == "DaemonSet log-shipper cannot be scaled by KEDA: a DaemonSet has no /scale subresource")
    }
}
