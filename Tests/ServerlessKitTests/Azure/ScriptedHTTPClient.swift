import Foundation
@testable import ServerlessIO

/// An HTTPClient that answers from a script and records every request it was given.
final class ScriptedHTTPClient: HTTPClient, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let respond: @Sendable (HTTPRequest) throws -> HTTPResponse

    init(_ respond: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        self.respond = respond
    }

    /// Answers in order, one response per request.
    convenience init(responses: [HTTPResponse]) {
        let queue = ResponseQueue(responses)
        self.init { _ in queue.next() }
    }

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { recorded.append(request) }
        return try respond(request)
    }
}

final class ResponseQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [HTTPResponse]
    init(_ responses: [HTTPResponse]) { self.responses = responses }
    func next() -> HTTPResponse {
        lock.withLock { responses.isEmpty ? HTTPResponse(status: 599) : responses.removeFirst() }
    }
}

extension HTTPResponse {
    static func xml(_ status: Int = 200, _ text: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/xml")] + headers, body: Array(text.utf8))
    }
}

/// 2025-11-22T10:00:00Z, the x-ms-date of the Shared Key vectors.
let vectorClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_763_805_600) }
