import Foundation
import Testing
@testable import ServerlessKit

/// `kubectl serverless checkpoints` as users run it: the built binary, found by the real kubectl, reading a
/// ScaledObject from the test API server and checkpoints from the Azure test server.
@Suite struct CheckpointsCommandTests {
    static let namespace = "orders-ns.servicebus.windows.net"
    /// Canaries: none of these may appear in any output, error or verbose log.
    static let canaryStorageKey = Data("CANARY-storage-key-7c1d2e3f4a5b".utf8).base64EncodedString()
    static let canaryEventHubsKey = "CANARY-eventhubs-key-0f9e8d7c"

    struct World {
        let azure: AzureTestServer
        let cluster: KubeTestCluster
        let storage: String
        let eventHubs: String
        let manifest: String
        let scratch: TempDir

        /// Runs the plugin through kubectl's plugin discovery.
        func kubectl(_ arguments: [String]) throws -> Ops.Result {
            let binary = try Ops.requireBinary()
            let path = URL(fileURLWithPath: binary).deletingLastPathComponent().path + ":/usr/local/bin:/usr/bin:/bin"
            return try Ops.run("kubectl", ["serverless"] + arguments, environment: ["PATH": path, "HOME": cluster.directory.path])
        }

        var endpoint: [String] { ["--eventhub-endpoint", "http://127.0.0.1:\(azure.port)/"] }
    }

