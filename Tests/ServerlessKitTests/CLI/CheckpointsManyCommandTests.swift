import Foundation
import Testing
@testable import ServerlessInspect
@testable import ServerlessSupport

/// `checkpoints -A`, `-n NS` without a name, `-l`, and the `so/NAME` forms, end to end: the built binary,
/// the test API server and the Azure test server (checkpoints written by the real Azure SDK).
@Suite struct CheckpointsManyCommandTests {
    @Test func allNamespacesGivesOneItemPerEventHubTriggerEachAsItsSingleObjectRunGivesIt() throws {
        let world = try ManyTriggersWorld()
        try world.seed()
        try world.azure.clearLog()
        let all = try world.run(["-A", "-o", "json"])
        #expect(all.status == 2, "the worst item is broken's configuration error: \(all.stderr)")
        let list = try JSON.parse(all.stdout)
        #expect(list["kind"] == .string("CheckpointReportList"))
        #expect(list["apiVersion"] == .string("kubectl-serverless/v1"))
        let items = list["items"].array
        // web has no azure-eventhub trigger; orders-audit's is its second, named.
        #expect(items.map { "\($0["object"]["namespace"].string ?? "")/\($0["object"]["name"].string ?? "")" }
            == ["billing/billing-job", "fn/broken", "fn/orders", "fn/orders-audit"])
        #expect(items.map { $0["object"]["kind"].string } == ["ScaledJob", "ScaledObject", "ScaledObject", "ScaledObject"])
        #expect(items.map(\.["trigger"]) == [.int(0), .int(0), .int(0), .string("audit-in")])
        #expect(items[1]["error"].string?.contains("connection") == true, "\(items[1])")
        #expect(items[1]["partitions"] == .null)

