import Foundation
import ServerlessSupport

/// The real `HTTPClient`: libcurl, many requests in flight over one multi handle, retries per
/// `RetryPolicy`, one `-v` line per attempt. Exactly the request goes on the wire (no Date,
/// Expect or default Content-Type header; the URL's encoding untouched).
public final class CurlTransport: HTTPClient {
    public let options: TransportOptions
    private let loop: CurlMultiLoop
    private let schedule: RetrySchedule
    /// `SSL_CERT_FILE`: the system bundle's stand-in when no CA is configured.
    private let systemCAFile: String?

    public convenience init(options: TransportOptions) throws {
        try self.init(options: options, schedule: RetrySchedule(policy: options.retry),
                      environment: ProcessInfo.processInfo.environment)
    }

    /// Tests pass a schedule with fixed jitter and their own environment.
    package init(options: TransportOptions, schedule: RetrySchedule, environment: [String: String]) throws {
        guard options.maxConcurrentRequests >= 1 else {
            throw TransportError(method: "-", url: "-", reason: .invalidOptions(detail: "maxConcurrentRequests must be at least 1"))
        }
        guard options.maxResponseBytes >= 0 else {
            throw TransportError(method: "-", url: "-", reason: .invalidOptions(detail: "maxResponseBytes must not be negative"))
        }
        self.options = options
        self.schedule = schedule
        systemCAFile = environment["SSL_CERT_FILE"]
        do {
            loop = try CurlMultiLoop(maxActive: options.maxConcurrentRequests)
        } catch let failure as CurlTransfer.SetupFailure {
            throw TransportError(method: "-", url: "-", reason: failure.reason)
        }
    }

    deinit { loop.shutdown() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let clock = ContinuousClock()
        let started = clock.now
        let label = "\(request.method.rawValue) \(Redact.url(request.url))"
        var attempts = 0
        while true {
            try Task.checkCancellation()
            attempts += 1
            let attemptStarted = clock.now
            let outcome = try await attempt(request)
            let took = (clock.now - attemptStarted).shortText
            let delay: Duration
            let cause: String
            switch outcome {
            case .response(let response):
                log("\(label) -> \(response.status) (\(took))")
                guard RetryPolicy.retryableStatuses.contains(response.status),
                      let next = schedule.nextDelay(attemptsMade: attempts, elapsed: clock.now - started,
                                                    retryAfter: RetryAfter.delay(response.header("Retry-After")))
                else { return response }
                delay = next
                cause = "\(response.status)"
            case .failed(let reason):
                log("\(label) -> error: \(reason.text) (\(took))")
                guard reason.isRetryable(idempotent: request.idempotent),
                      let next = schedule.nextDelay(attemptsMade: attempts, elapsed: clock.now - started, retryAfter: nil)
                else { throw TransportError(method: request.method.rawValue, url: request.url, reason: reason, attempts: attempts) }
                delay = next
                cause = reason.shortText
            }
            log("\(label) retrying in \(delay.shortText) after \(cause) (attempt \(attempts + 1) of \(options.retry.maxAttempts))")
            try await Task.sleep(for: delay)
        }
    }

    /// One attempt: a response (any status) or why there was none. Throws only on cancellation.
    private func attempt(_ request: HTTPRequest) async throws -> AttemptResult {
        let transfer: CurlTransfer
        do {
            transfer = try CurlTransfer(request: request, options: options, systemCAFile: systemCAFile)
        } catch let failure as CurlTransfer.SetupFailure {
            return .failed(failure.reason)
        }
        let loop = self.loop
        let outcome = await withTaskCancellationHandler {
            await transfer.outcome { loop.start(transfer) }
        } onCancel: {
            loop.cancel(transfer)
        }
        switch outcome {
        case .response(let response):
            return .response(response)
        case .cancelled:
            throw CancellationError()
        case .failure(let failure):
            let context = CurlFailure.Context(
                authority: URLAuthority(request.url), requestTimeout: request.timeout ?? options.requestTimeout,
                connectTimeout: options.connectTimeout, stallTimeout: options.stallTimeout,
                maxResponseBytes: options.maxResponseBytes)
            return .failed(failure.reason(in: context))
        }
    }

    private enum AttemptResult {
        case response(HTTPResponse)
        case failed(TransportError.Reason)
    }

    private func log(_ line: String) {
        options.log?.write(line)
    }
}
