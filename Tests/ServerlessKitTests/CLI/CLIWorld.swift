import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// The scene the end-to-end CLI suites share: an Azure test server (storage account `ordersstore`,
/// hub `orders` with 3 partitions, last sequence numbers 150, 90, -1) and a test API server holding
/// a Deployment whose env takes both connection strings from a Secret, and a ScaledObject `orders`
/// in namespace `fn` reading them. Home and working directory are fresh and empty, so a test can
/// look at every file the plugin wrote.
final class CLIWorld: @unchecked Sendable {
    static let namespace = OrdersAzure.namespace

    let account: OrdersAzure
    let cluster: KubeTestCluster
    /// The connection strings the Secret holds, as the portal gives them.
    let storage: String
    let eventHubs: String
    /// Inputs (manifests) live here, apart from what the plugin may write.
    let inputs: TempDir
    /// The objects the test API server serves, as one manifest file.
    let manifest: String
    let home: TempDir
    let work: TempDir

    var azure: AzureTestServer { account.server }
    var scheme: String { account.scheme }
    var storageKey: String { account.storageKey }
    var eventHubsKey: String { account.eventHubsKey }

    init(azureFaults: [String] = [], kubeFaults: [String] = [], azureTLS: Bool = false, forbid: [String] = [],
         storageKey: String = Data("storage-key-bytes-0001".utf8).base64EncodedString(),
         eventHubsKey: String = "eventhubs-key-0001", kubeTokens: [String] = [], secretExtra: [String: String] = [:],
         azureArguments: [String] = []) throws {
        let account = try OrdersAzure(hubs: ["orders:partitions=3:last=150,90,-1"], storageKey: storageKey, eventHubsKey: eventHubsKey,
                                      faults: azureFaults, tls: azureTLS, arguments: azureArguments)
        self.account = account
        storage = account.storage
        eventHubs = account.eventHubs("orders")
        inputs = try TempDir()
        home = try TempDir()
        work = try TempDir()
        var secretData = ["eventhub": eventHubs, "storage": storage]
        secretData.merge(secretExtra) { $1 }
        let target = TestManifests.deployment("orders", namespace: "fn", container: Self.ordersContainer)
        let scaledObject = TestManifests.scaledObject("orders", namespace: "fn", spec: Self.ordersSpec, triggers: [Self.ordersTrigger])
        manifest = try inputs.write("fn.yaml", """
            \(target)
            ---
            \(TestManifests.secret("orders-secrets", namespace: "fn", data: secretData))
            ---
            \(scaledObject)
            """)
        cluster = try KubeTestCluster(manifests: [manifest], forbid: forbid, faults: kubeFaults, tokens: kubeTokens)
    }

    /// The target's container: both connection strings in its env, from the Secret `orders-secrets`.
    static let ordersContainer = TestManifests.container("app", image: "orders:1", env: [
        TestManifests.env("EventHubConnection", secret: "orders-secrets", key: "eventhub"),
        TestManifests.env("AzureWebJobsStorage", secret: "orders-secrets", key: "storage"),
    ])
    static let ordersSpec = ["minReplicaCount: 1", "maxReplicaCount: 10"]
    /// The ScaledObject's trigger: both connections from the target's env.
    static let ordersTrigger = """
        - type: azure-eventhub
          metadata:
            connectionFromEnv: EventHubConnection
            storageConnectionFromEnv: AzureWebJobsStorage
            blobContainer: checkpoints
            checkpointStrategy: blobMetadata
            unprocessedEventThreshold: "32"
        """

    /// Checkpoints for partitions 0 and 1 (none for 2), written by the real Azure SDK.
    func seed() throws {
        try account.seed(hub: "orders", sequences: ["0": 100, "1": 90])
    }

    var endpoint: [String] { account.endpoint }

    /// `checkpoints` with every setting of the ScaledObject as a flag.
    func flags(storage: String? = nil, eventHubs: String? = nil) -> [String] {
        ["checkpoints", "--eventhub-connection", eventHubs ?? self.eventHubs, "--storage-connection", storage ?? self.storage,
         "--blob-container", "checkpoints", "--checkpoint-strategy", "blobMetadata", "--unprocessed-event-threshold", "32",
         "--min-replicas", "1", "--max-replicas", "10"]
    }

