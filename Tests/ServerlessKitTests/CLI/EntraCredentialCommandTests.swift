import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// `checkpoints` with Entra ID tokens, end to end: the real binary, libcurl over TLS with a test CA, the
/// Azure test server's token endpoint, IMDS and App Service endpoints (checked against the real
/// azure-identity package in Tests/Support/test_azure_identity.py), and a stub `az` on PATH.
@Suite(.serialized) struct EntraCredentialCommandTests {
    static let tenant = "test-tenant"
    static let clientID = "app-client"
    static let clientSecret = "CANARY-client-secret-77aa"
    static let workloadClientID = "wi-client"
    static let subject = "system:serviceaccount:fn:wi-sa"
    static let identityHeader = "CANARY-identity-header-88bb"
    static let managedIdentity = "mi-client"
    static let noStorageRole = "no-storage-client"
    static let noEventHubsRole = "no-eventhubs-client"
    /// azure_identity.py's SIGNING_KEY: the stub `az` hands out tokens the test server accepts.
    static let signingKey = Array("kubectl-serverless test signing key; not a secret of any real service".utf8)

    static var serverArguments: [String] {
        ["--tenant", tenant, "--client", "\(clientID):\(clientSecret)", "--client", "\(noStorageRole):\(clientSecret)",
         "--roles", "\(noStorageRole)=eventhubs", "--client", "\(noEventHubsRole):\(clientSecret)",
         "--roles", "\(noEventHubsRole)=storage", "--federated", "\(workloadClientID):\(subject)",
         "--managed-identity", managedIdentity, "--identity-header", identityHeader]
    }

