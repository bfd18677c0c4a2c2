import Foundation
import Testing
@testable import ServerlessSupport

/// The read-only proof scripts/test runs over the whole suite (Tests/Support/check_read_only.py),
/// shown here on one run of every networked command: the servers log each request with its
/// User-Agent, the plugin names itself on every request (API server, storage, Event Hubs), the
/// check passes on those logs and fails, naming it, on a write.
@Suite(.serialized) struct ReadOnlyProofTests {
    static let script = TestServerProcess.supportDirectory.appendingPathComponent("check_read_only.py").path

    /// Servers started inside `body` log to `directory` (they read KSL_REQUEST_LOG_DIR when they start).
    static func withRequestLog<T>(_ directory: String, _ body: () throws -> T) rethrows -> T {
        let previous = ProcessInfo.processInfo.environment["KSL_REQUEST_LOG_DIR"]
        setenv("KSL_REQUEST_LOG_DIR", directory, 1)
        defer { if let previous { setenv("KSL_REQUEST_LOG_DIR", previous, 1) } else { unsetenv("KSL_REQUEST_LOG_DIR") } }
        return try body()
    }

    static func check(_ directory: String) throws -> Ops.Result {
        try Ops.run("/usr/bin/env", ["python3", script, directory, "--require-server", "azure", "--require-server", "kube-api"])
    }

    @Test func everyCommandOnlyReadsAndTheCheckSeesIt() throws {
        let logs = try TempDir()
        let world = try Self.withRequestLog(logs.path) { try CLIWorld(forbid: []) }
        try world.seed()  // the Azure SDK's PUTs: logged, but not the plugin's
        let config = world.cluster.kubeconfig
        let runs = [
            try world.run(["checkpoints", "orders", "-n", "fn", "--kubeconfig", config, "-o", "json"] + world.endpoint, kubeconfig: config),
            try world.run(world.flags() + world.endpoint, kubeconfig: config),
            try world.run(["doctor", "--kubeconfig", config, "-A"], kubeconfig: config),
            try world.run(["__complete", "checkpoints", "-n", "fn", ""], kubeconfig: config),
        ]
        #expect(runs.map(\.status) == [1, 1, 1, 0], "\(runs.map(\.stderr))")

        var entries: [[String: String]] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: logs.path) {
            let text = try String(contentsOfFile: logs.path + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") {
                entries.append(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] ?? [:])
            }
        }
        let agent = "kubectl-serverless/\(BuildInfo.version)"
        let plugin = entries.filter { $0["userAgent"] == agent }
        // The plugin names itself to every server it talks to; the storage and Event Hubs requests too.
        #expect(Set(plugin.compactMap { $0["server"] }) == ["azure", "kube-api"])
        #expect(plugin.contains { $0["server"] == "azure" && $0["path"]?.hasPrefix("/ordersstore/") == true })
        #expect(plugin.contains { $0["server"] == "azure" && $0["path"]?.hasPrefix("/orders") == true && $0["path"]?.hasPrefix("/ordersstore") == false })
        #expect(entries.contains { $0["method"] == "PUT" && $0["userAgent"]?.hasPrefix("azsdk-python") == true })
        // kubectl, run by completion, is not the plugin.
        #expect(entries.contains { $0["userAgent"]?.hasPrefix("kubectl/") == true })

        let passed = try Self.check(logs.path)
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect(passed.stdout.contains("kubectl-serverless only read"))

        // A write by the plugin fails the check, loudly and by name.
        let write = #"{"method": "DELETE", "path": "/ordersstore/checkpoints/x", "server": "azure", "userAgent": "\#(agent)"}"#
        try (write + "\n").write(toFile: logs.path + "/planted-1.jsonl", atomically: true, encoding: .utf8)
        let failed = try Self.check(logs.path)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("WRITE by kubectl-serverless: DELETE /ordersstore/checkpoints/x to azure"))
    }

    @Test func anEmptyLogFailsTheCheck() throws {
        let empty = try TempDir()
        let result = try Self.check(empty.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the request log is empty"))
    }
}
