import Foundation
import Testing
@testable import ServerlessSupport

/// `kubectl serverless checkpoints` as users run it: the built binary, found by the real kubectl, reading a
/// ScaledObject from the test API server and checkpoints from the Azure test server.
@Suite struct CheckpointsCommandTests {
    /// Canaries: none of these may appear in any output, error or verbose log.
    static let canaryStorageKey = Data("CANARY-storage-key-7c1d2e3f4a5b".utf8).base64EncodedString()
    static let canaryEventHubsKey = "CANARY-eventhubs-key-0f9e8d7c"

    func world() throws -> CLIWorld {
        try CLIWorld(storageKey: Self.canaryStorageKey, eventHubsKey: Self.canaryEventHubsKey)
    }

    @Test func theScaledObjectGivesTheSameReportAsTheEquivalentFlags() throws {
        let world = try world()
        try world.seed()
        try world.azure.clearLog()
        let fromObject = try world.kubectl(["checkpoints", "orders", "-n", "fn", "--kubeconfig", world.cluster.kubeconfig,
                                            "--context", "token", "-o", "json"] + world.endpoint)
        #expect(fromObject.status == 1, "partition 2 has no checkpoint: \(fromObject.stderr)")
        let fromFlags = try world.kubectl(world.flags() + ["-o", "json"] + world.endpoint)
        #expect(fromFlags.stdout == fromObject.stdout)
        let fromManifests = try world.kubectl(["checkpoints", "orders", "-n", "fn", "-f", world.manifest, "-o", "json"] + world.endpoint)
        #expect(fromManifests.stdout == fromObject.stdout)

        let report = try JSON.parse(fromObject.stdout)
        #expect(report["partitions"].array.map { $0["status"].string } == ["ok", "ok", "missing"])
        #expect(report["totalUnprocessedEvents"] == .int(50))
        #expect(report["desiredReplicas"] == .int(2))  // ceil(50 / 32), within 1...10
        #expect(report["eventHub"]["namespace"] == .string(CLIWorld.namespace))

        // Only reads reached storage and Event Hubs, and only GETs the API server.
        #expect(try world.azure.methodsSeen().isSubset(of: ["GET", "HEAD"]))
        #expect(world.cluster.requests.allSatisfy { $0.hasPrefix("GET ") })
    }

    @Test func noSecretAppearsInAnyOutputVerboseLogOrError() throws {
        let world = try world()
        try world.seed()
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
