import Foundation
import Testing
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// `checkpoints NAME -f DIR` and `doctor -f DIR` on published-style manifests that leave
/// `metadata.namespace` out (meant for `kubectl apply -n NS -f`), and on Secrets that lack keys.
@Suite struct ManifestPlacementCommandTests {
    /// CLIWorld's objects without namespaces: the target, its Secret, a TriggerAuthentication for the
    /// storage connection, the ScaledObject, and a ScaledObject `lonely` whose target is not there (a
    /// doctor finding that says where the doctor placed it). `secret` replaces the Secret's keys.
    static func manifests(_ world: CLIWorld, secret: [String: String]? = nil, extraEnv: String? = nil) throws -> String {
        let env = [TestManifests.env("EventHubConnection", secret: "orders-secrets", key: "eventhub")] + (extraEnv.map { [$0] } ?? [])
        let target = TestManifests.deployment("orders", namespace: nil, container: TestManifests.container("app", image: "orders:1", env: env))
        let secrets = TestManifests.secret("orders-secrets", namespace: nil, data: secret ?? ["eventhub": world.eventHubs, "storage": world.storage])
        let scaledObject = TestManifests.scaledObject("orders", namespace: nil, spec: ["minReplicaCount: 1", "maxReplicaCount: 10"], triggers: ["""
            - type: azure-eventhub
              metadata:
                connectionFromEnv: EventHubConnection
                blobContainer: checkpoints
                checkpointStrategy: blobMetadata
                unprocessedEventThreshold: "32"
              authenticationRef: {name: orders-storage}
            """])
        let lonely = TestManifests.scaledObject("lonely", namespace: nil, target: "not-deployed", triggers: ["- type: cpu\n  metadata: {value: \"50\"}"])
        return try world.inputs.write("published/app.yaml", """
            \(target)
            ---
            \(secrets)
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-storage}
            spec:
              secretTargetRef:
              - {parameter: storageConnection, name: orders-secrets, key: storage}
            ---
            \(scaledObject)
            ---
            \(lonely)
            """)
    }

    /// A kubeconfig for the test cluster whose current context names `namespace` (none when nil).
    static func kubeconfig(_ world: CLIWorld, namespace: String?) throws -> String {
        let config = TestKubeconfig(currentContext: "here", clusters: [.init(server: "https://127.0.0.1:\(world.cluster.server.port)")],
                                    users: [.token()], contexts: [.init(name: "here", namespace: namespace)])
        return try config.write("kubeconfig-\(namespace ?? "none")", in: world.cluster.directory)
    }

    /// Where `doctor -f` placed the namespace-less ScaledObject `lonely` (KD-SO-001 names it).
    static func doctorNamespace(_ result: Ops.Result) throws -> String? {
        let report = try JSON.parse(result.stdout)
        let finding = report["findings"].array.first { $0["id"].string == "KD-SO-001" && $0["object"]["name"].string == "lonely" }
        return finding?["object"]["namespace"].string
    }

