import Foundation
@testable import ServerlessKEDA

/// Tests/Support/azure_server.py for the length of a test: Blob Storage (path-style, account
/// `devstoreaccount1`) and the Event Hubs runtime REST API on one 127.0.0.1 port, checking
/// Shared Key, SAS and Event Hubs SAS signatures the way Azure does. Every Azure request it
/// receives is logged, so a test can assert what the client sent (e.g. only GET and HEAD).
final class AzureTestServer: @unchecked Sendable {
    /// The well-known emulator account (Azurite's and the SDKs' devstoreaccount1).
    static let accountName = "devstoreaccount1"
    static let accountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    /// The policy and (fake) key of the Event Hubs SAS vector (azure-eventhub generate_sas_token); Event Hubs keys are used as raw UTF-8.
    static let eventHubsPolicy = "RootManageSharedAccessKey"
    static let eventHubsKey = "SGVsbG9Xb3JsZEtleUZvclRlc3RpbmdPbmx5MTIzNDU2Nzg5MA=="

    struct Options {
        /// `name:partitions=N:last=..:begin=..` (see azure_eventhubs.py), e.g. `orders:partitions=4:last=100,200,-1,5`.
        var hubs: [String] = []
        /// `kind[:key=value..]` (see azure_faults.py), e.g. `throttle:status=503:first=2:retry-after=1`.
        var faults: [String] = []
        var eventHubsPolicies: [String: String] = [AzureTestServer.eventHubsPolicy: AzureTestServer.eventHubsKey]
        /// Extra storage accounts: name -> base64 key.
        var accounts: [String: String] = [:]
        /// Accepted bearer tokens; append `:reader` for a read-only one.
        var bearerTokens: [String] = []
        var extraArguments: [String] = []

        init(hubs: [String] = [], faults: [String] = [], bearerTokens: [String] = [], extraArguments: [String] = []) {
            self.hubs = hubs
            self.faults = faults
            self.bearerTokens = bearerTokens
            self.extraArguments = extraArguments
        }

        var arguments: [String] {
            var args: [String] = []
            for hub in hubs { args += ["--hub", hub] }
            for fault in faults { args += ["--fault", fault] }
            for (name, key) in eventHubsPolicies.sorted(by: { $0.key < $1.key }) { args += ["--eventhub-policy", "\(name):\(key)"] }
            for (name, key) in accounts.sorted(by: { $0.key < $1.key }) { args += ["--account", "\(name):\(key)"] }
            for token in bearerTokens { args += ["--bearer-token", token] }
            return args + extraArguments
        }
    }

    let logFile: URL
    private let process: TestServerProcess

    init(_ options: Options = Options()) throws {
        logFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("azure-server-\(UUID().uuidString).log")
        process = try TestServerProcess(script: "azure_server.py", arguments: options.arguments + ["--log", logFile.path])
    }

    deinit {
        try? FileManager.default.removeItem(at: logFile)
    }

    var port: Int { process.port }

    /// `http://127.0.0.1:PORT/devstoreaccount1`: container URLs are this plus `/{container}`.
    var blobEndpoint: String { "http://127.0.0.1:\(port)/\(Self.accountName)" }

    var storageConnectionString: String {
        "DefaultEndpointsProtocol=http;AccountName=\(Self.accountName);AccountKey=\(Self.accountKey);"
            + "BlobEndpoint=\(blobEndpoint);"
    }

    /// `sb://127.0.0.1:PORT/`: Event Hubs paths (`/{hub}?api-version=..`) hang off the root.
    var eventHubsEndpoint: String { "sb://127.0.0.1:\(port)/" }

    func eventHubsConnectionString(hub: String? = nil, policy: String = AzureTestServer.eventHubsPolicy,
                                   key: String = AzureTestServer.eventHubsKey) -> String {
        var text = "Endpoint=\(eventHubsEndpoint);SharedAccessKeyName=\(policy);SharedAccessKey=\(key)"
        if let hub { text += ";EntityPath=\(hub)" }
        return text + ";UseDevelopmentEmulator=true"
    }

    // MARK: Seeding with the real Azure SDK

    /// KEDA's checkpoint strategies plus the verbatim-case v5 layout Go and Dapr write.
    enum CheckpointLayout: String {
        case blobMetadata, blobMetadataVerbatim, azureFunction, goSdk, dapr, `default`, defaultPython
    }

    struct SeededCheckpoint: Decodable, Equatable {
        let container: String
        let blob: String
        let partition: String
        let sequence: Int64
        let strategy: String
    }

