import Foundation
@testable import ServerlessIO
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// A scratch directory removed when the test ends.
final class TempDir: @unchecked Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "kube-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }

    func environment(_ variables: [String: String] = [:], home: String? = nil) -> KubeEnvironment {
        KubeEnvironment(variables: variables, home: home ?? path + "/home", currentDirectory: path,
                        serviceAccountDirectory: path + "/serviceaccount")
    }
}

/// Answers requests from a script: a handler per request, every request recorded.
final class FakeHTTPClient: HTTPClient, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let handler: @Sendable (HTTPRequest) throws -> HTTPResponse

    init(_ handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) { self.handler = handler }

    var requests: [HTTPRequest] { lock.withLock { recorded } }
    var paths: [String] { requests.map { String($0.url.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { recorded.append(request) }
        return try handler(request)
    }
}

extension HTTPResponse {
    static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
    }

    static func status(_ code: Int, reason: String, message: String) -> HTTPResponse {
        .json(#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\#(message)","reason":"\#(reason)","code":\#(code)}"#,
              status: code)
    }
}

/// Everything a `UserFacingError` could show.
func shownText(_ error: Error) -> String {
    if let error = error as? UserFacingError { return error.message + " " + (error.hint ?? "") + " " + "\(error)" }
    return "\(error)"
}
