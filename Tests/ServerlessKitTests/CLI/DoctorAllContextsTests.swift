import Foundation
import Testing
@testable import ServerlessDoctor
@testable import ServerlessRender
@testable import ServerlessSupport

/// `doctor --all-contexts` and `--context a,b,c`: every context at once, one section each, a context whose
/// server never answers is its own item with its error after a bounded wait, and the others still report.
@Suite struct DoctorAllContextsTests {
    /// A TCP server that takes connections and never says a word (a firewall dropping replies, a hung apiserver).
    final class SilentServer: @unchecked Sendable {
        let process = Process()
        let port: Int

        init() throws {
            let out = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", """
                import socket, time
                s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
                print(s.getsockname()[1], flush=True)
                time.sleep(600)
                """]
            process.standardOutput = out
            try process.run()
            let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }

        deinit { kill(process.processIdentifier, SIGKILL) }
    }

    /// The test cluster's kubeconfig with a third context, `dead`, on the silent server.
    func kubeconfig(_ cluster: KubeTestCluster, silent: SilentServer) throws -> String {
        var config = TestKubeconfig.standard(server: "https://127.0.0.1:\(cluster.server.port)")
        config.clusters.append(.init(name: "silent", server: "https://127.0.0.1:\(silent.port)"))
        config.contexts.append(.init(name: "dead", cluster: "silent"))
        return try config.write("kubeconfig-contexts", in: cluster.directory)
    }

    func doctor(_ arguments: [String]) throws -> (Ops.Result, Double) {
        let started = Date()
        let result = try Ops.run(try Ops.requireBinary(), ["doctor"] + arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
        return (result, Date().timeIntervalSince(started))
    }

    @Test func everyContextIsAnItemAndTheSilentOneIsAnErrorAfterABoundedWait() throws {
        let dir = try TempDir()
        let cluster = try KubeTestCluster(manifests: [try dir.write("cluster.yaml", DoctorNamespaceModeTests.cluster)])
        let silent = try SilentServer()
        let config = try kubeconfig(cluster, silent: silent)
        let (result, seconds) = try doctor(["--kubeconfig", config, "--all-contexts", "--request-timeout", "3s", "-o", "json"])
        #expect(result.status == 3, "the unreachable context is the worst: \(result.stderr)")
        #expect(seconds < 20, "bounded: \(seconds) s")
        let list = try JSON.parse(result.stdout)
        #expect(list["kind"] == .string("DoctorReportList"))
        let items = list["items"].array
        #expect(items.map { $0["source"]["context"].string } == ["cert", "dead", "token"])
        #expect(items[1]["error"].string?.isEmpty == false, "\(items[1])")
        #expect(items[1]["findings"] == .null)
        // The reachable contexts report as `doctor --context NAME` does.
        for (index, context) in [(0, "cert"), (2, "token")] {
            #expect(items[index]["kind"] == .string("DoctorReport"))
            let (one, _) = try doctor(["--kubeconfig", config, "--context", context, "-o", "json"])
            #expect(items[index]["findings"] == (try JSON.parse(one.stdout))["findings"], "\(context)")
            #expect(items[index]["summary"] == (try JSON.parse(one.stdout))["summary"], "\(context)")
        }
        #expect(result.stderr.contains("error: context dead: "), "\(result.stderr)")
    }

    @Test func aContextListGivesOneSectionWithItsSummaryEach() throws {
        let dir = try TempDir()
        let cluster = try KubeTestCluster(manifests: [try dir.write("cluster.yaml", DoctorNamespaceModeTests.cluster)])
        let silent = try SilentServer()
        let config = try kubeconfig(cluster, silent: silent)
        let (result, _) = try doctor(["--kubeconfig", config, "--context", "token,cert", "-A"])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headers = lines.indices.filter { lines[$0].hasPrefix("context ") }
        #expect(headers.map { lines[$0] } == ["context token", "context cert"], "\(result.stdout)")
        // Each section ends with its summary line, then a blank line before the next section.
        for end in [headers[1] - 2, lines.count - 2] {
            #expect(lines[end].contains(" objects ("), "\(lines[end])")
        }
        let (sarif, _) = try doctor(["--kubeconfig", config, "--context", "token,cert", "-o", "sarif"])
        #expect(sarif.status == 2)
        let (both, _) = try doctor(["--kubeconfig", config, "--context", "token", "--all-contexts"])
        #expect(both.status == 2)
    }
}
