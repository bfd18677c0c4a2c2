import Foundation
import Testing
@testable import ServerlessSupport

/// Every command that talks to a server, run as users run it (the built binary, real libcurl, real
/// sockets) against test servers that misbehave. Each case: the command ends within its bound, says
/// what went wrong in one `error:`/`warning:` line with no stack trace, exits as the man pages say, and
/// still prints what could be had. One line per case: add a fault by adding a row.
@Suite(.serialized) struct FaultMatrixTests {
    enum Command: String, Sendable {
        case checkpointsFlags = "checkpoints --flags"
        case checkpointsObject = "checkpoints SO -n NS"
        case doctorLive = "doctor (live)"
        case completion = "__complete (live names)"
    }

    /// Where the fault is.
    enum Setup: Sendable {
        case azure([String])  // azure_server.py --fault specs
        case kube([String])  // kube_api_server.py --fault specs
        case azureWrongCA  // storage and Event Hubs over HTTPS, the plugin trusting another CA
        case kubeWrongCA
        case expiredSAS
        case forbidSecrets
        case kubeDown
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var command: Command
        var fault: String
        var setup: Setup
        var exit: Int32
        /// Seconds the whole command may take.
        var within: Double
        /// In stderr: the one clear line.
        var says: String = ""
        /// In stderr too (a hint).
        var also: String = ""
        /// In stdout: the partial result that could be had.
        var shows: [String] = []
        var arguments: [String] = []
        var testDescription: String { "\(command.rawValue) × \(fault) → \(exit) in < \(Int(within)) s" }
    }

