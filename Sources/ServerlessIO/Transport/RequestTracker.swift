import Foundation
import ServerlessSupport

/// Counts a command's requests as they start and end, and knows which are still pending: what the
/// progress line shows (done/total) and what a command that runs out of time names.
public final class RequestTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var started = 0
    private var finished = 0
    private var pending: [Int: String] = [:]

    public init() {}

    /// Requests done and requests started so far.
    public var progress: (done: Int, total: Int) {
        lock.withLock { (finished, started) }
    }

    /// The requests still waiting for an answer, oldest first: method and URL without its query.
    public var pendingRequests: [String] {
        lock.withLock { pending.sorted { $0.key < $1.key }.map(\.value) }
    }

    package func start(_ request: HTTPRequest) -> Int {
        let shown = "\(request.method.rawValue) \(request.url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "")"
        return lock.withLock {
            started += 1
            pending[started] = shown
            return started
        }
    }

    package func end(_ id: Int) {
        lock.withLock {
            finished += 1
            pending[id] = nil
        }
    }
}

/// An `HTTPClient` that tells a `RequestTracker` about every request it sends.
public struct TrackedHTTPClient: HTTPClient {
    package let inner: any HTTPClient
    package let tracker: RequestTracker

    public init(_ inner: any HTTPClient, tracker: RequestTracker) {
        self.inner = inner
        self.tracker = tracker
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = tracker.start(request)
        defer { tracker.end(id) }
        return try await inner.send(request)
    }
}

/// The bound on a whole command: without `--request-timeout`, a command gives up after this long and
/// says what it was still waiting for, whatever the servers do (a body trickled at 1 byte/s is not a stall).
public struct CommandDeadline: Sendable {
    public static let withoutRequestTimeout = Duration.seconds(120)

    public struct Exceeded: UserFacingError {
        public let after: Duration
        public let pending: [String]
        public var category: FailureCategory { .remote }
        public var message: String {
            let waiting = pending.isEmpty ? "" : ": still waiting for " + pending.prefix(3).joined(separator: ", ")
                + (pending.count > 3 ? " and \(pending.count - 3) more" : "")
            return "gave up after \(after.shortText)\(waiting)"
        }
        public var hint: String? { "the servers answer too slowly; --request-timeout sets a bound of your own (0 for none)" }
    }

    public let limit: Duration
    public let tracker: RequestTracker

    public init(limit: Duration, tracker: RequestTracker) {
        self.limit = limit
        self.tracker = tracker
    }

    /// Runs `operation`; when it has not ended within `limit`, throws `Exceeded` naming the pending requests
    /// without waiting for it (the caller exits; the transfers die with the process).
    public func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let box = FirstOutcome<T>()
        let work = Task {
            do { await box.settle(with: .success(try await operation())) } catch { await box.settle(with: .failure(error)) }
        }
        let timer = Task { [limit, tracker] in
            try? await Task.sleep(for: limit)
            await box.settle(with: .failure(Exceeded(after: limit, pending: tracker.pendingRequests)))
        }
        let outcome = await box.value
        timer.cancel()
        _ = work
        return try outcome.get()
    }
}

/// The first of several results to arrive; later ones are dropped.
private actor FirstOutcome<T: Sendable> {
    private var outcome: Result<T, Error>?
    private var waiters: [CheckedContinuation<Result<T, Error>, Never>] = []

    func settle(with result: Result<T, Error>) {
        guard outcome == nil else { return }
        outcome = result
        for waiter in waiters { waiter.resume(returning: result) }
        waiters = []
    }

    var value: Result<T, Error> {
        get async {
            if let outcome { return outcome }
            return await withCheckedContinuation { waiters.append($0) }
        }
    }
}
