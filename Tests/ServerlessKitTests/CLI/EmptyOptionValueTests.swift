import Foundation
import Testing
@testable import ServerlessSupport

/// `--flag=` (nothing after `=`) is the empty value, as kubectl (pflag) reads it; an empty
/// `checkpointStrategy` is a meaningful KEDA value (the legacy reader when a container is set).
@Suite struct EmptyOptionValueTests {
    @Test func emptyValuesAfterEqualsBecomeTheEmptyWord() throws {
        let tree = try Ops.tree()
        #expect(tree.splittingEmptyOptionValues(["checkpoints", "--checkpoint-strategy=", "orders"])
                == ["checkpoints", "--checkpoint-strategy", "", "orders"])
        #expect(tree.splittingEmptyOptionValues(["checkpoints", "--blob-container=", "--consumer-group=x"])
                == ["checkpoints", "--blob-container", "", "--consumer-group=x"])
        // A value that happens to look like `--name=` is a value, not an option.
        #expect(tree.splittingEmptyOptionValues(["checkpoints", "--consumer-group", "--checkpoint-strategy="])
                == ["checkpoints", "--consumer-group", "--checkpoint-strategy="])
        #expect(tree.splittingEmptyOptionValues(["checkpoints", "-n", "--eventhub-name="])
                == ["checkpoints", "-n", "--eventhub-name="])
        // After `--` everything is positional; flags and unknown names are the parser's to judge.
        #expect(tree.splittingEmptyOptionValues(["checkpoints", "--", "--checkpoint-strategy="])
                == ["checkpoints", "--", "--checkpoint-strategy="])
        #expect(tree.splittingEmptyOptionValues(["checkpoints", "--recursive=", "--no-such-option="])
                == ["checkpoints", "--recursive=", "--no-such-option="])
        #expect(tree.splittingEmptyOptionValues(["doctor", "--skip="]) == ["doctor", "--skip", ""])
    }

    @Test func checkpointStrategyEqualsEmptyGivesTheSameReportAsTheEmptyWord() throws {
        let world = try CLIWorld()
        // The reader KEDA picks for "" with a container: `{consumerGroup}/{partition}`, JSON body.
        try world.azure.seed(.default, connectionString: world.storage, container: "checkpoints",
                             namespace: CLIWorld.namespace, hub: "orders", sequences: ["0": 100, "1": 90])
        func flags(_ strategy: [String]) -> [String] {
            ["checkpoints", "--eventhub-connection", world.eventHubs, "--storage-connection", world.storage,
             "--blob-container", "checkpoints"] + strategy + ["-o", "json"] + world.endpoint
        }
        let separate = try world.kubectl(flags(["--checkpoint-strategy", ""]))
        let joined = try world.kubectl(flags(["--checkpoint-strategy="]))
        #expect(separate.status == 1, "partition 2 has no checkpoint: \(separate.stderr)")
        #expect(joined.status == separate.status && joined.stderr == separate.stderr)
        #expect(joined.stdout == separate.stdout)
        let report = try JSON.parse(joined.stdout)
        #expect(report["partitions"].array.map { $0["status"].string } == ["ok", "ok", "missing"])
        // An option that needs a number still refuses the empty value, as kubectl does.
        let emptyNumber = try world.kubectl(flags([]) + ["--min-replicas="])
        #expect(emptyNumber.status == 2 && emptyNumber.stderr.hasPrefix("error: "))
    }
}