    static let cases: [Case] = [
        // checkpoints with flags: storage and Event Hubs from the Azure test server. Partition 2 has no
        // checkpoint, so a healthy run exits 1 (missing) with 0 and 1 ok.
        Case(command: .checkpointsFlags, fault: "none", setup: .azure([]), exit: 1, within: 10, shows: ["ok", "missing"]),
        Case(command: .checkpointsFlags, fault: "latency 400 ms", setup: .azure(["latency:ms=400"]), exit: 1, within: 15,
             shows: ["ok", "missing"]),
        Case(command: .checkpointsFlags, fault: "503 Retry-After 1 twice, then fine", setup: .azure(["throttle:status=503:retry-after=1:first=2"]),
             exit: 1, within: 15, shows: ["ok", "missing"]),
        Case(command: .checkpointsFlags, fault: "429 Retry-After 1 on storage, always", setup: .azure(["throttle:status=429:retry-after=1:service=blob"]),
             exit: 3, within: 20, says: "throttling", shows: ["error", "150"]),
        Case(command: .checkpointsFlags, fault: "503 on Event Hubs, always", setup: .azure(["throttle:status=503:retry-after=1:service=eventhubs"]),
             exit: 3, within: 20, says: "pass --partition-info FILE"),
        // Faults on the container: the listing fails, the plugin falls back to reading each blob, and only the
        // blob whose answer has a body (partition 2's 404) is cut: 0 and 1 are still shown, 2 is an error.
        Case(command: .checkpointsFlags, fault: "reset mid-body (storage)", setup: .azure(["reset:path=/ordersstore/checkpoints"]),
             exit: 3, within: 15, says: "reset", shows: ["ok", "error"]),
        Case(command: .checkpointsFlags, fault: "truncated body (storage)", setup: .azure(["truncate:path=/ordersstore/checkpoints"]),
             exit: 3, within: 15, says: "truncated", shows: ["ok", "error"]),
        Case(command: .checkpointsFlags, fault: "reset on Event Hubs", setup: .azure(["reset:service=eventhubs"]),
             exit: 3, within: 15, says: "reset", also: "pass --partition-info FILE"),
        // A listing cut short falls back to per-blob reads, which give the right answer.
        Case(command: .checkpointsFlags, fault: "malformed XML listing", setup: .azure(["malformed-xml:path=/ordersstore/checkpoints"]),
             exit: 1, within: 15, says: "warning: could not list the checkpoint containers: the List Blobs response for container 'checkpoints'", shows: ["ok", "missing"]),
        Case(command: .checkpointsFlags, fault: "oversized body (70 MiB)", setup: .azure(["big:service=blob"]),
             exit: 3, within: 30, says: "64 MiB"),
        Case(command: .checkpointsFlags, fault: "slow loris, --request-timeout 2s", setup: .azure(["trickle:interval=1000:service=blob"]),
             exit: 3, within: 30, says: "error: ", arguments: ["--request-timeout", "2s"]),
        Case(command: .checkpointsFlags, fault: "TLS, wrong CA", setup: .azureWrongCA, exit: 3, within: 10, says: "certificate"),
        Case(command: .checkpointsFlags, fault: "expired SAS", setup: .expiredSAS, exit: 3, within: 10, says: "error: "),

        // checkpoints SO -n NS: the ScaledObject, its Deployment and Secret from the test API server.
        Case(command: .checkpointsObject, fault: "none", setup: .kube([]), exit: 1, within: 10, shows: ["ok", "missing"]),
        Case(command: .checkpointsObject, fault: "latency 400 ms", setup: .kube(["latency:ms=400"]), exit: 1, within: 15, shows: ["ok", "missing"]),
        Case(command: .checkpointsObject, fault: "503 Retry-After 1 twice, then fine", setup: .kube(["throttle:status=503:retry-after=1:first=2"]),
             exit: 1, within: 15, shows: ["ok", "missing"]),
        Case(command: .checkpointsObject, fault: "429 Retry-After 1, always", setup: .kube(["throttle:status=429:retry-after=1"]),
             exit: 3, within: 25, says: "error: "),
        Case(command: .checkpointsObject, fault: "reset mid-body", setup: .kube(["reset"]), exit: 3, within: 15, says: "error: "),
        Case(command: .checkpointsObject, fault: "truncated body", setup: .kube(["truncate"]), exit: 3, within: 15, says: "error: "),
        Case(command: .checkpointsObject, fault: "oversized body (70 MiB)", setup: .kube(["big"]), exit: 3, within: 30, says: "error: "),
        Case(command: .checkpointsObject, fault: "slow loris, --request-timeout 2s", setup: .kube(["trickle:interval=1000"]),
             exit: 3, within: 30, says: "error: ", arguments: ["--request-timeout", "2s"]),
        Case(command: .checkpointsObject, fault: "TLS, wrong CA", setup: .kubeWrongCA, exit: 3, within: 10, says: "certificate"),
        Case(command: .checkpointsObject, fault: "403 on Secrets", setup: .forbidSecrets, exit: 3, within: 10, says: "Secret"),
        Case(command: .checkpointsObject, fault: "API server down", setup: .kubeDown, exit: 3, within: 10, says: "error: "),

        // doctor, live: the same cluster. Healthy, it exits 0 or 1 by its findings; the fault cases must not
        // turn a failure to read into a clean bill of health.
        Case(command: .doctorLive, fault: "none", setup: .kube([]), exit: 1, within: 15, shows: ["KD-OP-001"]),
        Case(command: .doctorLive, fault: "latency 200 ms", setup: .kube(["latency:ms=200"]), exit: 1, within: 30, shows: ["KD-OP-001"]),
        Case(command: .doctorLive, fault: "503 Retry-After 1 twice, then fine", setup: .kube(["throttle:status=503:retry-after=1:first=2"]),
             exit: 1, within: 20, shows: ["KD-OP-001"]),
        Case(command: .doctorLive, fault: "429 Retry-After 1, always", setup: .kube(["throttle:status=429:retry-after=1"]),
             exit: 3, within: 30, says: "error: "),
        Case(command: .doctorLive, fault: "reset mid-body", setup: .kube(["reset"]), exit: 3, within: 20, says: "error: "),
        Case(command: .doctorLive, fault: "truncated body", setup: .kube(["truncate"]), exit: 3, within: 20, says: "error: "),
        Case(command: .doctorLive, fault: "oversized body (70 MiB)", setup: .kube(["big"]), exit: 3, within: 40, says: "error: "),
        Case(command: .doctorLive, fault: "slow loris, --request-timeout 2s", setup: .kube(["trickle:interval=1000"]),
             exit: 3, within: 40, says: "error: ", arguments: ["--request-timeout", "2s"]),
        Case(command: .doctorLive, fault: "TLS, wrong CA", setup: .kubeWrongCA, exit: 3, within: 10, says: "certificate"),
        Case(command: .doctorLive, fault: "403 on Secrets", setup: .forbidSecrets, exit: 1, within: 15,
             says: "warning: cannot read Secret", shows: ["KD-OP-001"]),
        Case(command: .doctorLive, fault: "API server down", setup: .kubeDown, exit: 3, within: 10, says: "error: "),

        // Completion of live names: ScaledObjects in namespace fn. Always exit 0, nothing on stderr, and
        // with a fault silently no names, within the 2 s budget (plus process start-up).
        Case(command: .completion, fault: "none", setup: .kube([]), exit: 0, within: 6, shows: ["orders"]),
        Case(command: .completion, fault: "latency 5 s", setup: .kube(["latency:ms=5000"]), exit: 0, within: 6),
        Case(command: .completion, fault: "429, always", setup: .kube(["throttle:status=429:retry-after=1"]), exit: 0, within: 6),
        Case(command: .completion, fault: "reset mid-body", setup: .kube(["reset"]), exit: 0, within: 6),
        Case(command: .completion, fault: "slow loris", setup: .kube(["trickle:interval=1000"]), exit: 0, within: 6),
        Case(command: .completion, fault: "oversized body (70 MiB)", setup: .kube(["big"]), exit: 0, within: 6),
        Case(command: .completion, fault: "TLS, wrong CA", setup: .kubeWrongCA, exit: 0, within: 6),
        Case(command: .completion, fault: "API server down", setup: .kubeDown, exit: 0, within: 6),
    ]

