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
    static let namespace = "orders-ns.servicebus.windows.net"
    let azure: AzureTestServer
    let cluster: KubeTestCluster
    let storage: String
    let inputs: TempDir
    let home: TempDir

    static let storageKey = Data("many-storage-key-0001".utf8).base64EncodedString()
    static let eventHubsKey = "many-eventhubs-key"

    init(forbid: [String] = []) throws {
        let storageKey = Self.storageKey
        var options = AzureTestServer.Options(
            hubs: ["orders:partitions=3:last=150,90,-1:consumer-groups=$Default,audit", "billing:partitions=2:last=40,40"],
            extraArguments: ["--eventhub-namespace", Self.namespace])
        options.accounts = ["ordersstore": storageKey]
        options.eventHubsPolicies = ["listen": Self.eventHubsKey]
        azure = try AzureTestServer(options)
        storage = "DefaultEndpointsProtocol=http;AccountName=ordersstore;AccountKey=\(storageKey);"
            + "BlobEndpoint=http://127.0.0.1:\(azure.port)/ordersstore;"
        func eventHubs(_ hub: String) -> String {
            "Endpoint=sb://\(Self.namespace)/;SharedAccessKeyName=listen;SharedAccessKey=\(Self.eventHubsKey);EntityPath=\(hub)"
        }
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        inputs = try TempDir()
        home = try TempDir()
        func env(indent: Int) -> String {
            let pad = String(repeating: " ", count: indent)
            return ["env:", "- name: EventHubConnection", "  valueFrom: {secretKeyRef: {name: secrets, key: eventhub}}",
                    "- name: AzureWebJobsStorage", "  valueFrom: {secretKeyRef: {name: secrets, key: storage}}"]
                .map { pad + $0 }.joined(separator: "\n")
        }
        let manifest = try inputs.write("many.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: fn}
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: orders:1
            \(env(indent: 8))
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: secrets, namespace: fn}
            data: {eventhub: \(base64(eventHubs("orders"))), storage: \(base64(storage))}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: fn, labels: {team: orders}}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage,
                           blobContainer: checkpoints, checkpointStrategy: blobMetadata, unprocessedEventThreshold: "32"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders-audit, namespace: fn, labels: {team: audit}}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
              - type: azure-eventhub
                name: audit-in
                metadata: {connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage,
                           consumerGroup: audit, blobContainer: checkpoints, checkpointStrategy: blobMetadata}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: web, namespace: fn}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: broken, namespace: fn, labels: {team: orders}}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {connectionFromEnv: NoSuchVariable, storageConnectionFromEnv: AzureWebJobsStorage,
                           blobContainer: checkpoints, checkpointStrategy: blobMetadata}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: secrets, namespace: billing}
            data: {eventhub: \(base64(eventHubs("billing"))), storage: \(base64(storage))}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledJob
            metadata: {name: billing-job, namespace: billing, labels: {team: billing}}
            spec:
              jobTargetRef:
                template:
                  spec:
                    containers:
                    - name: job
                      image: billing:1
            \(env(indent: 10))
              triggers:
              - type: azure-eventhub
                metadata: {connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage,
                           blobContainer: checkpoints, checkpointStrategy: blobMetadata}
            """)
        cluster = try KubeTestCluster(manifests: [manifest], forbid: forbid)
    }

    /// Checkpoints written by the real Azure SDK: orders/$Default 0 and 1, orders/audit 0 and 1, billing 0 and 1.
    func seed() throws {
        try azure.seed(.blobMetadata, connectionString: storage, namespace: Self.namespace, hub: "orders", sequences: ["0": 100, "1": 90])
        try azure.seed(.blobMetadata, connectionString: storage, namespace: Self.namespace, hub: "orders", consumerGroup: "audit",
                       sequences: ["0": 150, "1": 80])
        try azure.seed(.blobMetadata, connectionString: storage, namespace: Self.namespace, hub: "billing", sequences: ["0": 40, "1": 30])
    }

    var endpoint: [String] { ["--eventhub-endpoint", "http://127.0.0.1:\(azure.port)/"] }

    /// The plugin with only the test cluster's kubeconfig, KEDA's version fixed (no operator in this cluster).
    func run(_ arguments: [String], timeout: TimeInterval = 60) throws -> Ops.Result {
        try Ops.run(try Ops.requireBinary(), ["checkpoints"] + arguments + endpoint + ["--keda-version", "2.17.0"],
                    environment: environment, directory: URL(fileURLWithPath: home.path), timeout: timeout)
    }

    var environment: [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home.path, "KUBECONFIG": cluster.kubeconfig, "LANG": "C.UTF-8"]
    }
}
