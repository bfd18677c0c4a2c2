import CCurl
import Foundation

/// What libcurl said when a transfer failed, turned into a `TransportError.Reason`. Pure.
package struct CurlFailure {
    package var code: Int
    /// libcurl's error buffer (never holds header values or the query string).
    package var text: String
    /// errno of the failed socket call, for "connection refused" and friends.
    package var osErrno: Int32 = 0
    /// Our write callback stopped the transfer because the body passed the cap.
    package var bodyTooLarge = false

    package struct Context {
        package var authority: URLAuthority?
        package var requestTimeout: Duration?
        package var connectTimeout: Duration
        package var stallTimeout: Duration?
        package var maxResponseBytes: Int
    }

    package func reason(in context: Context) -> TransportError.Reason {
        let endpoint = context.authority?.endpoint ?? "the server"
        switch UInt32(code) {
        case CURLE_UNSUPPORTED_PROTOCOL.rawValue, CURLE_URL_MALFORMAT.rawValue:
            return .invalidURL
        case CURLE_COULDNT_RESOLVE_HOST.rawValue:
            return .couldNotResolve(host: context.authority?.host ?? "")
        case CURLE_COULDNT_RESOLVE_PROXY.rawValue:
            return .couldNotConnect(endpoint: "the proxy", detail: text)
        case CURLE_COULDNT_CONNECT.rawValue:
            return .couldNotConnect(endpoint: endpoint, detail: osErrno != 0 ? String(cString: strerror(osErrno)) : "")
        case CURLE_OPERATION_TIMEDOUT.rawValue:
            if text.hasPrefix("Connection timed out") || text.hasPrefix("Resolving timed out")
                || text.hasPrefix("Failed to connect") {
                return .couldNotConnect(endpoint: endpoint, detail: "no answer within \(context.connectTimeout.shortText)")
            }
            if text.hasPrefix("Operation too slow"), let stall = context.stallTimeout {
                return .stalled(for: stall)
            }
            return .timedOut(after: context.requestTimeout ?? context.stallTimeout ?? context.connectTimeout)
        case CURLE_PEER_FAILED_VERIFICATION.rawValue:
            return .tlsVerificationFailed(detail: Self.dropPrefix("SSL certificate problem: ", from: text))
        case CURLE_SSL_CACERT_BADFILE.rawValue:
            return .invalidOptions(detail: "could not load the CA certificates (\(text))")
        case CURLE_SSL_CERTPROBLEM.rawValue, CURLE_SSL_CIPHER.rawValue:
            return .clientCertificateUnusable(detail: text)
        case CURLE_SSL_CONNECT_ERROR.rawValue:
            return .tlsHandshakeFailed(detail: text)
        case CURLE_RECV_ERROR.rawValue:
            // With TLS 1.3 a server refusing our client certificate answers with an alert after the
            // handshake looked done: that is a TLS failure, not a flaky connection.
            if text.contains("alert") { return .tlsHandshakeFailed(detail: text) }
            return .connectionReset
        case CURLE_SEND_ERROR.rawValue, CURLE_HTTP2.rawValue, CURLE_HTTP2_STREAM.rawValue:
            return .connectionReset
        case CURLE_GOT_NOTHING.rawValue:
            return .emptyReply
        case CURLE_PARTIAL_FILE.rawValue:
            return .truncatedBody(detail: text)
        case CURLE_FILESIZE_EXCEEDED.rawValue:
            return .responseTooLarge(limit: context.maxResponseBytes)
        case CURLE_WRITE_ERROR.rawValue where bodyTooLarge:
            return .responseTooLarge(limit: context.maxResponseBytes)
        default:
            return .other(code: code, detail: text)
        }
    }

    private static func dropPrefix(_ prefix: String, from text: String) -> String {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