    /// The plugin as users reach it: through kubectl's plugin discovery, the binary's folder on PATH.
    func kubectl(_ arguments: [String]) throws -> Ops.Result {
        let binary = try Ops.requireBinary()
        let path = URL(fileURLWithPath: binary).deletingLastPathComponent().path + ":/usr/local/bin:/usr/bin:/bin"
        return try Ops.run("kubectl", ["serverless"] + arguments, environment: ["PATH": path, "HOME": home.path],
                           directory: URL(fileURLWithPath: work.path))
    }

    /// An account SAS (read and list unless `permissions` says otherwise; blob service; container and
    /// object) signed with the account key, as Azure computes it for `sv` 2021-08-06; `signature`
    /// replaces the real one.
    func accountSAS(expiry: String, signature: String? = nil, permissions: String = "rl") -> (query: String, signature: String) {
        let fields = ["ordersstore", permissions, "b", "co", "", expiry, "", "", "2021-08-06", ""]
        let key = Array(Data(base64Encoded: storageKey) ?? Data())
        let sig = signature ?? Base64.encode(HMACSHA256.authenticationCode(key: key, message: fields.joined(separator: "\n") + "\n"))
        let encoded = sig.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? sig
        return ("sv=2021-08-06&ss=b&srt=co&sp=\(permissions)&se=\(expiry)&sig=\(encoded)", sig)
    }

    func sasConnection(expiry: String, signature: String? = nil, permissions: String = "rl") -> String {
        let query = accountSAS(expiry: expiry, signature: signature, permissions: permissions).query
        return "BlobEndpoint=\(scheme)://127.0.0.1:\(azure.port)/ordersstore;SharedAccessSignature=\(query)"
    }

    /// A kubeconfig for the test cluster beside its own (so `certs/` resolves), with one thing changed.
    func kubeconfig(caFile: String? = nil, server: String? = nil, token: String? = nil) throws -> String {
        let config = TestKubeconfig(currentContext: "token",
                                    clusters: [.init(server: server ?? "https://127.0.0.1:\(cluster.server.port)",
                                                     certificateAuthority: caFile ?? "certs/ca.crt")],
                                    users: [.token(token ?? KubeTestCluster.token)], contexts: [.init(name: "token")])
        return try config.write("kubeconfig-\(UUID().uuidString)", in: cluster.directory)
    }

    /// The plugin, in the empty working directory, with the empty home and only this kubeconfig.
    func run(_ arguments: [String], kubeconfig: String, timeout: TimeInterval = 60, extra: [String: String] = [:]) throws -> Ops.Result {
        var path = "/usr/local/bin:/usr/bin:/bin"
        if let kubectl = Ops.which("kubectl") { path = (kubectl as NSString).deletingLastPathComponent + ":" + path }
        var environment = ["PATH": path, "HOME": home.path, "KUBECONFIG": kubeconfig, "LANG": "C.UTF-8"]
        environment.merge(extra) { $1 }
        return try Ops.run(try Ops.requireBinary(), arguments, environment: environment, directory: URL(fileURLWithPath: work.path),
                           timeout: timeout)
    }

    /// Errors go to stderr as one `error: ...` line plus a hint where one helps. Every line is a
    /// message (`error:`/`warning:`) or the single hint line after one; a failure has an `error:` line.
    static func expectOneLineMessages(_ result: Ops.Result, failed: Bool, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var previousWasMessage = false
        for line in result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let isMessage = line.hasPrefix("error: ") || line.hasPrefix("warning: ")
            #expect(isMessage || previousWasMessage, "stray stderr line: \(line)\n\(result.stderr)", sourceLocation: sourceLocation)
            previousWasMessage = isMessage
        }
        if failed {
            #expect(result.stderr.hasPrefix("error: ") || result.stderr.contains("\nerror: "), "no error line: \(result.stderr)",
                    sourceLocation: sourceLocation)
        }
    }

    /// A crash or an uncaught error shows as Swift's runtime report, not as our `error:` line.
    static func expectNoStackTrace(_ result: Ops.Result, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for marker in ["Fatal error", "Stack dump", "Current stack trace", "Segmentation fault", "\n0 ", "\n#0 ", "Backtrace"] {
            #expect(!result.stderr.contains(marker), "stack trace in stderr: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(result.status < 128 && result.status >= 0, "killed by a signal: \(result.status)", sourceLocation: sourceLocation)
    }
}
