import Foundation
import Testing
@testable import ServerlessSupport

/// `checkpoints NAME -f` end to end (the binary, the Azure test server) on what KEDA's resolver decides before any
/// scaler: the scale target by group, version and kind, and an authenticationRef it reads nothing from.
/// kedacore/keda v2.20.2: apis/keda/v1alpha1/gvkr.go `ParseGVKR`; pkg/scaling/resolver/scale_resolvers.go
/// `ResolveScaleTargetPodSpec` (a kind other than apps Deployment/StatefulSet read at `spec.template`),
/// `resolveAuthRef` (no reference when the name is empty), `getTriggerAuthSpec` ("unknown trigger auth kind");
/// apis/keda/v1alpha1/scaletriggers_types.go (the kind's enum the API server enforces).
@Suite struct ScaleTargetAndAuthRefCommandTests {
    /// CLIWorld's objects in one file (the target: its Deployment unless given); the ScaledObject's trigger gets
    /// `authenticationRef` when given.
    static func manifests(_ world: CLIWorld, file: String, target: String? = nil, targetRef: String? = nil,
                          authenticationRef: String? = nil) throws -> String {
        let target = target ?? TestManifests.deployment("orders", namespace: "fn", container: CLIWorld.ordersContainer)
        let secret = TestManifests.secret("orders-secrets", namespace: "fn", data: ["eventhub": world.eventHubs, "storage": world.storage])
        let trigger = CLIWorld.ordersTrigger + (authenticationRef.map { "\n  authenticationRef: \($0)" } ?? "")
        let scaledObject = TestManifests.scaledObject("orders", namespace: "fn", targetRef: targetRef, spec: CLIWorld.ordersSpec,
                                                      triggers: [trigger])
        return try world.inputs.write(file, [target, secret, scaledObject].joined(separator: "\n---\n"))
    }

    /// `checkpoints orders -f FILE -n fn` against the Azure test server.
    static func checkpoints(_ world: CLIWorld, _ file: String, json: Bool = false) throws -> Ops.Result {
        try world.run(["checkpoints", "orders", "-f", file, "-n", "fn"] + (json ? ["-o", "json"] : []) + world.endpoint,
                      kubeconfig: world.cluster.kubeconfig)
    }

    /// The live ScaledObject's reading (a Deployment whose env holds both connections), as JSON.
    static func live(_ world: CLIWorld) throws -> Ops.Result {
        let live = try world.run(["checkpoints", "orders", "-n", "fn", "-o", "json"] + world.endpoint, kubeconfig: world.cluster.kubeconfig)
        #expect(live.status == 1, "\(live.stderr)")
        return live
    }

    /// The connections are in the Rollout's container; a Deployment of the same name beside it has none.
    @Test func aRolloutTargetsContainerEnvGivesTheConnectionsAsTheLiveDeploymentDoes() throws {
        let world = try CLIWorld()
        try world.seed()
        let live = try Self.live(world)
        let rollout = TestManifests.workload("orders", apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", namespace: "fn",
                                             container: CLIWorld.ordersContainer)
        let bare = TestManifests.deployment("orders", namespace: "fn", container: TestManifests.container("app", image: "orders:1"))
        let file = try Self.manifests(world, file: "rollout.yaml", target: rollout + "\n---\n" + bare,
                                      targetRef: "apiVersion: argoproj.io/v1alpha1, kind: Rollout")
        let run = try Self.checkpoints(world, file, json: true)
        #expect(run.status == 1 && run.stdout == live.stdout, "\(run.stderr)")
        #expect(!run.stderr.contains(world.storageKey) && !run.stderr.contains(world.eventHubsKey))
    }

    /// A CronJob keeps its pod template at `spec.jobTemplate.spec.template`: KEDA finds no container at
    /// `spec.template`, so `connectionFromEnv` and `storageConnectionFromEnv` read nothing, and KEDA's parser has no
    /// storage connection. (KEDA's controller stops before that on a CronJob: `checkTargetResourceIsScalable`,
    /// controllers/keda/scaledobject_controller.go, "doesn't expose /scale subresource"; KD-SO-002 says so live.)
    @Test func aCronJobTargetGivesNoEnvSoCheckpointsExitsTwoWithNoStorageConnection() throws {
        let world = try CLIWorld()
        let cronJob = TestManifests.cronJob("orders", namespace: "fn", container: CLIWorld.ordersContainer)
        let file = try Self.manifests(world, file: "cronjob.yaml", target: cronJob, targetRef: "apiVersion: batch/v1, kind: CronJob")
        let run = try Self.checkpoints(world, file)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: no storage connection string given"), "\(run.stderr)")
        CLIWorld.expectOneLineMessages(run, failed: true)
    }

    /// `authenticationRef: {name: ""}` is no reference: the same reading and the same warnings as without it
    /// (none about a TriggerAuthentication it did not find).
    @Test func anEmptyAuthenticationRefNameResolvesAsWithoutOne() throws {
        let world = try CLIWorld()
        try world.seed()
        let live = try Self.live(world)
        var runs: [Ops.Result] = []
        for (position, ref) in [nil, #"{name: ""}"#, #"{name: "", kind: ClusterTriggerAuthentication}"#].enumerated() {
            let file = try Self.manifests(world, file: "empty-\(position).yaml", authenticationRef: ref)
            let run = try Self.checkpoints(world, file, json: true)
            #expect(run.status == 1 && run.stdout == live.stdout, "\(ref ?? "none"): \(run.stderr)")
            #expect(run.stderr == runs.first?.stderr ?? run.stderr, "\(ref ?? "none"): \(run.stderr)")
            #expect(!run.stderr.contains("TriggerAuthentication"), "\(run.stderr)")
            runs.append(run)
        }
    }

    /// The API server refuses `kind: SecretStore` (the CRD's enum), so no KEDA ever reads it: bad input, one line.
    @Test func anUnknownAuthenticationRefKindExitsTwoWithOneLineNamingTheKind() throws {
        let world = try CLIWorld()
        let file = try Self.manifests(world, file: "kind.yaml", authenticationRef: "{name: orders-storage, kind: SecretStore}")
        let run = try Self.checkpoints(world, file)
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr == """
            error: unknown trigger auth kind SecretStore in ScaledObject fn/orders (use TriggerAuthentication or ClusterTriggerAuthentication)

            """, "\(run.stderr)")
    }
}
