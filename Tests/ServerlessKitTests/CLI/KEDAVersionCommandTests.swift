import Foundation
import Testing
@testable import ServerlessSupport

/// `checkpoints` models the KEDA that runs where the ScaledObject was read: the operator Deployment in the
/// cluster (any namespace, GETs only) or among `-f` inputs, or KEDA chart values; `--keda-version` wins;
/// else the newest release, said so.
@Suite struct KEDAVersionCommandTests {
    static func operatorManifest(_ world: CLIWorld, image: String = "ghcr.io/kedacore/keda:2.15.1",
                                 namespace: String = "keda-system") throws -> String {
        try world.inputs.write("keda-\(UUID().uuidString).yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: keda-operator
              namespace: \(namespace)
              labels: {app: keda-operator, app.kubernetes.io/name: keda-operator}
            spec:
              template:
                spec:
                  containers:
                  - name: keda-operator
                    image: \(image)
                    env:
                    - {name: WATCH_NAMESPACE, value: ""}
            """)
    }

    /// The CLIWorld objects plus a KEDA 2.15.1 operator, served by a test API server of their own.
    static func clusterWithOperator(_ world: CLIWorld, forbid: [String] = [], namespace: String = "keda-system") throws -> KubeTestCluster {
        try KubeTestCluster(manifests: [world.manifest, try operatorManifest(world, namespace: namespace)], forbid: forbid)
    }

    /// Partition 1 (last sequence number 90) has no checkpoint: KEDA 2.15.0-2.15.1 fail the whole metric for
    /// it (kedacore/keda#6084; partition 2 is empty, -1, which KEDA skips before reading a checkpoint).
    @Test func theClustersKEDA2_15_1DecidesWithoutAFlag() throws {
        let world = try CLIWorld()
        try world.azure.seed(.blobMetadata, connectionString: world.storage, namespace: CLIWorld.namespace, hub: "orders",
                             sequences: ["0": 100])
        let cluster = try Self.clusterWithOperator(world)
        let run = try world.run(["checkpoints", "orders", "-n", "fn", "-o", "json"] + world.endpoint, kubeconfig: cluster.kubeconfig)
        let report = try JSON.parse(run.stdout)
        #expect(report["kedaVersion"] == .string("2.15.1"))
        #expect(report["kedaVersionSource"] == .string("cluster"))
        #expect(report["scalerError"].string == "unable to get unprocessedEventCount for metrics: unable to get checkpoint from storage: %!w(<nil>)")
        #expect(report["metricValue"] == .null && report["desiredReplicas"] == .null)
        // The same as asking for 2.15.1, but for where the version came from.
        let flagged = try world.run(["checkpoints", "orders", "-n", "fn", "--keda-version", "2.15.1", "-o", "json"] + world.endpoint,
                                    kubeconfig: cluster.kubeconfig)
        #expect(flagged.stdout == run.stdout.replacingOccurrences(of: #""kedaVersionSource": "cluster""#, with: #""kedaVersionSource": "flag""#))
        // The table says which KEDA and why.
        let table = try world.run(["checkpoints", "orders", "-n", "fn"] + world.endpoint, kubeconfig: cluster.kubeconfig)
        #expect(table.stdout.contains("modelling KEDA 2.15.1 (Deployment keda-system/keda-operator runs ghcr.io/kedacore/keda:2.15.1)"), "\(table.stdout)")
        // Found with GETs only, by label, in all namespaces.
        #expect(cluster.requests.allSatisfy { $0.hasPrefix("GET ") })
        #expect(cluster.requests.contains { $0.hasPrefix("GET /apis/apps/v1/deployments?") && $0.contains("labelSelector=app.kubernetes.io") })
        // A newer flag wins over the cluster.
        let newer = try JSON.parse(try world.run(["checkpoints", "orders", "-n", "fn", "--keda-version", "2.16.0", "-o", "json"]
                                                 + world.endpoint, kubeconfig: cluster.kubeconfig).stdout)
        #expect(newer["scalerError"] == .null && newer["kedaVersionSource"] == .string("flag"))
    }

    /// No ClusterRole to list Deployments everywhere: the newest release, and stderr says why.
    @Test func forbiddenDeploymentsFallBackAndSaySo() throws {
        let world = try CLIWorld()
        try world.seed()
        let cluster = try Self.clusterWithOperator(world, forbid: ["deployments@cluster"])
        let run = try world.run(["checkpoints", "orders", "-n", "fn", "-o", "json"] + world.endpoint, kubeconfig: cluster.kubeconfig)
        #expect(run.status == 1, "\(run.stderr)")
        let report = try JSON.parse(run.stdout)
        #expect(report["kedaVersion"] == .string("2.20.2") && report["kedaVersionSource"] == .string("default"))
        #expect(report["scalerError"] == .null)
        #expect(run.stderr.contains(#"warning: cannot list Deployments in all namespaces to find the KEDA operator (deployments is forbidden: User "#))
        #expect(run.stderr.contains("modelling KEDA 2.20.2"))
        CLIWorld.expectOneLineMessages(run, failed: false)

        // With rights in KEDA's usual namespace only, its operator is read by name there.
        let inKeda = try Self.clusterWithOperator(world, forbid: ["deployments@cluster"], namespace: "keda")
        let found = try world.run(["checkpoints", "orders", "-n", "fn", "-o", "json"] + world.endpoint, kubeconfig: inKeda.kubeconfig)
        #expect(try JSON.parse(found.stdout)["kedaVersion"] == .string("2.15.1"), "\(found.stderr)")
        #expect(inKeda.requests.contains { $0.hasPrefix("GET /apis/apps/v1/namespaces/keda/deployments/keda-operator ") })
    }

    /// Flags only: nothing to find KEDA in; the report says it models the newest release, or main on request.
    @Test func flagsOnlyRunsSayWhichReleaseTheyModel() throws {
        let world = try CLIWorld()
        try world.seed()
        let table = try world.kubectl(world.flags() + world.endpoint)
        #expect(table.stdout.contains("modelling KEDA 2.20.2 (no cluster or manifests read; the newest release modelled, --keda-version to choose another)"), "\(table.stdout)")
        let json = try JSON.parse(try world.kubectl(world.flags() + ["-o", "json"] + world.endpoint).stdout)
        #expect(json["kedaVersion"] == .string("2.20.2") && json["kedaVersionSource"] == .string("default"))
        let main = try world.kubectl(world.flags() + ["--keda-version", "main", "-o", "json"] + world.endpoint)
        let mainReport = try JSON.parse(main.stdout)
        #expect(mainReport["kedaVersion"] == .string("main") && mainReport["kedaVersionSource"] == .string("flag"))
        let mainTable = try world.kubectl(world.flags() + ["--keda-version", "main"] + world.endpoint)
        #expect(mainTable.stdout.contains("modelling KEDA main (unreleased, after 2.20.2) (--keda-version main)"))
        let bad = try world.kubectl(world.flags() + ["--keda-version", "2.x"] + world.endpoint)
        #expect(bad.status == 2 && bad.stderr == "error: invalid --keda-version \"2.x\": want a release such as 2.15.1, or main\n")
    }

    /// `-f`: an operator Deployment or the KEDA chart's values among the inputs count as the cluster's would.
    @Test func manifestsNameTheirKEDA() throws {
        let world = try CLIWorld()
        try world.seed()
        let withOperator = try JSON.parse(try world.kubectl(["checkpoints", "orders", "-n", "fn", "-f", world.manifest, "-f",
                                                             try Self.operatorManifest(world), "-o", "json"] + world.endpoint).stdout)
        #expect(withOperator["kedaVersion"] == .string("2.15.1") && withOperator["kedaVersionSource"] == .string("manifests"))
        #expect(withOperator["kedaVersion"] == .string("2.15.1"))
        let values = try world.inputs.write("keda-values.yaml", """
            image:
              keda:
                registry: ghcr.io
                repository: kedacore/keda
                tag: v2.15.0
            watchNamespace: ""
            metricsServer: {replicaCount: 1}
            """)
        let fromValues = try world.kubectl(["checkpoints", "orders", "-n", "fn", "-f", world.manifest, "-f", values] + world.endpoint)
        #expect(fromValues.stdout.contains("modelling KEDA 2.15.0 (KEDA chart values \(values) set image.keda.tag v2.15.0)"), "\(fromValues.stdout)")
        // Neither: the newest release, and a warning that says why.
        let neither = try world.kubectl(["checkpoints", "orders", "-n", "fn", "-f", world.manifest, "-o", "json"] + world.endpoint)
        #expect(try JSON.parse(neither.stdout)["kedaVersionSource"] == .string("default"))
        #expect(neither.stderr.contains("warning: no KEDA operator Deployment or KEDA chart values among the inputs: modelling KEDA 2.20.2"))
    }
}
