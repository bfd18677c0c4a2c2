import Foundation
import Testing
@testable import ServerlessSupport

/// Several consumers in one cluster, for `checkpoints -A`, `-n`, `-l` and `--watch`: the Azure test server
/// has hubs `orders` (3 partitions, consumer groups $Default and audit) and `billing` (2 partitions) in one
/// namespace, one storage account `ordersstore`; the test API server has, in namespace fn, ScaledObjects
/// `orders` (team=orders), `orders-audit` (a cpu trigger, then azure-eventhub `audit-in`, team=audit),
/// `web` (cpu only) and `broken` (team=orders, its connection env variable does not exist), and in namespace
/// billing the ScaledJob `billing-job` (team=billing). All Event Hub triggers read container `checkpoints`.
final class ManyTriggersWorld: @unchecked Sendable {
    static let namespace = OrdersAzure.namespace
    let account: OrdersAzure
    let cluster: KubeTestCluster
    let inputs: TempDir
    let home: TempDir

    static let storageKey = Data("many-storage-key-0001".utf8).base64EncodedString()
    static let eventHubsKey = "many-eventhubs-key"

    var azure: AzureTestServer { account.server }
    var storage: String { account.storage }

    init(forbid: [String] = []) throws {
        let account = try OrdersAzure(hubs: ["orders:partitions=3:last=150,90,-1:consumer-groups=$Default,audit", "billing:partitions=2:last=40,40"],
                                      storageKey: Self.storageKey, eventHubsKey: Self.eventHubsKey)
        self.account = account
        inputs = try TempDir()
        home = try TempDir()
        let env = [TestManifests.env("EventHubConnection", secret: "secrets", key: "eventhub"),
                   TestManifests.env("AzureWebJobsStorage", secret: "secrets", key: "storage")]
        func secret(namespace: String, hub: String) -> String {
            TestManifests.secret("secrets", namespace: namespace, data: ["eventhub": account.eventHubs(hub), "storage": account.storage])
        }
        let target = TestManifests.deployment("orders", namespace: "fn", container: TestManifests.container("app", image: "orders:1", env: env))
        let cpu = TestManifests.cpuTrigger
        let orders = TestManifests.scaledObject("orders", namespace: "fn", labels: ["team": "orders"], triggers: ["""
            - type: azure-eventhub
              metadata: {connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage,
                         blobContainer: checkpoints, checkpointStrategy: blobMetadata, unprocessedEventThreshold: "32"}
            """])
        let audit = TestManifests.scaledObject("orders-audit", namespace: "fn", labels: ["team": "audit"], target: "orders", triggers: [cpu, """
            - type: azure-eventhub
              name: audit-in
              metadata: {connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage,
                         consumerGroup: audit, blobContainer: checkpoints, checkpointStrategy: blobMetadata}
            """])
        let web = TestManifests.scaledObject("web", namespace: "fn", target: "orders", triggers: [cpu])
        let broken = TestManifests.scaledObject("broken", namespace: "fn", labels: ["team": "orders"], target: "orders", triggers: ["""
            - type: azure-eventhub
              metadata: {connectionFromEnv: NoSuchVariable, storageConnectionFromEnv: AzureWebJobsStorage,
                         blobContainer: checkpoints, checkpointStrategy: blobMetadata}
            """])
        let billingJob = (["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledJob
            metadata: {name: billing-job, namespace: billing, labels: {team: billing}}
            spec:
              jobTargetRef:
                template:
                  spec:
                    containers:
            """] + TestManifests.indented([TestManifests.container("job", image: "billing:1", env: env)], by: 8) + ["""
              triggers:
              - type: azure-eventhub
                metadata: {connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage,
                           blobContainer: checkpoints, checkpointStrategy: blobMetadata}
            """]).joined(separator: "\n")
        let manifest = try inputs.write("many.yaml", """
            \(target)
            ---
            \(secret(namespace: "fn", hub: "orders"))
            ---
            \(orders)
            ---
            \(audit)
            ---
            \(web)
            ---
            \(broken)
            ---
            \(secret(namespace: "billing", hub: "billing"))
            ---
            \(billingJob)
            """)
        cluster = try KubeTestCluster(manifests: [manifest], forbid: forbid)
    }

    /// Checkpoints written by the real Azure SDK: orders/$Default 0 and 1, orders/audit 0 and 1, billing 0 and 1.
    func seed() throws {
        try account.seed(hub: "orders", sequences: ["0": 100, "1": 90])
        try account.seed(hub: "orders", consumerGroup: "audit", sequences: ["0": 150, "1": 80])
        try account.seed(hub: "billing", sequences: ["0": 40, "1": 30])
    }

    var endpoint: [String] { account.endpoint }

    /// The plugin with only the test cluster's kubeconfig, KEDA's version fixed (no operator in this cluster).
    func run(_ arguments: [String], timeout: TimeInterval = 60) throws -> Ops.Result {
        try Ops.run(try Ops.requireBinary(), ["checkpoints"] + arguments + endpoint + ["--keda-version", "2.17.0"],
                    environment: environment, directory: URL(fileURLWithPath: home.path), timeout: timeout)
    }

    var environment: [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home.path, "KUBECONFIG": cluster.kubeconfig, "LANG": "C.UTF-8"]
    }
}