    @Test(arguments: FaultMatrixTests.cases)
    func fault(_ c: Case) throws {
        let world = try CLIWorld(
            kubeFaults: { if case let .kube(f) = c.setup { return f } else { return [] } }(),
            azureTLS: { if case .azureWrongCA = c.setup { return true } else { return false } }(),
            forbid: { if case .forbidSecrets = c.setup { return ["secrets"] } else { return [] } }())
        if case .azureWrongCA = c.setup {} else { try world.seed() }
        // Azure faults start after seeding, which goes through the same server.
        if case let .azure(faults) = c.setup, !faults.isEmpty { try world.azure.setFaults(faults) }
        var kubeconfig = world.cluster.kubeconfig
        switch c.setup {
        case .kubeWrongCA: kubeconfig = try world.kubeconfig(caFile: try TestCertificates.shared().otherCAFile)
        case .kubeDown: kubeconfig = try world.kubeconfig(server: "https://127.0.0.1:1")
        default: break
        }
        let arguments: [String]
        switch c.command {
        case .checkpointsFlags:
            var storage = world.storage, endpoint = world.endpoint, tls: [String] = []
            if case .azureWrongCA = c.setup {
                storage = world.storage.replacingOccurrences(of: "http://", with: "https://")
                endpoint = endpoint.map { $0.replacingOccurrences(of: "http://", with: "https://") }
                tls = ["--azure-ca-file", try TestCertificates.shared().otherCAFile]
            }
            if case .expiredSAS = c.setup { storage = world.sasConnection(expiry: "2020-01-01T00:00:00Z") }
            arguments = world.flags(storage: storage) + endpoint + tls
        case .checkpointsObject:
            arguments = ["checkpoints", "orders", "-n", "fn", "--kubeconfig", kubeconfig] + world.endpoint
        case .doctorLive:
            arguments = ["doctor", "--kubeconfig", kubeconfig, "-A"]
        case .completion:
            arguments = ["__complete", "checkpoints", "-n", "fn", ""]
        }
        let started = Date()
        let result = try world.run(arguments + c.arguments, kubeconfig: kubeconfig, timeout: c.within + 30)
        let took = Date().timeIntervalSince(started)

        #expect(result.status == c.exit, "exit \(result.status)\nstdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(took < c.within, "took \(took) s")
        CLIWorld.expectNoStackTrace(result)
        for text in [c.says, c.also] where !text.isEmpty {
            #expect(result.stderr.contains(text), "stderr: \(result.stderr)")
        }
        CLIWorld.expectOneLineMessages(result, failed: c.exit == 3)
        for text in c.shows {
            #expect(result.stdout.contains(text), "stdout lacks \(text): \(result.stdout)")
        }
        if c.command == .completion {
            let names = Ops.parse(result.stdout).values
            #expect(names == (c.fault == "none" ? ["orders"] : []), "\(result.stdout)")
            #expect(result.stderr.isEmpty)
        }
    }

    /// `version` needs no network: a kubeconfig naming a server that would hang, and a proxy that
    /// does not exist, change nothing, and the API server hears nothing.
    @Test func versionNeedsNoNetwork() throws {
        let world = try CLIWorld(kubeFaults: ["latency:ms=30000"])
        for format in [[], ["-o", "json"]] {
            let started = Date()
            let result = try world.run(["version", "-v"] + format, kubeconfig: world.cluster.kubeconfig, timeout: 10,
                                       extra: ["HTTPS_PROXY": "http://127.0.0.1:1", "HTTP_PROXY": "http://127.0.0.1:1"])
            #expect(result.status == 0)
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(result.stdout.contains(BuildInfo.version))
            CLIWorld.expectNoStackTrace(result)
        }
        #expect(world.cluster.requests.isEmpty)
        #expect(try world.azure.requestLog().isEmpty)
    }
}
