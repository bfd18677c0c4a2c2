import Foundation

/// A Python test server from Tests/Support run for the length of a test. The script must print
/// `READY <port>` on stdout once it listens on 127.0.0.1 (port 0 asks the OS for a free one).
final class TestServerProcess: @unchecked Sendable {
    let port: Int
    private let process: Process

    static var supportDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // ServerlessKitTests
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("Support")
    }

    init(script: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", Self.supportDirectory.appendingPathComponent(script).path] + arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        self.process = process

        var line = ""
        let handle = stdout.fileHandleForReading
        while !line.hasPrefix("READY ") || !line.hasSuffix("\n") {
            let chunk = handle.readData(ofLength: 1)
            if chunk.isEmpty {
                process.waitUntilExit()
                throw ServerFailed(message: "\(script) exited before it was ready: \(line)")
            }
            line += String(decoding: chunk, as: UTF8.self)
            if line.hasSuffix("\n") && !line.hasPrefix("READY ") { line = "" }
        }
        guard let port = Int(line.dropFirst("READY ".count).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ServerFailed(message: "\(script) printed a bad READY line: \(line)")
        }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit {
        // SIGKILL: the test runner blocks SIGTERM, and children inherit the blocked mask.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    struct ServerFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