    /// With -n, with the kubeconfig context's namespace, with neither: the objects meet each other there,
    /// checkpoints reads what the live ScaledObject (the same objects applied to `fn`) reads, and the doctor
    /// places them in the same namespace.
    @Test func namespaceLessManifestsResolveWhereKubectlPutsThem() throws {
        let world = try CLIWorld()
        try world.seed()
        let live = try world.run(["checkpoints", "orders", "-n", "fn", "-o", "json"] + world.endpoint, kubeconfig: world.cluster.kubeconfig)
        #expect(live.status == 1, "\(live.stderr)")
        let dir = (try Self.manifests(world) as NSString).deletingLastPathComponent
        let cases: [(flags: [String], kubeconfig: String, namespace: String)] = [
            (["-n", "fn"], try Self.kubeconfig(world, namespace: "ctx-ns"), "fn"),
            ([], try Self.kubeconfig(world, namespace: "ctx-ns"), "ctx-ns"),
            ([], try Self.kubeconfig(world, namespace: nil), "default"),
        ]
        for (flags, kubeconfig, namespace) in cases {
            let checkpoints = try world.run(["checkpoints", "orders", "-f", dir, "-o", "json"] + flags + world.endpoint, kubeconfig: kubeconfig)
            #expect(checkpoints.status == 1, "\(flags) \(namespace): \(checkpoints.stderr)")
            #expect(checkpoints.stdout == live.stdout, "\(flags) \(namespace)")
            let doctor = try world.run(["doctor", "-f", dir, "-o", "json"] + flags, kubeconfig: kubeconfig)
            #expect(try Self.doctorNamespace(doctor) == namespace, "\(flags): \(doctor.stdout)")
        }
        // Objects that name their namespace stay there: the ScaledObject in fn is not in another -n.
        let other = try world.run(["checkpoints", "orders", "-f", world.manifest, "-n", "other"] + world.endpoint, kubeconfig: world.cluster.kubeconfig)
        #expect(other.status == 2 && other.stderr == """
            error: ScaledObject "orders" not found in namespace "other"
            the manifests have it in namespace fn: pass -n fn

            """, "\(other.stderr)")
    }

    /// KEDA's resolver (kedacore/keda v2.20.2 pkg/scaling/resolver/scale_resolvers.go): `resolveSecretValue`
    /// returns `Data[key]`, "" for a key the Secret lacks, without error; `resolveAuthSecret` likewise.
    @Test func missingKeysReadAsEmptyTheWayKEDAReadsThem() throws {
        let world = try CLIWorld()
        try world.seed()
        let kubeconfig = try Self.kubeconfig(world, namespace: "fn")
        let good = try world.run(["checkpoints", "orders", "-f", try Self.manifests(world), "-o", "json"] + world.endpoint, kubeconfig: kubeconfig)
        #expect(good.status == 1, "\(good.stderr)")

        // A key no trigger reads: nothing changes, nothing to warn about.
        let unused = TestManifests.env("Unused", secret: "orders-secrets", key: "not-there")
        let withUnused = try world.run(["checkpoints", "orders", "-f", try Self.manifests(world, extraEnv: unused), "-o", "json"]
                                       + world.endpoint, kubeconfig: kubeconfig)
        #expect(withUnused.status == 1 && withUnused.stdout == good.stdout)
        #expect(withUnused.stderr == good.stderr, "\(withUnused.stderr)")
        #expect(!withUnused.stderr.contains("not-there"))

        // The storage key the TriggerAuthentication reads is missing: KEDA passes "" and its parser says
        // what it says about no storage connection; the warning names the key, never a value.
        let noStorage = try world.run(["checkpoints", "orders", "-f", try Self.manifests(world, secret: ["eventhub": world.eventHubs])]
                                      + world.endpoint, kubeconfig: kubeconfig)
        #expect(noStorage.status == 2)
        #expect(noStorage.stderr.contains(#"warning: Secret fn/orders-secrets has no key "storage" (referenced by TriggerAuthentication fn/orders-storage secretTargetRef storageConnection): KEDA reads parameter storageConnection as empty"#))
        #expect(noStorage.stderr.contains("error: no storage connection string given"), "\(noStorage.stderr)")
        // ...and a flag that supplies it lets the run go on, as KEDA goes on.
        let supplied = try world.run(["checkpoints", "orders", "-f", try Self.manifests(world, secret: ["eventhub": world.eventHubs]),
                                      "--storage-connection", world.storage, "-o", "json"] + world.endpoint, kubeconfig: kubeconfig)
        #expect(supplied.status == 1 && supplied.stdout == good.stdout, "\(supplied.stderr)")

        // The connection's key is missing from the env's Secret: the env reads as "" (KEDA: no connection).
        let noConnection = try world.run(["checkpoints", "orders", "-f", try Self.manifests(world, secret: ["storage": world.storage])]
                                         + world.endpoint, kubeconfig: kubeconfig)
        #expect(noConnection.status == 2)
        #expect(noConnection.stderr.contains(#"warning: Secret fn/orders-secrets has no key "eventhub" (env EventHubConnection of Deployment fn/orders container app): KEDA reads env EventHubConnection as empty"#))
        for run in [noStorage, supplied, noConnection] {
            #expect(!run.stderr.contains(world.storageKey) && !run.stderr.contains(world.eventHubsKey))
            CLIWorld.expectOneLineMessages(run, failed: run.status == 2)
        }
    }
}
