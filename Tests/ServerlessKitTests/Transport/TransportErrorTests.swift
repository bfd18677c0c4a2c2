import Testing
@testable import ServerlessIO

@Suite struct TransportErrorTests {
    @Test func messageNamesMethodRedactedURLAndCause() {
        let error = TransportError(method: "GET", url: "https://a.blob.core.windows.net/c?sv=1&sig=SECRET",
                                   reason: .connectionReset, attempts: 4)
        #expect(error.message == "GET https://a.blob.core.windows.net/c?sv=1&sig=REDACTED: connection reset by the server (gave up after 4 attempts)")
        #expect(error.category == .remote)
        #expect(!String(describing: error).contains("SECRET"))
    }

    @Test func sizesReadAsUsersWriteThem() {
        #expect(TransportError.Reason.responseTooLarge(limit: 64 << 20).text == "response larger than the 64 MiB cap")
        #expect(TransportError.Reason.responseTooLarge(limit: 1000).text == "response larger than the 1000 bytes cap")
    }

    @Test func onlyConnectionFailuresAreRetriedAndResetsOnlyWhenIdempotent() {
        #expect(TransportError.Reason.couldNotConnect(endpoint: "h:1", detail: "").isRetryable(idempotent: false))
        #expect(TransportError.Reason.connectionReset.isRetryable(idempotent: true))
        #expect(!TransportError.Reason.connectionReset.isRetryable(idempotent: false))
        #expect(!TransportError.Reason.tlsVerificationFailed(detail: "x").isRetryable(idempotent: true))
        #expect(!TransportError.Reason.timedOut(after: .seconds(1)).isRetryable(idempotent: true))
    }

    @Test func curlTimeoutsAreToldApart() {
        let context = CurlFailure.Context(authority: URLAuthority("https://h:6443/"), requestTimeout: .seconds(5),
                                          connectTimeout: .seconds(10), stallTimeout: .seconds(30), maxResponseBytes: 1)
        let connect = CurlFailure(code: 28, text: "Connection timed out after 10001 milliseconds")
        #expect(connect.reason(in: context) == .couldNotConnect(endpoint: "h:6443", detail: "no answer within 10 s"))
        let slow = CurlFailure(code: 28, text: "Operation too slow. Less than 1 bytes/sec transferred the last 30 seconds")
        #expect(slow.reason(in: context) == .stalled(for: .seconds(30)))
        let whole = CurlFailure(code: 28, text: "Operation timed out after 5000 milliseconds with 0 bytes received")
        #expect(whole.reason(in: context) == .timedOut(after: .seconds(5)))
    }
}