    /// Writes checkpoints with seed_checkpoints.py (azure-storage-blob / azure-eventhub-checkpointstoreblob)
    /// and returns what was written, one entry per partition. `connectionString` picks another account
    /// than the well-known one.
    @discardableResult
    func seed(_ layout: CheckpointLayout, connectionString: String? = nil, container: String = "checkpoints",
              namespace: String = "ns.servicebus.windows.net", hub: String = "hub",
              consumerGroup: String = "$Default", sequences: [String: Int64],
              offsets: [String: String] = [:], caFile: String? = nil) throws -> [SeededCheckpoint] {
        func pairs<V>(_ values: [String: V]) -> String {
            values.sorted { ($0.key.count, $0.key) < ($1.key.count, $1.key) }.map { "\($0.key)=\($0.value)" }
                .joined(separator: ",")
        }
        let account = connectionString.map { ["--connection-string", $0] } ?? ["--endpoint", blobEndpoint]
        var args = account + ["--container", container, "--strategy", layout.rawValue,
                    "--namespace", namespace, "--hub", hub, "--consumer-group", consumerGroup,
                    "--sequence", pairs(sequences)]
        if !offsets.isEmpty { args += ["--offset", pairs(offsets)] }
        // Over TLS the SDK (requests) trusts the test CA the way users point it at theirs.
        let output = try Self.runPython(script: "seed_checkpoints.py", arguments: args,
                                        environment: caFile.map { ["REQUESTS_CA_BUNDLE": $0] } ?? [:])
        return try output.split(separator: "\n").map {
            try JSONDecoder().decode(SeededCheckpoint.self, from: Data($0.utf8))
        }
    }

    // MARK: The request log

    struct LoggedRequest: Decodable, Equatable {
        let seq: Int
        let service: String  // blob | eventhubs
        let method: String
        let path: String  // as sent, still percent-encoded
        let query: [String: String]  // decoded; `sig` is REDACTED
        let status: Int?  // nil when a `drop` fault closed the connection
        let auth: String?  // sharedkey, sas-account, sas-service, bearer, eventhubs-sas, anonymous
        let operation: String?  // ListBlobs, GetBlob, GetBlobProperties, PutBlob, GetPartition, ...
        let error: String?  // x-ms-error-code, or the Event Hubs status
        let version: String?  // x-ms-version or api-version
        let fault: String?
    }

    /// Every Azure request so far, in arrival order (admin calls are not included).
    func requestLog() throws -> [LoggedRequest] {
        let text = try String(contentsOf: logFile, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(LoggedRequest.self, from: Data($0.utf8)) }
    }

    func methodsSeen() throws -> Set<String> {
        Set(try requestLog().map(\.method))
    }

    // MARK: Runtime control (the /__admin endpoints, reached through python3 since no Swift client exists yet)

    func clearLog() throws { _ = try admin("DELETE", "log") }

    /// Replaces the active faults, e.g. `["drop:first=1"]`; an empty list clears them.
    func setFaults(_ faults: [String]) throws {
        let body = try JSONSerialization.data(withJSONObject: faults)
        _ = try admin("PUT", "faults", body: String(decoding: body, as: UTF8.self))
    }

    /// Adds or replaces a hub, e.g. `setHub("orders", json: #"{"partitions": 2, "last": [5, 9]}"#)`.
    func setHub(_ name: String, json: String) throws {
        _ = try admin("PUT", "hubs/\(name)", body: json)
    }

    @discardableResult
    func admin(_ method: String, _ path: String, body: String = "") throws -> String {
        let code = """
            import sys, urllib.request
            r = urllib.request.Request(sys.argv[1], data=sys.argv[3].encode() or None, method=sys.argv[2])
            r.add_header("Content-Type", "application/json")
            print(urllib.request.urlopen(r, timeout=10).read().decode())
            """
        return try Self.runPython(arguments: ["-c", code, "http://127.0.0.1:\(port)/__admin/\(path)", method, body])
    }

    // MARK: Plumbing

    struct ScriptFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    private static func runPython(script: String? = nil, arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let scriptPath = script.map { [TestServerProcess.supportDirectory.appendingPathComponent($0).path] } ?? []
        process.arguments = ["python3"] + scriptPath + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let lastLines = String(decoding: errors, as: UTF8.self).split(separator: "\n").suffix(5).joined(separator: "\n")
            throw ScriptFailed(message: "python3 \(script ?? "-c") failed (\(process.terminationStatus)):\n\(lastLines)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
