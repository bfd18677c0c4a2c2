import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// Each rule judges only what its platform owns, says "may" when it guesses, and one cause gives one finding.
@Suite struct DoctorScopeTests {
    func findings(_ yaml: String, options: DoctorOptions = DoctorOptions()) throws -> [Finding] {
        Doctor.run(store: try DoctorTestSupport.store(yaml), options: options).findings
    }

    func live(_ yaml: String) throws -> ObjectStore { try RuleExampleTests.store(yaml, file: "live.yaml", live: true) }

    /// The shape of kedacore/keda's azure-eventhub e2e tests (tests/scalers/azure/azure_event_hub_*): a plain
    /// consumer Deployment, its Secret holding a hub-level connection string (with EntityPath) and a storage one.
    static func consumer(functionsHost: Bool, entityPath: Bool) -> String {
        let connection = "Endpoint=sb://keda-e2e.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VjcmV0"
            + (entityPath ? ";EntityPath=orders" : "")
        let storage = "DefaultEndpointsProtocol=https;AccountName=kedae2e;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net"
        return """
            apiVersion: v1
            kind: Secret
            metadata: {name: consumer-secret, namespace: keda-e2e}
            stringData:
              connection: "\(connection)"
              storageConnection: "\(storage)"
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: consumer, namespace: keda-e2e}
            spec:
              template:
                spec:
                  containers:
                  - name: consumer
                    image: registry.example.com/eventhub-consumer:1.0
                    env:
            \(functionsHost ? "        - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}\n" : "")\
                    - {name: EVENTHUB_CONNECTION, valueFrom: {secretKeyRef: {name: consumer-secret, key: connection}}}
                    - {name: STORAGE_CONNECTION, valueFrom: {secretKeyRef: {name: consumer-secret, key: storageConnection}}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: consumer, namespace: keda-e2e}
            spec:
              scaleTargetRef: {name: consumer}
              triggers:
              - type: azure-eventhub
                metadata:
                  connectionFromEnv: EVENTHUB_CONNECTION
                  storageConnectionFromEnv: STORAGE_CONNECTION
                  checkpointStrategy: goSdk
                  blobContainer: checkpoints
            """
    }

    @Test func functionsRulesLeaveKedaE2EConsumersAlone() throws {
        for entityPath in [true, false] {
            let ids = try findings(Self.consumer(functionsHost: false, entityPath: entityPath)).map(\.id)
            #expect(!ids.contains { $0.hasPrefix("AF-") }, "\(ids)")
        }
    }

    @Test func eventHubNameOnAFunctionsHostIsKedasVerdictWhenTheSecretIsRead() throws {
        let withPath = try findings(Self.consumer(functionsHost: true, entityPath: true)).filter { $0.id == "AF-KEDA-EH-004" }
        #expect(withPath.isEmpty)
        let without = try findings(Self.consumer(functionsHost: true, entityPath: false)).filter { $0.id == "AF-KEDA-EH-004" }
        #expect(without.map(\.severity) == [.error])
        #expect(without.first?.message.contains("has no EntityPath") == true)
        #expect(without.first?.message.contains("unless") == false)
        // The Secret not among the inputs: a warning that says may.
        let noSecret = Self.consumer(functionsHost: true, entityPath: false).components(separatedBy: "---").dropFirst().joined(separator: "---")
        let guessed = try findings(noSecret).filter { $0.id == "AF-KEDA-EH-004" }
        #expect(guessed.map(\.severity) == [.warning])
        #expect(guessed.first?.message.contains("may fail") == true)
    }

    @Test func aKedaV1ObjectIsOneFindingNotTwo() throws {
        let ids = try findings(TestManifests.kedaV1ScaledObject("orders", namespace: "fn", triggers: [TestManifests.cpuTrigger])).map(\.id)
        #expect(ids.contains("AF-KEDA-V1-001"))
        #expect(!ids.contains("KD-SO-001"))
    }

