import Foundation
import Testing
@testable import ServerlessDoctor
@testable import ServerlessSupport

/// The checks users hit that the catalogue lacked, beyond their own examples.
@Suite struct MissingChecksTests {
    func findings(_ yaml: String) throws -> [Finding] {
        Doctor.run(store: try DoctorTestSupport.store(yaml)).findings
    }

    static func executor(_ env: String) -> String {
        let executor = TestManifests.deployment("executor", namespace: "fission", container: TestManifests.container(
            "executor", image: "ghcr.io/fission/fission-bundle:v1.27.0", env: ["- {name: FISSION_DEFAULT_NAMESPACE, value: default}", env]))
        return executor + """

            ---
            apiVersion: fission.io/v1
            kind: Environment
            metadata: {name: nodejs, namespace: team-b}
            spec: {version: 3, runtime: {image: ghcr.io/fission/node-env}}
            """
    }

    /// fission/fission pkg/utils/namespace.go: TenancyMode lower-cases and does not trim; GetNamespaces splits on
    /// commas and does not trim.
    @Test func fissionReadsTenancyModeAndNamespacesAsFissionDoes() throws {
        let spaced = try findings(Self.executor("- {name: FISSION_RESOURCE_NAMESPACES, value: \"default, team-b\"}")).map(\.id)
        #expect(spaced.filter { $0 == "FI-NS-006" }.count == 1)
        #expect(!spaced.contains("FI-NS-001"), "one cause, one finding: \(spaced)")
        // " dynamic" is static to Fission: FI-NS-005 says why, FI-NS-001 judges the objects as static mode does.
        let padded = try findings(Self.executor("- {name: FISSION_TENANCY_MODE, value: \" dynamic\"}")).map(\.id)
        #expect(padded.contains("FI-NS-005") && padded.contains("FI-NS-001"))
        // "Dynamic" is dynamic to Fission: no finding at all.
        let cased = try findings(Self.executor("- {name: FISSION_TENANCY_MODE, value: Dynamic}")).map(\.id)
        #expect(!cased.contains("FI-NS-005") && !cased.contains("FI-NS-001"))
        let values = try findings("defaultNamespace: default\ntenancy: {mode: namespaced}\n")
        #expect(values.first { $0.id == "FI-NS-005" }?.subject == .helmValues(chart: "fission", file: "example.yaml"))
    }

    @Test func aNegativeThresholdOnAnOldKedaIsAWarningThatSaysMay() throws {
        let example = NonPositiveThresholdAccepted.example
        let negative = try findings(example.replacingOccurrences(of: "unprocessedEventThreshold: \"0\"", with: "unprocessedEventThreshold: \"-5\""))
            .filter { $0.id == "KD-EH-004" }
        #expect(negative.map(\.severity) == [.warning])
        #expect(negative.first?.message.contains(" may ") == true)
        // From 2.20 KEDA rejects it itself: KD-EH-001's, not this one's.
        let current = try findings(example.replacingOccurrences(of: "keda:2.17.0", with: "keda:2.20.1")).map(\.id)
        #expect(current.contains("KD-EH-001") && !current.contains("KD-EH-004"))
    }

    @Test func developmentStorageIsFoundInADataSecretWithoutShowingIt() throws {
        let encoded = Data("UseDevelopmentStorage=true".utf8).base64EncodedString()
        let found = try findings([
            TestManifests.secret("orders", namespace: "functions", data: ["storage": "UseDevelopmentStorage=true"]),
            TestManifests.deployment("orders", namespace: "functions", container: TestManifests.container(
                "orders", image: "registry.example.com/orders:1.0",
                env: ["- {name: FUNCTIONS_WORKER_RUNTIME, value: node}", TestManifests.env("AzureWebJobsStorage", secret: "orders", key: "storage")])),
        ].joined(separator: "\n---\n")).filter { $0.id == "AF-STORAGE-002" }
        #expect(found.count == 1)
        #expect(found.first?.evidence == ["spec.template.spec.containers[0].env[1]: AzureWebJobsStorage from Secret orders key storage is UseDevelopmentStorage=true"])
        #expect(!(found.first.map { $0.message + $0.evidence.joined() } ?? "").contains(encoded))
    }

    @Test func legacyCheckpointReaderLeavesFunctionsAppsToTheirRule() throws {
        let functions = try findings([
            TestManifests.deployment("orders", namespace: "fn", container: TestManifests.container(
                "orders", image: "registry.example.com/orders:1.0", env: ["- {name: FUNCTIONS_WORKER_RUNTIME, value: node}"])),
            TestManifests.scaledObject("orders", namespace: "fn", triggers: ["""
                - type: azure-eventhub
                  metadata: {connectionFromEnv: EH, storageConnectionFromEnv: AzureWebJobsStorage, eventHubName: orders, blobContainer: azure-webjobs-eventhub}
                """]),
        ].joined(separator: "\n---\n")).map(\.id)
        #expect(functions.contains("AF-KEDA-EH-002") && !functions.contains("KD-EH-003"))
    }

    @Test func schedulerWithCouchDBInValuesFollowsTheImageGeneration() throws {
        func verdict(_ tag: String, store: String = "CouchDB") throws -> [Severity] {
            try findings("""
                whisk: {ingress: {type: NodePort}}
                activationStoreBackend: \(store)
                scheduler: {enabled: true, imageTag: "\(tag)"}
                controller: {imageTag: "\(tag)"}
                invoker: {imageTag: "\(tag)"}
                """).filter { $0.id == "OW-DC-001" }.map(\.severity)
        }
        #expect(try verdict("7863e27") == [.error])
        #expect(try verdict("nightly") == [.warning])
        #expect(try verdict("ef725a6").isEmpty)
        #expect(try verdict("7863e27", store: "ElasticSearch").isEmpty)
    }
}
