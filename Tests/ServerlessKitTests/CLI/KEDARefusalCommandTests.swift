import Foundation
import Testing
@testable import ServerlessKEDA
@testable import ServerlessSupport

/// `checkpoints` when KEDA would refuse the trigger after its metadata: at client creation (issue #20).
@Suite struct KEDARefusalCommandTests {
    /// A connection string this tool reads but KEDA's azeventhubs parser refuses (strconv.ParseBool on
    /// UseDevelopmentEmulator): the report as before, KEDA's error as `scalerError`, no metric, exit 2.
    @Test func readableButRefusedStringsReportKEDAsErrorAndExitTwo() throws {
        let world = try CLIWorld()
        try world.seed()
        let eventHubs = world.eventHubs + ";UseDevelopmentEmulator=yes"
        let run = try world.kubectl(world.flags(eventHubs: eventHubs) + ["-o", "json"] + world.endpoint)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: failed to create hub client: strconv.ParseBool: parsing \"yes\": invalid syntax\n"))
        CLIWorld.expectOneLineMessages(run, failed: true)
        let report = try JSON.parse(run.stdout)
        #expect(report["scalerError"] == .string(
            "unable to get eventhub client: failed to create hub client: strconv.ParseBool: parsing \"yes\": invalid syntax"))
        #expect(report["partitions"].array.map { $0["status"].string } == ["ok", "ok", "missing"])
        #expect(report["totalUnprocessedEvents"] == .int(50))
        #expect(report["metricValue"] == .null && report["desiredReplicas"] == .null)
        let table = try world.kubectl(world.flags(eventHubs: eventHubs) + world.endpoint)
        #expect(table.status == 2 && table.stdout.contains("failed to create hub client"))
    }

    /// A storage string ending in a newline after its last ';': this tool reads it, and so does KEDA from
    /// v2.18, whose typed config trims values (pkg/scalers/scalersconfig/typed_config.go
    /// `configParamValue`); up to v2.17 the untrimmed string reaches azblob's `ParseConnectionString`
    /// (internal/shared/shared.go, vendored v1.3.2-v1.7.0), where "\n" is a part without '='.
    @Test func storageStringKEDATrimsOnlyFrom2_18() throws {
        let world = try CLIWorld()
        try world.seed()
        let storage = world.storage + "\n"
        let old = try world.kubectl(world.flags(storage: storage) + ["--keda-version", "2.17.0", "-o", "json"] + world.endpoint)
        #expect(old.status == 2)
        CLIWorld.expectOneLineMessages(old, failed: true)
        let report = try JSON.parse(old.stdout)
        #expect(report["scalerError"] == .string("unable to get eventhub client: failed to create hub client: "
                                                 + SDKConnectionStrings.malformedStorage))
        #expect(report["partitions"].array.map { $0["status"].string } == ["ok", "ok", "missing"])
        let typed = try world.kubectl(world.flags(storage: storage) + ["--keda-version", "2.20.2", "-o", "json"] + world.endpoint)
        #expect(try JSON.parse(typed.stdout)["scalerError"] == .null)
        let plain = try world.kubectl(world.flags() + ["--keda-version", "2.20.2", "-o", "json"] + world.endpoint)
        #expect(typed.status == plain.status && typed.stdout == plain.stdout && typed.stderr == plain.stderr)
        #expect(!typed.stderr.contains("failed to create hub client"), "\(typed.status) \(typed.stderr)")
    }

    /// An account key that is not base64: neither KEDA (Go's decoder) nor this tool can use it; KEDA's words.
    @Test func unreadableStringsGiveKEDAsReasonAlone() throws {
        let world = try CLIWorld()
        let storage = world.storage.replacingOccurrences(of: world.storageKey, with: "bm90LWtleQ")
        for version in ["2.15.1", "2.17.0", "2.20.2"] {
            let run = try world.kubectl(world.flags(storage: storage) + ["--keda-version", version] + world.endpoint)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "error: failed to create hub client: decode account key: illegal base64 data at input byte 8\n")
        }
    }

    /// The API server keeps trigger metadata as strings and refuses anything else, so an unquoted `1e3`
    /// in a manifest is an input error, not "1000.0".
    @Test func unquotedNumberInTriggerMetadataIsAnInputError() throws {
        let world = try CLIWorld()
        let text = try String(contentsOfFile: world.manifest, encoding: .utf8)
            .replacingOccurrences(of: #"unprocessedEventThreshold: "32""#, with: "unprocessedEventThreshold: 1e3")
        let manifest = try world.inputs.write("unquoted.yaml", text)
        let run = try world.kubectl(["checkpoints", "orders", "-n", "fn", "-f", manifest] + world.endpoint)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: ScaledObject fn/orders: spec.triggers[0].metadata.unprocessedEventThreshold is a number, not a string"))
        #expect(!run.stderr.contains("1000"))
        CLIWorld.expectOneLineMessages(run, failed: true)
    }
}
