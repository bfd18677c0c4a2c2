import Foundation
import Testing
@testable import ServerlessInspect
@testable import ServerlessSupport

/// `checkpoints --watch`: rounds like `kubectl get -w`, rates from known sequence growth between rounds
/// (the test moves the Azure test server's sequence numbers and checkpoints forward), clean ends on
/// SIGINT and SIGTERM, and nothing but documents or rows on a pipe.
@Suite struct CheckpointsWatchCommandTests {
    /// Moves hub orders and consumer group $Default forward: 200 events in (150, 90, -1 -> 250, 190, -1) and
    /// 220 checkpointed (100, 90 -> 220, 190).
    static func advance(_ world: ManyTriggersWorld, seeded: [AzureTestServer.SeededCheckpoint]) throws {
        try world.azure.setHub("orders", json: #"{"partitions": 3, "last": [250, 190, -1], "consumer-groups": ["$Default", "audit"]}"#)
        let blobs = seeded.map { checkpoint -> [String: Any] in
            let sequence = checkpoint.partition == "0" ? 220 : 190
            return ["name": checkpoint.blob, "body": "", "metadata": ["sequencenumber": String(sequence), "offset": "0"]]
        }
        let body = String(decoding: try JSONSerialization.data(withJSONObject: blobs), as: UTF8.self)
        try world.azure.admin("PUT", "blobs/ordersstore/checkpoints", body: body)
    }

    @Test func oneObjectJSONIsOneDocumentPerRoundWithRatesFromTheSequenceGrowthAndSIGTERMEndsIt() throws {
        let world = try ManyTriggersWorld()
        let seeded = try world.azure.seed(.blobMetadata, connectionString: world.storage, namespace: ManyTriggersWorld.namespace,
                                          hub: "orders", sequences: ["0": 100, "1": 90])
        let plugin = try RunningPlugin(world, ["orders", "-n", "fn", "-w", "--interval", "3s", "-o", "json"])
        let first = try #require(plugin.lines(1, within: 60).first)
        let round1 = try JSON.parse(first)
        #expect(round1["inPerSecond"] == .null && round1["donePerSecond"] == .null && round1["drainSeconds"] == .null)
        #expect(round1["partitions"][0]["inPerSecond"] == .null)
        #expect(round1["totalUnprocessedEvents"] == .int(50))
        try Self.advance(world, seeded: seeded)
        let lines = plugin.lines(2, within: 60)
        try #require(lines.count == 2, "\(plugin.stderr)")
        let round2 = try JSON.parse(lines[1])
        #expect(round2["totalUnprocessedEvents"] == .int(30))
        let inRate = try #require(round2["inPerSecond"].number)
        let doneRate = try #require(round2["donePerSecond"].number)
        let drain = try #require(round2["drainSeconds"].number)
        // 200 in and 220 done over the time between the rounds (the 3 s interval plus a round).
        let seconds = 200 / inRate
        #expect(seconds >= 3 && seconds < 20, "\(seconds)")
        #expect(abs(doneRate / inRate - 1.1) < 1e-9)
        // 30 left, draining at 20 per round's time.
        #expect(abs(drain - 30 / (doneRate - inRate)) < 1e-6)
        #expect(abs(try #require(round2["partitions"][0]["inPerSecond"].number) * seconds - 100) < 1e-6)
        #expect(abs(try #require(round2["partitions"][1]["donePerSecond"].number) * seconds - 100) < 1e-6)
        #expect(round2["partitions"][2]["donePerSecond"] == .null)

        let ended = plugin.stop(signal: SIGTERM)
        #expect(ended.seconds < 1.0, "took \(ended.seconds) s")
        #expect(ended.status == 1, "the last round's exit code (partition 2 missing): \(plugin.stderr)")
        #expect(!plugin.stdout.contains("\u{1B}"), "escape codes on a pipe")
        #expect(plugin.stdout.split(separator: "\n").allSatisfy { (try? JSON.parse(String($0))) != nil })
    }

    @Test func allNamespacesTableAddsRowsRoundAfterRoundAndSIGINTEndsIt() throws {
        let world = try ManyTriggersWorld()
        let seeded = try world.azure.seed(.blobMetadata, connectionString: world.storage, namespace: ManyTriggersWorld.namespace,
                                          hub: "orders", sequences: ["0": 100, "1": 90])
        let requestsBefore = world.cluster.requests.count
        let plugin = try RunningPlugin(world, ["-A", "-l", "team=orders", "-w", "--interval", "2s"])
        // Header and two rows (broken and orders), then two rows a round.
        let first = plugin.lines(3, within: 60)
        try #require(first.count == 3, "\(plugin.stderr)")
        #expect(first[0].hasPrefix("NAMESPACE ") && first[0].hasSuffix(" IN/S   DONE/S   DRAIN"), "\(first[0])")
        #expect(first[2].split(separator: " ").suffix(3) == ["-", "-", "-"], "no rates in the first round: \(first[2])")
        let requestsAfterRound1 = world.cluster.requests.count
        try Self.advance(world, seeded: seeded)
        let lines = plugin.lines(9, within: 60)
        try #require(lines.count == 9, "\(plugin.stdout)\n\(plugin.stderr)")
        #expect(!lines.dropFirst().contains { $0.hasPrefix("NAMESPACE") }, "the header once, like kubectl get -w")
        let orders = [4, 6, 8].map { lines[$0].split(separator: " ").map(String.init) }
        #expect(orders.allSatisfy { $0[1] == "scaledobject/orders" })
        #expect(orders.last?[11] == "30", "\(lines[8])")
        // The round that spans the move: 200 in and 220 done, so it drains the 30 left; the others saw no growth.
        let moving = orders.filter { $0.suffix(3) != ["0", "0", "-"] }
        try #require(moving.count == 1, "\(lines)")
        let (inRate, doneRate) = (try #require(Double(moving[0][15])), try #require(Double(moving[0][16])))
        #expect(abs(doneRate / inRate - 1.1) < 0.05, "\(moving[0])")
        #expect(moving[0][17] != "-")
        // Later rounds list the objects (ScaledObjects, ScaledJobs) and resolve only the one that failed before.
        let later = world.cluster.requests[requestsAfterRound1...]
        let paths = later.map { $0.split(separator: " ")[1].split(separator: "?")[0] }
        #expect(!paths.contains("/apis/keda.sh/v1alpha1/namespaces/fn/scaledobjects/orders"), "orders is not resolved again: \(paths)")
        #expect(paths.contains("/apis/keda.sh/v1alpha1/namespaces/fn/scaledobjects/broken"), "what failed is tried again: \(paths)")
        #expect(!paths.contains("/apis/apps/v1/deployments"), "KEDA's version is not looked for again")
        #expect(requestsAfterRound1 > requestsBefore)

        let ended = plugin.stop(signal: SIGINT)
        #expect(ended.seconds < 1.0, "took \(ended.seconds) s")
        #expect(ended.status == 2, "the last round's worst item is broken: \(plugin.stderr)")
        #expect(!plugin.stdout.contains("\u{1B}"))
    }

    @Test func yamlRoundsAreDocumentsSeparatedByDashes() throws {
        let world = try ManyTriggersWorld()
        try world.seed()
        let plugin = try RunningPlugin(world, ["orders", "-n", "fn", "-w", "--interval", "1s", "-o", "yaml"])
        _ = plugin.lines(1, within: 60)
        let deadline = Date().addingTimeInterval(60)
        while plugin.stdout.components(separatedBy: "\n---\n").count < 3, Date() < deadline { usleep(100_000) }
        _ = plugin.stop(signal: SIGTERM)
        let documents = try YAML.documents(plugin.stdout)
        #expect(documents.count >= 2)
        #expect(documents.allSatisfy { $0.value["kind"] == .string("CheckpointReport") })
    }

    @Test func anIntervalOfZeroOrLessExits2() throws {
        let world = try ManyTriggersWorld()
        for interval in ["0", "-5s", "0s", "soon"] {
            let result = try world.run(["orders", "-n", "fn", "-w", "--interval=\(interval)"])
            #expect(result.status == 2, "\(interval)")
            #expect(result.stderr.hasPrefix("error: invalid --interval \"\(interval)\": want a duration above zero"), "\(result.stderr)")
        }
        #expect(world.cluster.requests.isEmpty)
    }
}

extension Value {
    /// A JSON number, whether written with a fraction or not.
    var number: Double? {
        switch self {
        case let .double(value): value
        case let .int(value): Double(value)
        default: nil
        }
    }
}

/// The plugin running in the background, its output read as it comes.
final class RunningPlugin: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(_ world: ManyTriggersWorld, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try Ops.requireBinary())
        process.arguments = ["checkpoints"] + arguments + world.endpoint + ["--keda-version", "2.17.0"]
        process.environment = world.environment
        process.currentDirectoryURL = URL(fileURLWithPath: world.home.path)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.out.append(data) }
        }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.err.append(data) }
        }
        try process.run()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// The first `count` complete lines of stdout, or fewer when `seconds` pass first.
    func lines(_ count: Int, within seconds: TimeInterval) -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let text = stdout
            let complete = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            if complete.count >= count || Date() > deadline || !process.isRunning { return Array(complete.prefix(count)) }
            usleep(50_000)
        }
    }

    /// Sends `signal` and waits for the exit: its status and how long it took.
    func stop(signal: Int32) -> (status: Int32, seconds: Double) {
        let started = Date()
        kill(process.processIdentifier, signal)
        let deadline = started.addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        let took = Date().timeIntervalSince(started)
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return (-1, took)
        }
        return (process.terminationStatus, took)
    }
}
