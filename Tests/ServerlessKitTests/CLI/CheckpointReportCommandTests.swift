import Foundation
import Testing
@testable import ServerlessDoctor
@testable import ServerlessInspect
@testable import ServerlessSupport

/// `checkpoints` failures said once with a remedy, and its output conventions, through the built binary
/// against the Azure and Kubernetes test servers (CLIWorld: hub `orders`, partitions 0 and 1 checkpointed
/// by the real SDK, partition 2 never used).
@Suite struct CheckpointReportCommandTests {
    func world() throws -> CLIWorld {
        let world = try CLIWorld()
        try world.seed()
        return world
    }

    /// `world.flags()` with one flag's value replaced.
    func flags(_ world: CLIWorld, _ flag: String, _ value: String, storage: String? = nil) -> [String] {
        var arguments = world.flags(storage: storage)
        if let index = arguments.firstIndex(of: flag) { arguments[index + 1] = value } else { arguments += [flag, value] }
        return arguments + world.endpoint
    }

    func lines(_ text: String, starting prefix: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }
    }

    func statuses(_ stdout: String) throws -> [String] {
        try JSON.parse(stdout)["partitions"].array.map { $0["status"].string ?? "" }
    }

    @Test func aContainerThatDoesNotExistIsSaidOnceWithTheAccountsContainers() throws {
        let world = try world()
        let result = try world.kubectl(flags(world, "--blob-container", "checkpionts") + ["-o", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try statuses(result.stdout) == ["missing", "missing", "missing"])
        #expect(lines(result.stderr, starting: "error: ")
            == ["error: container \"checkpionts\" not found in storage account \"ordersstore\"; the account has: checkpoints"])
        #expect(try JSON.parse(result.stdout)["partitions"].array.allSatisfy { $0["detail"] == .null })
        CLIWorld.expectOneLineMessages(result, failed: false)
    }

    @Test func aContainerNameAzureRefusesExitsTwoBeforeAnyRequest() throws {
        let world = try world()
        try world.azure.clearLog()
        let result = try world.kubectl(flags(world, "--blob-container", "Orders_Checkpoints"))
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(lines(result.stderr, starting: "error: ")
            == ["error: invalid blob container name \"Orders_Checkpoints\": upper-case letters are not allowed (Azure would answer InvalidResourceName)"])
        #expect(try world.azure.requestLog().isEmpty)
    }

    @Test func anExpiredSASIsSaidOnceWithItsExpiryAndTheRowsOnlySayError() throws {
        let world = try world()
        let expired = world.sasConnection(expiry: "2026-01-01T00:00:00Z")
        let result = try world.kubectl(flags(world, "--storage-connection", expired))
        #expect(result.status == 3, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(rows.count == 3 && rows.allSatisfy { $0.split(separator: " ").contains("error") }, "\(result.stdout)")
        let errors = lines(result.stderr, starting: "error: ")
        // A SAS connection string names no account: the endpoint's host stands for it.
        #expect(errors == ["error: storage account '127.0.0.1' refused the SAS: it expired at 2026-01-01T00:00:00Z"])
        #expect(lines(result.stderr, starting: "warning: ").isEmpty, "\(result.stderr)")
        // Azure's own words, whole, once: in the remedy line.
        #expect(result.stderr.components(separatedBy: "Signature not valid in the specified time frame").count == 2)
        #expect(result.stderr.contains("issue a new SAS"))
        #expect(!result.stdout.contains("Signature not valid"))
        CLIWorld.expectOneLineMessages(result, failed: true)
    }

    @Test func aSASWithoutListPermissionIsOneWarningNamingTheLetterAndTheBlobsAreStillRead() throws {
        let world = try world()
        let readOnly = world.sasConnection(expiry: "2030-01-01T00:00:00Z", permissions: "r")
        let result = try world.kubectl(flags(world, "--storage-connection", readOnly) + ["-o", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try statuses(result.stdout) == ["ok", "ok", "missing"])
        #expect(lines(result.stderr, starting: "error: ").isEmpty)
        let warnings = lines(result.stderr, starting: "warning: ")
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("the SAS lacks list (l) permission") == true)
    }

    @Test func anUnknownConsumerGroupIsSaidOnceAsSuch() throws {
        let world = try world()
        let result = try world.kubectl(flags(world, "--consumer-group", "nope"))
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        let errors = lines(result.stderr, starting: "error: ")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("error: consumer group \"nope\" does not exist in hub \"orders\"") == true)
        #expect(result.stderr.contains("--consumer-group"))
    }

    @Test func theHeaderNamesWhatIsReadAndNoHeadersLeavesOnlyRowsOnStdout() throws {
        let world = try world()
        let object = ["checkpoints", "orders", "-n", "fn", "--kubeconfig", world.cluster.kubeconfig] + world.endpoint
        let table = try world.kubectl(object)
        #expect(table.status == 1)
        let out = table.stdout.split(separator: "\n")
        #expect(out.first == "ScaledObject fn/orders trigger 0, hub \(CLIWorld.namespace)/orders, consumer group $Default, account ordersstore, container checkpoints")
        #expect(out.dropFirst().first?.hasPrefix("PARTITION") == true)
        #expect(table.stdout.contains("not active") == false && table.stdout.contains("active (50 unprocessed is above the activation threshold 0)"))
        for row in out.dropFirst().prefix(4) { #expect(row.count <= CheckpointReport.tableWidth, "\(row)") }

        let bare = try world.kubectl(object + ["--no-headers"])
        #expect(bare.status == 1)
        #expect(bare.stdout.split(separator: "\n").map { $0.split(separator: " ").first ?? "" } == ["0", "1", "2"])
        #expect(bare.stderr.contains("container checkpoints (reader blobMetadata"))
        #expect(lines(bare.stderr, starting: "error: ").isEmpty)
    }

    @Test func jsonAndYAMLOfBothCommandsCarryApiVersionAndKind() throws {
        let world = try world()
        let json = try JSON.parse(try world.kubectl(world.flags() + world.endpoint + ["-o", "json"]).stdout)
        #expect(json["apiVersion"] == .string("kubectl-serverless/v1") && json["kind"] == .string("CheckpointReport"))
        let yaml = try world.kubectl(world.flags() + world.endpoint + ["-o", "yaml"]).stdout
        #expect(yaml.hasPrefix("apiVersion: kubectl-serverless/v1\nkind: CheckpointReport\n"))
        let doctor = try world.kubectl(["doctor", "-f", world.manifest, "-o", "json"])
        let report = try JSON.parse(doctor.stdout)
        #expect(report["apiVersion"] == .string("kubectl-serverless/v1") && report["kind"] == .string("DoctorReport"))
        let doctorYAML = try world.kubectl(["doctor", "-f", world.manifest, "-o", "yaml"]).stdout
        #expect(doctorYAML.hasPrefix("apiVersion: kubectl-serverless/v1\nkind: DoctorReport\n"))
    }

    @Test func aDumbTerminalGetsNoColour() throws {
        let world = try world()
        let binary = try Ops.requireBinary()
        let command = ([binary] + world.flags() + world.endpoint).map { "'\($0)'" }.joined(separator: " ")
        func underTerminal(_ term: String) throws -> String {
            try Ops.run("script", ["-qec", command, "/dev/null"], environment: ["TERM": term, "PATH": "/usr/bin:/bin"]).stdout
        }
        #expect(try underTerminal("xterm").contains("\u{1B}["))
        #expect(try !underTerminal("dumb").contains("\u{1B}["))
    }

    @Test func aTerminalSeesAProgressLineAfterASecondThatIsErasedAndAPipeNever() throws {
        // Event Hubs answers after 1.5 s, so the command runs past the one second the line waits for.
        let world = try CLIWorld(azureFaults: ["latency:ms=1500:service=eventhubs:first=1"])
        try world.seed()
        let binary = try Ops.requireBinary()
        func underTerminal(_ extra: [String]) throws -> String {
            let command = ([binary] + world.flags() + world.endpoint + extra).map { "'\($0)'" }.joined(separator: " ")
            return try Ops.run("script", ["-qec", command, "/dev/null"], environment: ["TERM": "xterm", "PATH": "/usr/bin:/bin"]).stdout
        }
        let shown = try underTerminal([])
        #expect(shown.contains("reading checkpoints: "), "\(shown)")
        #expect(shown.contains("requests\r\u{1B}[K"))  // erased before the report
        try world.azure.setFaults(["latency:ms=1500:service=eventhubs:first=1"])
        #expect(try !underTerminal(["-o", "json"]).contains("reading checkpoints"))
        try world.azure.setFaults(["latency:ms=1500:service=eventhubs:first=1"])
        let piped = try world.kubectl(world.flags() + world.endpoint)
        #expect(!piped.stderr.contains("reading checkpoints") && !piped.stdout.contains("reading checkpoints"))
    }

    @Test func aSharedAccountGivesNoOtherConsumersProgressAsAdviceAndNamesThemWhenThisOneHasNone() throws {
        // $Default has partitions 0 and 1 (world.seed), `analytics` only 0, hub `inventory` its own.
        let world = try world()
        try world.azure.seed(.blobMetadata, connectionString: world.storage, namespace: CLIWorld.namespace, hub: "orders",
                             consumerGroup: "analytics", sequences: ["0": 120])
        try world.azure.seed(.blobMetadata, connectionString: world.storage, namespace: CLIWorld.namespace, hub: "inventory",
                             sequences: ["0": 1, "1": 2, "2": 3])
        let info = try world.inputs.write("partitions.json", """
            [{"partitionId": "0", "lastEnqueuedSequenceNumber": 150}, {"partitionId": "1", "lastEnqueuedSequenceNumber": 90},
             {"partitionId": "2", "lastEnqueuedSequenceNumber": -1}]
            """)
        func run(_ group: String, _ extra: [String]) throws -> Ops.Result {
            try world.kubectl(flags(world, "--consumer-group", group) + ["--partition-info", info] + extra)
        }
        let analytics = try run("analytics", ["-o", "json"])
        #expect(analytics.status == 1)
        let report = try JSON.parse(analytics.stdout)
        #expect(try statuses(analytics.stdout) == ["ok", "missing", "missing"])
        #expect(report["partitions"].array.allSatisfy { $0["nearMisses"].array.isEmpty })
        #expect(report["otherConsumers"].array.isEmpty)
        #expect(lines(analytics.stderr, starting: "error: ").isEmpty)
        #expect(try !run("analytics", []).stdout.contains("set "))

        let nobody = try run("billing", ["-o", "json"])
        #expect(nobody.status == 1)
        #expect(try statuses(nobody.stdout) == ["missing", "missing", "missing"])
        let others = try JSON.parse(nobody.stdout)["otherConsumers"].array
        #expect(others.map { [$0["eventHub"], $0["consumerGroup"], $0["checkpoints"]] } == [
            [.string("inventory"), .string("$default"), .int(3)], [.string("orders"), .string("$default"), .int(2)],
            [.string("orders"), .string("analytics"), .int(1)],
        ])
        #expect(lines(nobody.stderr, starting: "error: ").isEmpty)
    }
}
