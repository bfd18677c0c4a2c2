import Foundation
import Testing
@testable import ServerlessSupport

/// `checkpoints --scaled-job NAME -f`, end to end: KEDA reads a ScaledJob's env from its own job template
/// (`jobTargetRef.template`), and AZURE_STORAGE_CONNECTION_STRING fills the storage connection the object
/// leaves out. Against the Azure test server, seeded through the real Azure SDK.
@Suite struct ScaledJobCommandTests {
    /// ScaledJob fn/batch: its container's `env` entries and its trigger's metadata besides `connectionFromEnv`,
    /// each as YAML flow or block text (indented here).
    static func batch(env: String, metadata: String) -> String {
        let entries = env.split(separator: "\n").map { "              " + $0 }.joined(separator: "\n")
        return """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledJob
            metadata: {name: batch, namespace: fn}
            spec:
              jobTargetRef:
                template:
                  spec:
                    containers:
                    - name: worker
                      image: batch:1
                      env:
            \(entries)
              triggers:
              - type: azure-eventhub
                metadata: {connectionFromEnv: EventHubConnection, \(metadata)}
            """
    }

    @Test func aScaledJobFromManifestsWithStorageFromTheEnvironment() throws {
        let world = try CLIWorld()
        try world.seed()
        let manifest = try world.inputs.write("job/batch.yaml", """
            apiVersion: v1
            kind: Secret
            metadata: {name: hub, namespace: fn}
            stringData: {eventhub: "\(world.eventHubs)"}
            ---
            \(Self.batch(env: "- name: EventHubConnection\n  valueFrom: {secretKeyRef: {name: hub, key: eventhub}}",
                         metadata: "blobContainer: checkpoints, checkpointStrategy: blobMetadata, unprocessedEventThreshold: \"32\""))
            """)
        let command = ["checkpoints", "--scaled-job", "batch", "-f", manifest, "-n", "fn"] + world.endpoint
        let environment = ["AZURE_STORAGE_CONNECTION_STRING": world.storage]

        let table = try world.run(command, kubeconfig: world.cluster.kubeconfig, extra: environment)
        #expect([0, 1].contains(table.status), "\(table.stderr)")
        #expect(table.stdout.hasPrefix("ScaledJob fn/batch trigger 0, hub \(CLIWorld.namespace)/orders"), "\(table.stdout)")

        // 150 - 100 events behind on partition 0, none on 1: ceil(50 / 32) jobs, under KEDA's default maxReplicaCount 100.
        let report = try JSON.parse(try world.run(command + ["-o", "json"], kubeconfig: world.cluster.kubeconfig, extra: environment).stdout)
        #expect(report["totalUnprocessedEvents"].int == 50)
        #expect(report["desiredReplicas"].int == 2)
        #expect(report["partitions"].array.first?["status"].string == "ok")
        let capped = try JSON.parse(try world.run(command + ["-o", "json", "--max-replicas", "1"], kubeconfig: world.cluster.kubeconfig,
                                                  extra: environment).stdout)
        #expect(capped["desiredReplicas"].int == 1)

        // Without the variable the job names no storage at all: KEDA's own words, exit 2.
        let refused = try world.run(command, kubeconfig: world.cluster.kubeconfig)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error: no storage connection string given"), "\(refused.stderr)")
        #expect(!refused.stderr.contains(world.storageKey) && !table.stderr.contains(world.storageKey))
    }
}
