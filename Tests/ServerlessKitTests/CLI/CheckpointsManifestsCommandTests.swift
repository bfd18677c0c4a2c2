import Foundation
import Testing
@testable import ServerlessSupport

/// `checkpoints -f PATH` without a name: every azure-eventhub trigger of the manifests, as `-A` reads a
/// cluster, end to end: the built binary, the Azure test server (checkpoints written by the real Azure SDK),
/// and the test API server only to prove it is never asked.
@Suite struct CheckpointsManifestsCommandTests {
    /// `k8s/many.yaml` is ManyTriggersWorld's cluster (fn: orders, orders-audit, web, broken; billing:
    /// billing-job); `k8s/payments/payments.yaml` (read with -R) has no namespaces: a Deployment whose env
    /// reads Secret payments-secrets, which is nowhere, and the ScaledObject payments (no labels) scaling it.
    static func manifests(_ world: ManyTriggersWorld) throws -> String {
        let many = try String(contentsOfFile: world.inputs.path + "/many.yaml", encoding: .utf8)
        try world.inputs.write("k8s/many.yaml", many)
        try world.inputs.write("k8s/payments/payments.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: payments}
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: payments:1
                    env:
                    - name: EventHubConnection
                      valueFrom: {secretKeyRef: {name: payments-secrets, key: eventhub}}
                    - name: AzureWebJobsStorage
                      valueFrom: {secretKeyRef: {name: payments-secrets, key: storage}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: payments}
            spec:
              scaleTargetRef: {name: payments}
              triggers:
              - type: azure-eventhub
                metadata: {connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage,
                           blobContainer: checkpoints, checkpointStrategy: blobMetadata}
            """)
        return world.inputs.path + "/k8s"
    }

    /// The world with its checkpoints written, and the manifest directory.
    static func seededWorld() throws -> (ManyTriggersWorld, String) {
        let world = try ManyTriggersWorld()
        try world.seed()
        return (world, try manifests(world))
    }

    static func names(_ items: [Value]) -> [String] {
        items.map { "\($0["object"]["namespace"].string ?? "")/\($0["object"]["name"].string ?? "")" }
    }

    @Test func manifestsGiveOneItemPerEventHubTriggerAcrossNamespacesEachAsNamingItWithFGivesIt() throws {
        let (world, k8s) = try Self.seededWorld()
        let all = try world.run(["-f", k8s, "-R", "-o", "json"])
        #expect(all.status == 2, "the worst items are configuration errors: \(all.stderr)")
        let list = try JSON.parse(all.stdout)
        #expect(list["kind"] == .string("CheckpointReportList"))
        let items = list["items"].array
        // payments has no namespace: placed in the context's (the test kubeconfig's token context has none: default).
        #expect(Self.names(items) == ["billing/billing-job", "default/payments", "fn/broken", "fn/orders", "fn/orders-audit"])
        #expect(items.map(\.["trigger"]) == [.int(0), .int(0), .int(0), .int(0), .string("audit-in")])
        #expect(items[1]["error"].string?.contains("Secret \"payments-secrets\" not found in namespace \"default\"") == true, "\(items[1])")
        #expect(items[1]["partitions"] == .null)
        #expect(items[2]["error"].string?.contains("connection") == true, "\(items[2])")

        // Each item is exactly the report `checkpoints NAME -f` gives for that trigger.
        for (item, arguments) in [(items[0], ["sj/billing-job", "-n", "billing"]), (items[3], ["so/orders", "-n", "fn"]),
                                  (items[4], ["orders-audit", "-n", "fn", "--trigger", "audit-in"])] {
            let one = try world.run(arguments + ["-f", k8s, "-R", "-o", "json"])
            guard case var .object(members) = item else { Issue.record("not an object"); continue }
            members.removeAll { $0.key == "object" || $0.key == "trigger" }
            #expect(Value.object(members) == (try JSON.parse(one.stdout)), "\(arguments)")
        }
        #expect(items[3]["totalUnprocessedEvents"] == .int(50))
        #expect(items[4]["eventHub"]["consumerGroup"] == .string("audit"))

        // -A over manifests is every namespace in them, which is what no -n already reads.
        #expect(try world.run(["-A", "-f", k8s, "-R", "-o", "json"]).stdout == all.stdout)
        // Without -R the payments directory is not read.
        let flat = try JSON.parse(try world.run(["-f", k8s, "-o", "json"]).stdout)["items"].array
        #expect(Self.names(flat) == ["billing/billing-job", "fn/broken", "fn/orders", "fn/orders-audit"])
        #expect(world.cluster.requests.isEmpty, "manifests only: \(world.cluster.requests)")
    }

    @Test func triggersFromManifestsShareOneContainerListingAndOneEventHubsCallPerHubAndConsumerGroup() throws {
        let (world, k8s) = try Self.seededWorld()
        try world.azure.clearLog()
        let all = try world.run(["-f", k8s, "-R", "-o", "json"])
        #expect(all.status == 2)
        let log = try world.azure.requestLog()
        // Three readable triggers, one account and key: the container listed once (and the Functions
        // container KEDA's near-miss search also looks at, once).
        #expect(log.filter { $0.operation == "ListBlobs" }.map(\.path).sorted()
            == ["/ordersstore/azure-webjobs-eventhub", "/ordersstore/checkpoints"])
        #expect(log.filter { $0.service == "eventhubs" }.map(\.path).sorted()
            == ["/billing", "/billing/consumergroups/$Default/partitions", "/orders",
                "/orders/consumergroups/$Default/partitions", "/orders/consumergroups/audit/partitions"])
        #expect(log.allSatisfy { $0.method == "GET" || $0.method == "HEAD" })
    }

    @Test func noKeyFromTheManifestsSecretsAppearsInAnyOutput() throws {
        let (world, k8s) = try Self.seededWorld()
        for arguments in [["-o", "json", "-vv"], ["-o", "wide", "-v"], ["-o", "yaml"], ["-n", "billing", "-o", "wide", "-vv"]] {
            let run = try world.run(["-f", k8s, "-R"] + arguments)
            for secret in [ManyTriggersWorld.storageKey, ManyTriggersWorld.eventHubsKey] {
                #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret), "\(arguments) leaked: \(run.stderr)")
            }
        }
    }

    @Test func namespaceKeepsItsTriggersAndPlacesTheNamespacelessManifestsInIt() throws {
        let (world, k8s) = try Self.seededWorld()
        let fn = try world.run(["-f", k8s, "-R", "-n", "fn"])
        #expect(fn.status == 2, "\(fn.stderr)")
        let lines = fn.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAME ") == true, "no NAMESPACE column with -n: \(fn.stdout)")
        #expect(lines.dropFirst().map { String($0.split(separator: " ")[0]) }
            == ["scaledobject/broken", "scaledobject/orders", "scaledobject/orders-audit", "scaledobject/payments"])
        #expect(fn.stderr.contains("error: ScaledObject fn/payments trigger 0: Secret \"payments-secrets\" not found in namespace \"fn\""),
                "\(fn.stderr)")
        CLIWorld.expectOneLineMessages(fn, failed: true)

        // Without -R no namespace-less trigger is read, and none of the others is in that namespace.
        let none = try world.run(["-f", k8s, "-n", "elsewhere"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(!none.stdout.contains("scaledobject/") && !none.stdout.contains("scaledjob/"), "\(none.stdout)")
        #expect(none.stderr.contains("no ScaledObject or ScaledJob with an azure-eventhub trigger in namespace elsewhere of the manifests"),
                "\(none.stderr)")
    }

    @Test func selectorMatchesTheManifestsLabelsAsTheAPIServerDoes() throws {
        let (world, k8s) = try Self.seededWorld()
        // The cluster form's selector, on the same objects, keeps the same triggers.
        let selector = "team in (orders,audit),team!=audit"
        let fromFiles = try JSON.parse(try world.run(["-f", k8s, "-R", "-l", selector, "-o", "json"]).stdout)["items"].array
        #expect(world.cluster.requests.isEmpty)
        let fromCluster = try JSON.parse(try world.run(["-A", "-l", selector, "-o", "json"]).stdout)["items"].array
        #expect(Self.names(fromFiles) == ["fn/broken", "fn/orders"])
        #expect(fromFiles == fromCluster)

        // !team: only payments, which has no labels; -l always lists, even one trigger.
        let unlabelled = try world.run(["-f", k8s, "-R", "-l", "!team", "--no-headers"])
        #expect(unlabelled.status == 2, "\(unlabelled.stderr)")
        #expect(unlabelled.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
            == ["default scaledobject/payments"], "\(unlabelled.stdout)")

        let billing = try world.run(["-f", k8s, "-R", "-l", "team=billing", "--no-headers"])
        #expect(billing.status == 0, "\(billing.stderr)")
        let row = billing.stdout.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // NAMESPACE NAME TRIGGER HUB CONSUMER-GROUP PARTITIONS OK MISSING MISMATCH INVALID ERROR UNPROCESSED METRIC DESIRED KEDA
        #expect(row == ["billing", "scaledjob/billing-job", "0", "billing", "$Default", "2", "2", "0", "0", "0", "0", "10", "10", "1",
                        "2.17.0\n"], "\(billing.stdout)")

        let typo = try world.run(["-f", k8s, "-R", "-l", "team in orders"])
        #expect(typo.status == 2)
        #expect(typo.stderr == "error: unable to parse requirement: found 'orders' expected: '('\n")
    }

    @Test func exactlyOneTriggerInTheManifestsIsItsSingleReportByteForByte() throws {
        let (world, k8s) = try Self.seededWorld()
        // Without -R: the namespace-less payments would be placed in billing too.
        for format in ["table", "json", "wide"] {
            let only = try world.run(["-f", k8s, "-n", "billing", "-o", format])
            let named = try world.run(["sj/billing-job", "-n", "billing", "-f", k8s, "-o", format])
            #expect(only.status == 0, "\(only.stderr)")
            #expect(only.stdout == named.stdout, "\(format)")
            #expect(only.stderr == named.stderr, "\(format)")
        }
        #expect(try JSON.parse(try world.run(["-f", k8s, "-n", "billing", "-o", "json"]).stdout)["kind"] == .string("CheckpointReport"))
        // With -R payments is placed in billing as well: two triggers, the list.
        let two = try JSON.parse(try world.run(["-f", k8s, "-R", "-n", "billing", "-o", "json"]).stdout)["items"].array
        #expect(Self.names(two) == ["billing/billing-job", "billing/payments"])
        // One file, its only trigger in its own namespace, no -n: the report `-n billing` and its name give.
        let file = try world.inputs.write("billing.yaml", try String(contentsOfFile: k8s + "/many.yaml", encoding: .utf8)
            .components(separatedBy: "\n---\n").filter { $0.contains("namespace: billing") }.joined(separator: "\n---\n"))
        let bare = try world.run(["-f", file])
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(bare.stdout == (try world.run(["sj/billing-job", "-n", "billing", "-f", file])).stdout)
        #expect(world.cluster.requests.isEmpty)
    }

    @Test func aNameWithAllNamespacesOrTriggerWithoutANameExits2BeforeAnyRead() throws {
        let world = try ManyTriggersWorld()
        let k8s = try Self.manifests(world)
        for (arguments, message) in [
            (["orders", "-f", k8s, "-A"], "error: -A and -l select many objects: do not name one as well\n"),
            (["so/orders", "-f", k8s, "-l", "team=orders"], "error: -A and -l select many objects: do not name one as well\n"),
            (["-f", k8s, "--trigger", "1"], "error: --trigger picks a trigger of one object: name the object\n"),
        ] {
            let result = try world.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr == message, "\(arguments)")
        }
        #expect(world.cluster.requests.isEmpty)
        #expect(try world.azure.requestLog().isEmpty)
    }

    @Test func watchingManifestsReadsTheFilesOnceAndTheCheckpointsEveryRound() throws {
        let world = try ManyTriggersWorld()
        let seeded = try world.azure.seed(.blobMetadata, connectionString: world.storage, namespace: ManyTriggersWorld.namespace,
                                          hub: "orders", sequences: ["0": 100, "1": 90])
        let k8s = try Self.manifests(world)
        let plugin = try RunningPlugin(world, ["-f", k8s, "-R", "-l", "team=orders", "-w", "--interval", "2s", "-o", "json"])
        let first = plugin.lines(1, within: 60)
        try #require(first.count == 1, "\(plugin.stderr)")
        #expect(Self.names(try JSON.parse(first[0])["items"].array) == ["fn/broken", "fn/orders"])
        // The files are gone: later rounds do not need them.
        try FileManager.default.removeItem(atPath: k8s)
        try CheckpointsWatchCommandTests.advance(world, seeded: seeded)
        let lines = plugin.lines(3, within: 60)
        try #require(lines.count == 3, "\(plugin.stderr)")
        let last = try JSON.parse(lines[2])["items"].array
        #expect(Self.names(last) == ["fn/broken", "fn/orders"])
        #expect(last[1]["totalUnprocessedEvents"] == .int(30), "the checkpoints are read again: \(last[1])")
        #expect(last[1]["inPerSecond"].number != nil)
        let ended = plugin.stop(signal: SIGTERM)
        #expect(ended.status == 2, "the last round's worst item is broken: \(plugin.stderr)")
        #expect(world.cluster.requests.isEmpty)
    }
}