    @Test func openWhiskImageGuessesAreNotErrors() throws {
        func verdict(_ values: String) throws -> [Finding] {
            try findings(values).filter { $0.id == "OW-IMG-002" }
        }
        // A locally built image (gradle distDocker tags whisk/<role>:latest): nobody can date it.
        let local = try verdict("""
            whisk: {ingress: {type: NodePort}}
            controller: {imageName: whisk/controller, imageTag: latest}
            invoker: {imageName: whisk/invoker, imageTag: latest}
            """)
        #expect(local.map(\.severity) == [.info])
        #expect(local.first?.message.contains("cannot date") == true)
        // The project's moving nightly tag: a warning that says may.
        let nightly = try verdict("""
            whisk: {ingress: {type: NodePort}}
            controller: {imageTag: nightly}
            invoker: {imageTag: nightly}
            """)
        #expect(nightly.map(\.severity) == [.warning])
        #expect(nightly.first?.message.contains(" may ") == true)
        // A dated tag is certain: FPC defaults without the scheduler.
        let dated = try verdict("""
            whisk: {ingress: {type: NodePort}}
            scheduler: {enabled: false}
            controller: {imageTag: "7863e27"}
            invoker: {imageTag: "7863e27"}
            """)
        #expect(dated.map(\.severity) == [.error])
    }

    @Test func aMissingFissionDeploymentIsTheSubjectOfItsFinding() throws {
        let store = try live("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: buildermgr, namespace: fission}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: buildermgr, image: "ghcr.io/fission/fission-bundle:v1.21.0", env: [{name: FISSION_DEFAULT_NAMESPACE, value: default}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: executor, image: "ghcr.io/fission/fission-bundle:v1.21.0", env: [{name: FISSION_DEFAULT_NAMESPACE, value: default}]}
            """)
        let subjects = FissionCoreNotRunning().check(store: store).map(\.subject.display)
        #expect(subjects.contains("Deployment fission/storagesvc"))
        #expect(!subjects.contains("Deployment fission/buildermgr"))
    }

    @Test func namespacesCreatedElsewhereAreOneInfoEachAndTyposAWarning() throws {
        var yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: functions}\n"
        for number in 0..<10 {
            yaml += "---\n" + TestManifests.scaledObject("app\(number)", namespace: "apps", triggers: [TestManifests.cpuTrigger]) + "\n"
        }
        let plain = try findings(yaml).filter { $0.id == "GEN-NS-001" }
        #expect(plain.count == 1)
        #expect(plain.first?.severity == .info)
        #expect(plain.first?.message.contains("10 object(s)") == true && plain.first?.message.contains("may fail") == true)
        let report = Doctor.run(store: try DoctorTestSupport.store(yaml), options: DoctorOptions(failOn: .warning))
        #expect(!report.findings.contains { $0.id == "GEN-NS-001" && $0.severity >= .warning })
        // Namespace-less objects are not judged here: where they land is the apply's -n.
        let typo = try findings([
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: functions}",
            TestManifests.scaledObject("orders", namespace: "function", triggers: [TestManifests.cpuTrigger]),
            TestManifests.scaledObject("billing", namespace: nil, triggers: [TestManifests.cpuTrigger]),
        ].joined(separator: "\n---\n")).filter { $0.id == "GEN-NS-001" }
        #expect(typo.map(\.severity) == [.warning])
        #expect(typo.first?.fix.contains("Set metadata.namespace to functions") == true)
        #expect(NamespaceMissing.isOneTypoAway("function", "functions") && NamespaceMissing.isOneTypoAway("fucntions", "functions") == false)
    }

    @Test func aTriggerErrorPointsAtTheCheckpointsCommand() throws {
        let store = try live([
            TestManifests.kedaOperator(labels: ["app": "keda-operator"], image: "ghcr.io/kedacore/keda:2.16.1"),
            TestManifests.scaledObject("orders", namespace: "fn", triggers: [
                "- type: azure-eventhub\n  metadata: {connectionFromEnv: EH, storageConnectionFromEnv: ST, eventHubName: orders}",
            ], status: [
                "conditions:",
                #"- {type: Ready, status: "False", reason: TriggerError, message: Triggers defined in ScaledObject are not working correctly}"#,
            ]),
        ].joined(separator: "\n---\n"))
        let finding = try #require(ScalingStatus().check(store: store).first)
        #expect(finding.fix.hasSuffix("run: kubectl serverless checkpoints orders -n fn --keda-version 2.16.1"))
    }
}