        // Each item is exactly the single-object report of that trigger.
        for (item, arguments) in [(items[0], ["sj/billing-job", "-n", "billing"]), (items[2], ["so/orders", "-n", "fn"]),
                                  (items[3], ["scaledobject.keda.sh/orders-audit", "-n", "fn", "--trigger", "1"])] {
            let one = try world.run(arguments + ["-o", "json"])
            guard case var .object(members) = item else { Issue.record("not an object"); continue }
            members.removeAll { $0.key == "object" || $0.key == "trigger" }
            #expect(Value.object(members) == (try JSON.parse(one.stdout)), "\(arguments)")
        }
        #expect(items[0]["partitions"].array.map { $0["status"].string } == ["ok", "ok"])
        #expect(items[2]["totalUnprocessedEvents"] == .int(50))
        #expect(items[3]["eventHub"]["consumerGroup"] == .string("audit"))
    }

    @Test func triggersShareOneContainerListingAndOneEventHubsCallPerHubAndConsumerGroup() throws {
        let world = try ManyTriggersWorld()
        try world.seed()
        try world.azure.clearLog()
        let all = try world.run(["-A", "-o", "json"])
        #expect(all.status == 2)
        let log = try world.azure.requestLog()
        // Three triggers read container checkpoints of one account with one key: listed once (and the
        // Functions container KEDA's near-miss search also looks at, once).
        let listings = log.filter { $0.operation == "ListBlobs" }.map(\.path)
        #expect(listings.sorted() == ["/ordersstore/azure-webjobs-eventhub", "/ordersstore/checkpoints"])
        let eventHubs = log.filter { $0.service == "eventhubs" }.map(\.path)
        #expect(eventHubs.count == Set(eventHubs).count, "a read sent twice: \(eventHubs)")
        // Hub descriptions once per hub, the partitions feed once per hub and consumer group.
        #expect(eventHubs.sorted() == ["/billing", "/billing/consumergroups/$Default/partitions", "/orders",
                                       "/orders/consumergroups/$Default/partitions", "/orders/consumergroups/audit/partitions"])
        #expect(log.allSatisfy { $0.method == "GET" || $0.method == "HEAD" })
        // The naive count would be 3 triggers x (1 + partitions) Event Hubs reads plus a listing per trigger.
    }

    @Test func aThrottledSharedListingIsRetriedAfterItsRetryAfterOnceForEveryTrigger() throws {
        let world = try ManyTriggersWorld()
        try world.seed()
        try world.azure.setFaults(["throttle:status=503:retry-after=1:first=1:path=/checkpoints"])
        try world.azure.clearLog()
        let started = Date()
        let all = try world.run(["-A", "-o", "json"])
        #expect(all.status == 2, "only broken fails: \(all.stderr)")
        #expect(Date().timeIntervalSince(started) >= 1, "Retry-After: 1 waited for")
        let items = try JSON.parse(all.stdout)["items"].array
        #expect(items.filter { $0["partitions"].array.count > 0 }.count == 3)
        let listings = try world.azure.requestLog().filter { $0.path == "/ordersstore/checkpoints" && $0.query["comp"] == "list" }
        // One 503, one retry: shared by the three triggers that read the container.
        #expect(listings.map(\.status) == [503, 200], "\(listings)")
    }

    @Test func noKeyAppearsInAnyOutputOfAManyTriggerRun() throws {
        let world = try ManyTriggersWorld()
        try world.seed()
        var runs = [try world.run(["-A", "-o", "json", "-v"]), try world.run(["-A", "-o", "wide", "-vv"])]
        runs.append(try world.run(["-A", "-o", "json", "--storage-connection", world.storage.replacingOccurrences(of: "AccountKey=", with: "AccountKey=QUJD")]))
        for run in runs {
            for secret in [ManyTriggersWorld.storageKey, ManyTriggersWorld.eventHubsKey, KubeTestCluster.token] {
                #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret), "leaked: \(run.stderr)")
            }
        }
    }

    @Test func namespaceAndSelectorNarrowTheScopeAndTheTableHasOneRowPerTrigger() throws {
        let world = try ManyTriggersWorld()
        try world.seed()
        let fn = try world.run(["-n", "fn", "-l", "team in (orders,audit),team!=audit"])
        #expect(fn.status == 2, "\(fn.stderr)")
        let lines = fn.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAME ") == true, "no NAMESPACE column with -n: \(fn.stdout)")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("scaledobject/broken "))
        #expect(lines[2].hasPrefix("scaledobject/orders ") && lines[2].contains(" orders ") && lines[2].contains(" $Default "))
        #expect(fn.stderr.contains("error: ScaledObject fn/broken trigger 0: "), "\(fn.stderr)")
        CLIWorld.expectOneLineMessages(fn, failed: true)

        let audit = try world.run(["-A", "-l", "team=audit", "--no-headers"])
        #expect(audit.status == 1, "\(audit.stderr)")
        let row = audit.stdout.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // NAMESPACE NAME TRIGGER HUB CONSUMER-GROUP PARTITIONS OK MISSING MISMATCH INVALID ERROR UNPROCESSED METRIC DESIRED KEDA
        #expect(row == ["fn", "scaledobject/orders-audit", "audit-in", "orders", "audit", "3", "2", "1", "0", "0", "0", "10", "10", "1",
                        "2.17.0\n"], "\(audit.stdout)")

        let sorted = try world.run(["-A", "--sort-by", "unprocessed", "--no-headers"])
        // 50, then 10 and 10 in namespace order, then the trigger without a report.
        #expect(sorted.stdout.split(separator: "\n").map { $0.split(separator: " ")[1] }
            == ["scaledobject/orders", "scaledjob/billing-job", "scaledobject/orders-audit", "scaledobject/broken"], "\(sorted.stdout)")
    }

    @Test func selectorSyntaxErrorsExit2WithKubernetesWordsBeforeAnyRequest() throws {
        let world = try ManyTriggersWorld()
        for (selector, message) in [
            ("team in orders", "unable to parse requirement: found 'orders' expected: '('"),
            ("team=a,", "found '', expected: identifier after ','"),
            ("team==(x", "unable to parse requirement: found '(', expected: identifier"),
            ("=x", "found '=', expected: !, identifier, or 'end of string'"),
            ("team=a b", "found 'b', expected: ',' or 'end of string'"),
        ] {
            let result = try world.run(["-A", "-l", selector])
            #expect(result.status == 2, "\(selector): \(result.stderr)")
            #expect(result.stderr == "error: \(message)\n", "\(selector)")
        }
        #expect(world.cluster.requests.isEmpty, "\(world.cluster.requests)")
        #expect(try world.azure.requestLog().isEmpty)
    }

    @Test func aNamespaceThatRefusesTheListIsThatNamespacesItemAndTheOthersStillReport() throws {
        let world = try ManyTriggersWorld(forbid: ["scaledobjects@cluster", "scaledobjects@fn"])
        try world.seed()
        let all = try world.run(["-A", "-o", "json"])
        #expect(all.status == 3, "\(all.stderr)")
        let items = try JSON.parse(all.stdout)["items"].array
        #expect(items.count == 2)
        #expect(items[0]["object"]["name"] == .string("billing-job"))
        #expect(items[0]["partitions"].array.count == 2)
        #expect(items[1]["object"] == .object([("kind", .string("ScaledObject")), ("namespace", .string("fn"))]))
        #expect(items[1]["error"].string?.contains("forbidden") == true)
        #expect(all.stderr.contains("error: ScaledObjects in namespace fn: "), "\(all.stderr)")
    }

    @Test func objectFormsNameScaledObjectsAndScaledJobs() throws {
        let world = try ManyTriggersWorld()
        try world.seed()
        let bare = try world.run(["orders", "-n", "fn", "-o", "json"])
        for form in ["so/orders", "scaledobject/orders", "scaledobject.keda.sh/orders"] {
            #expect(try world.run([form, "-n", "fn", "-o", "json"]).stdout == bare.stdout, "\(form)")
        }
        let job = try world.run(["--scaled-job", "billing-job", "-n", "billing", "-o", "json"])
        #expect(job.status == 0, "\(job.stderr)")
        for form in ["sj/billing-job", "scaledjob/billing-job"] {
            #expect(try world.run([form, "-n", "billing", "-o", "json"]).stdout == job.stdout, "\(form)")
        }
        let wrong = try world.run(["deployment/orders", "-n", "fn"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.hasPrefix("error: \"deployment/orders\": checkpoints reads ScaledObjects and ScaledJobs only"))
    }
}