    static func world() throws -> CLIWorld {
        let world = try CLIWorld(azureTLS: true, azureArguments: serverArguments)
        try world.seed()
        return world
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Base64.encode(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func jwt(_ claims: String, key: [UInt8] = signingKey) -> String {
        let head = base64URL(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + base64URL(Array(claims.utf8))
        return head + "." + base64URL(HMACSHA256.authenticationCode(key: key, message: head))
    }

    /// An access token as Entra would give `az` for `resource` (v1 audience, no trailing `/`).
    static func accessToken(_ resource: String, lifetime: Int = 3600, principal: String = "cli-user") -> String {
        let now = Int(Date().timeIntervalSince1970)
        let audience = resource.hasSuffix("/") ? String(resource.dropLast()) : resource
        return jwt(#"{"aud":"\#(audience)","iss":"https://sts.windows.net/\#(tenant)/","exp":\#(now + lifetime),"nbf":\#(now),"oid":"\#(principal)"}"#)
    }

    /// A projected service account token as the workload identity webhook mounts it.
    static func serviceAccountToken(subject: String = subject) -> String {
        let now = Int(Date().timeIntervalSince1970)
        return jwt(#"{"aud":["api://AzureADTokenExchange"],"iss":"https://oidc.test/","sub":"\#(subject)","exp":\#(now + 3600)}"#,
                   key: Array("the cluster's own key".utf8))
    }

    static func caFile() throws -> String { try TestCertificates.shared().caFile }

    /// Flags-only, the way a user with `podIdentity: azure-workload` reaches storage and Event Hubs.
    static func workloadFlags(_ world: CLIWorld) throws -> [String] {
        ["checkpoints", "--pod-identity", "azure-workload", "--storage-account", "ordersstore",
         "--storage-endpoint", "https://127.0.0.1:\(world.azure.port)/ordersstore",
         "--eventhub-namespace", "orders-ns", "--eventhub-name", "orders", "--blob-container", "checkpoints",
         "--checkpoint-strategy", "blobMetadata", "--unprocessed-event-threshold", "32", "--min-replicas", "1",
         "--max-replicas", "10", "--azure-ca-file", try caFile()] + world.endpoint
    }

    /// No IMDS to be found (a closed port) and no `az` on PATH, unless a test sets them.
    static func isolated(_ world: CLIWorld, _ extra: [String: String] = [:]) -> [String: String] {
        var env = ["AZURE_POD_IDENTITY_AUTHORITY_HOST": "http://127.0.0.1:1",
                   "AZURE_AUTHORITY_HOST": "https://127.0.0.1:\(world.azure.port)"]
        env.merge(extra) { $1 }
        return env
    }

    var clientSecretEnvironment: [String: String] {
        ["AZURE_TENANT_ID": Self.tenant, "AZURE_CLIENT_ID": Self.clientID, "AZURE_CLIENT_SECRET": Self.clientSecret]
    }

    /// A stub `az`: `account get-access-token --resource R -o json` prints a token for R. With
    /// `expiredFirst`, each resource's first token has already expired; with `alwaysExpired`, every one.
    static func stubAz(in directory: TempDir, failing: String? = nil, expiredFirst: Bool = false,
                       alwaysExpired: Bool = false) throws -> String {
        let bin = directory.path + "/bin-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let expires = Int(Date().timeIntervalSince1970) + 3600
        func token(_ resource: String, expired: Bool) -> String { accessToken(resource, lifetime: expired ? -60 : 3600) }
        let script = """
            #!/bin/sh
            \(failing.map { "echo \"\($0)\" >&2; exit 1" } ?? "")
            [ "$1 $2" = "account get-access-token" ] || { echo "ERROR: unexpected command: $*" >&2; exit 2; }
            case "$*" in
              *"--resource https://storage.azure.com/"*) name=storage; fresh='\(token("https://storage.azure.com/", expired: alwaysExpired))'; stale='\(token("https://storage.azure.com/", expired: true))';;
              *"--resource https://eventhubs.azure.net/"*) name=eventhubs; fresh='\(token("https://eventhubs.azure.net/", expired: alwaysExpired))'; stale='\(token("https://eventhubs.azure.net/", expired: true))';;
              *) echo "ERROR: unexpected resource: $*" >&2; exit 2;;
            esac
            case "$*" in *"-o json"*) ;; *) echo "ERROR: want -o json" >&2; exit 2;; esac
            echo "$name" >> "\(bin)/calls"
            token="$fresh"
            if [ "\(expiredFirst)" = true ] && [ ! -e "\(bin)/$name.used" ]; then touch "\(bin)/$name.used"; token="$stale"; fi
            printf '{"accessToken": "%s", "expiresOn": "2099-01-01 00:00:00.000000", "expires_on": \(expires), "subscription": "s", "tenant": "\(tenant)", "tokenType": "Bearer"}\\n' "$token"
            """
        _ = try directory.write((bin as NSString).lastPathComponent + "/az", script, executable: true)
        return bin
    }

    func tokenRequests(_ world: CLIWorld) throws -> [AzureTestServer.LoggedRequest] {
        try world.azure.requestLog().filter { $0.operation == "GetToken" }
    }

    // MARK: the four sources give what a connection string gives

    @Test func everySourceGivesTheConnectionStringsReport() throws {
        let world = try Self.world()
        let kubeconfig = try world.kubeconfig()
        let baseline = try world.run(world.flags() + world.endpoint + ["--azure-ca-file", try Self.caFile(), "-o", "json"],
                                     kubeconfig: kubeconfig)
        #expect(baseline.status == 1, "\(baseline.stderr)")  // partition 2 has no checkpoint
        #expect(baseline.stdout.contains("\"ok\""))

        let tokenFile = try world.inputs.write("sa-token", Self.serviceAccountToken())
        let az = try Self.stubAz(in: world.inputs)
        let sources: [(String, [String], [String: String])] = [
            ("client-secret", [], clientSecretEnvironment),
            ("workload-identity", [], ["AZURE_TENANT_ID": Self.tenant, "AZURE_CLIENT_ID": Self.workloadClientID,
                                       "AZURE_FEDERATED_TOKEN_FILE": tokenFile]),
            ("managed-identity (IMDS)", [], ["AZURE_POD_IDENTITY_AUTHORITY_HOST": "https://127.0.0.1:\(world.azure.port)"]),
            ("managed-identity (App Service)", [], ["IDENTITY_ENDPOINT": "https://127.0.0.1:\(world.azure.port)/msi/token",
                                                    "IDENTITY_HEADER": Self.identityHeader]),
            ("azure-cli", ["--azure-credential", "azure-cli"], ["PATH": az + ":/usr/bin:/bin"]),
        ]
        for (label, flags, environment) in sources {
            let before = try world.azure.requestLog().count
            let result = try world.run(try Self.workloadFlags(world) + flags + ["-o", "json", "-v"], kubeconfig: kubeconfig,
                                       extra: Self.isolated(world, environment))
            #expect(result.status == baseline.status, "\(label): \(result.stderr)")
            #expect(result.stdout == baseline.stdout, "\(label)")
            #expect(result.stderr.contains("using an Entra ID token from"), "\(label): -v names the source: \(result.stderr)")
            let log = Array(try world.azure.requestLog().dropFirst(before))
            #expect(log.contains { $0.service == "blob" && $0.auth == "bearer" && $0.status == 200 }, "\(label)")
            #expect(log.contains { $0.service == "eventhubs" && $0.auth == "bearer" && $0.status == 200 }, "\(label)")
            if label != "azure-cli" {
                // Once per scope per run.
                let tokens = log.filter { $0.operation == "GetToken" }
                #expect(tokens.count == 2, "\(label): \(tokens.map(\.path))")
            }
        }
        let calls = try String(contentsOfFile: az + "/calls", encoding: .utf8).split(separator: "\n")
        #expect(calls.sorted() == ["eventhubs", "storage"])
    }

    /// The AKS way: a TriggerAuthentication with `podIdentity: azure-workload` and no connection strings.
    @Test func aWorkloadIdentityScaledObjectWorksFromTheClusterAndFromFiles() throws {
        let world = try Self.world()
        let scaledObject = TestManifests.scaledObject("wi-scaler", namespace: "fn", target: "wi-app",
                                                      spec: ["minReplicaCount: 1", "maxReplicaCount: 10"], triggers: ["""
            - type: azure-eventhub
              authenticationRef: {name: wi-auth}
              metadata:
                storageAccountName: ordersstore
                eventHubNamespace: orders-ns
                eventHubName: orders
                blobContainer: checkpoints
                checkpointStrategy: blobMetadata
                unprocessedEventThreshold: "32"
            """])
        let manifest = try world.inputs.write("wi.yaml", [
            TestManifests.deployment("wi-app", namespace: "fn", container: "- {name: app, image: app:1}"),
            TestManifests.podIdentityAuthentication("wi-auth", namespace: "fn", provider: "azure-workload"),
            scaledObject,
        ].joined(separator: "\n---\n"))
        let cluster = try KubeTestCluster(manifests: [manifest], forbid: [])
        let endpoints = ["--storage-endpoint", "https://127.0.0.1:\(world.azure.port)/ordersstore",
                         "--azure-ca-file", try Self.caFile()] + world.endpoint
        let baseline = try world.run(world.flags() + world.endpoint + ["--azure-ca-file", try Self.caFile(), "-o", "json"],
                                     kubeconfig: cluster.kubeconfig)
        let live = try world.run(["checkpoints", "wi-scaler", "-n", "fn", "-o", "json"] + endpoints, kubeconfig: cluster.kubeconfig,
                                 extra: Self.isolated(world, clientSecretEnvironment))
        #expect(live.status == 1, "\(live.stderr)")
        #expect(live.stdout == baseline.stdout)
        let files = try world.run(["checkpoints", "wi-scaler", "-n", "fn", "-f", manifest, "-o", "json"] + endpoints,
                                  kubeconfig: cluster.kubeconfig, extra: Self.isolated(world, clientSecretEnvironment))
        #expect(files.status == 1, "\(files.stderr)")
        #expect(files.stdout == baseline.stdout)
    }

    @Test func aNamedSourceIsUsedEvenWhereConnectionStringsExist() throws {
        let world = try Self.world()
        let before = try world.azure.requestLog().count
        let result = try world.run(world.flags() + world.endpoint + ["--azure-ca-file", try Self.caFile(),
                                   "--azure-credential", "client-secret", "-o", "json"],
                                   kubeconfig: try world.kubeconfig(), extra: Self.isolated(world, clientSecretEnvironment))
        #expect(result.status == 1, "\(result.stderr)")
        let log = try world.azure.requestLog().dropFirst(before).filter { $0.service != "identity" }
        #expect(!log.isEmpty && log.allSatisfy { $0.auth == "bearer" }, "\(log.map { $0.auth ?? "-" })")
    }

    /// Token requests go through the same transport: a throttled token endpoint is retried after its Retry-After.
    @Test func aThrottledTokenEndpointIsRetried() throws {
        let world = try CLIWorld(azureFaults: ["throttle:status=429:first=1:retry-after=1:method=POST:path=/oauth2/v2.0/token"],
                                 azureTLS: true, azureArguments: Self.serverArguments)
        try world.seed()
        let before = try world.azure.requestLog().count
        let result = try world.run(try Self.workloadFlags(world) + ["-o", "json"], kubeconfig: try world.kubeconfig(),
                                   extra: Self.isolated(world, clientSecretEnvironment))
        #expect(result.status == 1, "\(result.stderr)")
        let posts = try world.azure.requestLog().dropFirst(before).filter { $0.method == "POST" }
        #expect(posts.map(\.status) == [429, 200, 200], "\(posts.map(\.status))")
    }

    // MARK: what goes wrong, said once

    @Test func noSourceConfiguredSaysWhatWasTriedAndWhatToDo() throws {
        let world = try Self.world()
        let result = try world.run(try Self.workloadFlags(world), kubeconfig: try world.kubeconfig(), extra: Self.isolated(world))
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: no Azure credential found; tried client-secret (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET not set)"), "\(result.stderr)")
        #expect(result.stderr.contains("azure-cli (az not found on PATH)"))
        #expect(result.stderr.contains("az login"))
        CLIWorld.expectOneLineMessages(result, failed: true)
    }

    @Test func azureCLIMissingOrNotLoggedIn() throws {
        let world = try Self.world()
        let kubeconfig = try world.kubeconfig()
        let flags = try Self.workloadFlags(world) + ["--azure-credential", "azure-cli"]
        let missing = try world.run(flags, kubeconfig: kubeconfig, extra: Self.isolated(world, ["PATH": "/usr/bin:/bin"]))
        #expect(missing.status == 3 && missing.stderr.contains("error: Azure CLI not found on PATH"), "\(missing.stderr)")
        let az = try Self.stubAz(in: world.inputs, failing: "ERROR: Please run 'az login' to setup account.")
        let loggedOut = try world.run(flags, kubeconfig: kubeconfig, extra: Self.isolated(world, ["PATH": az + ":/usr/bin:/bin"]))
        #expect(loggedOut.status == 3 && loggedOut.stderr.contains("Please run 'az login'"), "\(loggedOut.stderr)")
        #expect(loggedOut.stdout.isEmpty)
        CLIWorld.expectOneLineMessages(loggedOut, failed: true)
    }

    @Test func aMissingRoleNamesTheRoleToAssign() throws {
        let world = try Self.world()
        var environment = clientSecretEnvironment
        environment["AZURE_CLIENT_ID"] = Self.noStorageRole
        let result = try world.run(try Self.workloadFlags(world) + ["-o", "json"], kubeconfig: try world.kubeconfig(),
                                   extra: Self.isolated(world, environment))
        #expect(result.status == 3)
        #expect(result.stderr.contains("AuthorizationPermissionMismatch"), "\(result.stderr)")
        #expect(result.stderr.contains("Storage Blob Data Reader"))

        environment["AZURE_CLIENT_ID"] = Self.noEventHubsRole
        let hubs = try world.run(try Self.workloadFlags(world) + ["-o", "json"], kubeconfig: try world.kubeconfig(),
                                 extra: Self.isolated(world, environment))
        #expect(hubs.status == 3 && hubs.stdout.isEmpty)
        #expect(hubs.stderr.contains("'Listen' claim(s) are required"), "\(hubs.stderr)")
        #expect(hubs.stderr.contains("Azure Event Hubs Data Receiver"))
        CLIWorld.expectOneLineMessages(hubs, failed: true)
    }

    @Test func aWrongSecretGivesEntrasRefusal() throws {
        let world = try Self.world()
        var environment = clientSecretEnvironment
        environment["AZURE_CLIENT_SECRET"] = "CANARY-wrong-secret"
        let result = try world.run(try Self.workloadFlags(world), kubeconfig: try world.kubeconfig(),
                                   extra: Self.isolated(world, environment))
        #expect(result.status == 3 && result.stderr.contains("AADSTS7000215"), "\(result.stderr)")
        #expect(!result.stderr.contains("CANARY-wrong-secret") && result.stdout.isEmpty)
    }

    @Test func anExpiredTokenIsRefreshedOnceThenReported() throws {
        let world = try Self.world()
        let kubeconfig = try world.kubeconfig()
        let flags = try Self.workloadFlags(world) + ["--azure-credential", "azure-cli", "-o", "json"]
        let refreshing = try Self.stubAz(in: world.inputs, expiredFirst: true)
        let refreshed = try world.run(flags, kubeconfig: kubeconfig, extra: Self.isolated(world, ["PATH": refreshing + ":/usr/bin:/bin"]))
        #expect(refreshed.status == 1, "\(refreshed.stderr)")
        #expect(refreshed.stdout.contains("\"ok\""))
        let calls = try String(contentsOfFile: refreshing + "/calls", encoding: .utf8).split(separator: "\n")
        #expect(calls.sorted() == ["eventhubs", "eventhubs", "storage", "storage"])

        let stale = try Self.stubAz(in: world.inputs, alwaysExpired: true)
        let failed = try world.run(flags, kubeconfig: kubeconfig, extra: Self.isolated(world, ["PATH": stale + ":/usr/bin:/bin"]))
        #expect(failed.status == 3)
        #expect(failed.stderr.contains("The token is expired"), "\(failed.stderr)")
        let staleCalls = try String(contentsOfFile: stale + "/calls", encoding: .utf8).split(separator: "\n")
        #expect(staleCalls.filter { $0 == "eventhubs" }.count == 2)  // one refresh, then the error
    }

    @Test func anUnreadableOrEmptyTokenFileNamesThePathNotTheContent() throws {
        let world = try Self.world()
        let empty = try world.inputs.write("empty-token", "\n")
        for (path, words) in [(empty, "is empty"), (world.inputs.path + "/no-such-token", "cannot read")] {
            let result = try world.run(try Self.workloadFlags(world), kubeconfig: try world.kubeconfig(), extra: Self.isolated(world, [
                "AZURE_TENANT_ID": Self.tenant, "AZURE_CLIENT_ID": Self.workloadClientID, "AZURE_FEDERATED_TOKEN_FILE": path]))
            #expect(result.status == 3 && result.stderr.contains(path) && result.stderr.contains(words), "\(result.stderr)")
        }
    }

    @Test func aTokenIsNeverSentOverPlainHTTP() throws {
        let world = try Self.world()
        var flags = try Self.workloadFlags(world)
        flags[flags.firstIndex(of: "--storage-endpoint")! + 1] = "http://127.0.0.1:\(world.azure.port)/ordersstore"
        let result = try world.run(flags, kubeconfig: try world.kubeconfig(), extra: Self.isolated(world, clientSecretEnvironment))
        #expect(result.status == 2 && result.stderr.contains("not HTTPS"), "\(result.stderr)")
        #expect(try tokenRequests(world).isEmpty)
        let bad = try world.run(try Self.workloadFlags(world) + ["--azure-credential", "kerberos"], kubeconfig: try world.kubeconfig())
        #expect(bad.status == 2 && bad.stderr.contains("--azure-credential"))
    }
}