    func world(storageKey: String = CheckpointsCommandTests.canaryStorageKey,
               eventHubsKey: String = CheckpointsCommandTests.canaryEventHubsKey) throws -> World {
        var options = AzureTestServer.Options(
            hubs: ["orders:partitions=3:last=150,90,-1"], extraArguments: ["--eventhub-namespace", Self.namespace])
        options.accounts = ["ordersstore": Self.canaryStorageKey]
        options.eventHubsPolicies = ["listen": Self.canaryEventHubsKey]
        let azure = try AzureTestServer(options)
        let storage = "DefaultEndpointsProtocol=http;AccountName=ordersstore;AccountKey=\(storageKey);"
            + "BlobEndpoint=http://127.0.0.1:\(azure.port)/ordersstore;"
        let eventHubs = "Endpoint=sb://\(Self.namespace)/;SharedAccessKeyName=listen;SharedAccessKey=\(eventHubsKey);EntityPath=orders"
        let scratch = try TempDir()
        let manifest = try scratch.write("fn.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: fn}
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: orders:1
                    env:
                    - name: EventHubConnection
                      valueFrom: {secretKeyRef: {name: orders-secrets, key: eventhub}}
                    - name: AzureWebJobsStorage
                      valueFrom: {secretKeyRef: {name: orders-secrets, key: storage}}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-secrets, namespace: fn}
            data:
              eventhub: \(Data(eventHubs.utf8).base64EncodedString())
              storage: \(Data(storage.utf8).base64EncodedString())
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: fn}
            spec:
              scaleTargetRef: {name: orders}
              minReplicaCount: 1
              maxReplicaCount: 10
              triggers:
              - type: azure-eventhub
                metadata:
                  connectionFromEnv: EventHubConnection
                  storageConnectionFromEnv: AzureWebJobsStorage
                  blobContainer: checkpoints
                  checkpointStrategy: blobMetadata
                  unprocessedEventThreshold: "32"
            """)
        let cluster = try KubeTestCluster(manifests: [manifest], forbid: [])
        return World(azure: azure, cluster: cluster, storage: storage, eventHubs: eventHubs, manifest: manifest, scratch: scratch)
    }

    func seed(_ world: World) throws {
        try world.azure.seed(.blobMetadata, connectionString: world.storage, namespace: Self.namespace, hub: "orders",
                             sequences: ["0": 100, "1": 90])
    }

    @Test func theScaledObjectGivesTheSameReportAsTheEquivalentFlags() throws {
        let world = try world()
        try seed(world)
        try world.azure.clearLog()
        let fromObject = try world.kubectl(["checkpoints", "orders", "-n", "fn", "--kubeconfig", world.cluster.kubeconfig,
                                            "--context", "token", "-o", "json"] + world.endpoint)
        #expect(fromObject.status == 1, "partition 2 has no checkpoint: \(fromObject.stderr)")
        let fromFlags = try world.kubectl(["checkpoints", "--eventhub-connection", world.eventHubs,
                                           "--storage-connection", world.storage, "--blob-container", "checkpoints",
                                           "--checkpoint-strategy", "blobMetadata", "--unprocessed-event-threshold", "32",
                                           "--min-replicas", "1", "--max-replicas", "10", "-o", "json"] + world.endpoint)
        #expect(fromFlags.stdout == fromObject.stdout)
        let fromManifests = try world.kubectl(["checkpoints", "orders", "-n", "fn", "-f", world.manifest, "-o", "json"] + world.endpoint)
        #expect(fromManifests.stdout == fromObject.stdout)

        let report = try JSON.parse(fromObject.stdout)
        #expect(report["partitions"].array.map { $0["status"].string } == ["ok", "ok", "missing"])
        #expect(report["totalUnprocessedEvents"] == .int(50))
        #expect(report["desiredReplicas"] == .int(2))  // ceil(50 / 32), within 1...10
        #expect(report["eventHub"]["namespace"] == .string(Self.namespace))

        // Only reads reached storage and Event Hubs, and only GETs the API server.
        #expect(try world.azure.methodsSeen().isSubset(of: ["GET", "HEAD"]))
        #expect(world.cluster.requests.allSatisfy { $0.hasPrefix("GET ") })
    }

    @Test func noSecretAppearsInAnyOutputVerboseLogOrError() throws {
        let world = try world()
        try seed(world)
        let object = ["checkpoints", "orders", "-n", "fn", "--kubeconfig", world.cluster.kubeconfig] + world.endpoint
        var runs: [Ops.Result] = []
        for format in ["table", "wide", "json", "yaml"] {
            runs.append(try world.kubectl(object + ["-o", format, "-v"]))
        }
        // Failures: a wrong storage key, a wrong Event Hubs key, a malformed connection string.
        let wrongStorage = world.storage.replacingOccurrences(of: Self.canaryStorageKey, with: Data("CANARY-wrong".utf8).base64EncodedString())
        runs.append(try world.kubectl(object + ["--storage-connection", wrongStorage, "-v"]))
        let wrongEventHubs = world.eventHubs.replacingOccurrences(of: Self.canaryEventHubsKey, with: "CANARY-wrong-eh")
        runs.append(try world.kubectl(object + ["--eventhub-connection", wrongEventHubs, "-v"]))
        runs.append(try world.kubectl(["checkpoints", "--storage-connection", "AccountKey=CANARY-bad;;=", "--eventhub-connection",
                                       world.eventHubs, "-v"]))
        #expect(runs.map(\.status) == [1, 1, 1, 1, 3, 3, 2])
        for run in runs {
            for secret in [Self.canaryStorageKey, Self.canaryEventHubsKey, KubeTestCluster.token, "CANARY"] {
                #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret), "leaked \(secret): \(run.stderr)")
            }
        }
        #expect(runs[4].stderr.contains("error: "))
        #expect(runs[0].stderr.contains("GET https://127.0.0.1:\(world.cluster.server.port)/apis/keda.sh/v1alpha1/namespaces/fn/scaledobjects/orders"))
    }

    @Test func configurationKEDARejectsExitsTwoWithKEDAsReason() throws {
        let binary = try Ops.requireBinary()
        let noStorage = try Ops.run(binary, ["checkpoints", "--eventhub-connection", "Endpoint=sb://a.servicebus.windows.net/;EntityPath=h"],
                                    environment: ["PATH": "/usr/bin:/bin"])
        #expect(noStorage.status == 2)
        #expect(noStorage.stderr == "error: no storage connection string given\n")
        let badThreshold = try Ops.run(binary, ["checkpoints", "--eventhub-connection", "Endpoint=sb://a.servicebus.windows.net/;EntityPath=h",
                                                "--storage-connection", "UseDevelopmentStorage=true", "--unprocessed-event-threshold", "0"],
                                       environment: ["PATH": "/usr/bin:/bin"])
        #expect(badThreshold.status == 2)
        #expect(badThreshold.stderr.contains("must be a positive number"))
    }
}
