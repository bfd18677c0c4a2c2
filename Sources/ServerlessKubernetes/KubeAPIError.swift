import ServerlessIO
import ServerlessSupport

/// The API server could not be reached, refused us, or answered with a `Status` error.
/// Messages are the server's own where it gave one (they name kinds and users, never credentials).
public enum KubeAPIError: UserFacingError, Equatable {
    case unreachable(server: String, reason: String)
    case unauthorized(server: String)
    /// 403, with the server's message (`secrets is forbidden: User "x" cannot list ...`).
    case forbidden(message: String)
    case notFound(message: String)
    /// Any other non-2xx `Status`: code, reason (`Gone`, `TooManyRequests`), message.
    case status(code: Int, reason: String?, message: String)
    case badResponse(path: String, reason: String)

    public var category: FailureCategory { .remote }

    public var message: String {
        switch self {
        case let .unreachable(server, reason):
            return "unable to connect to the server \(server): \(reason)"
        case let .unauthorized(server):
            return "the server \(server) refused the credentials: You must be logged in to the server (Unauthorized)"
        case let .forbidden(message):
            return message
        case let .notFound(message):
            return message
        case let .status(code, reason, message):
            return message.isEmpty ? "the server answered \(code)\(reason.map { " \($0)" } ?? "")" : message
        case let .badResponse(path, reason):
            return "unexpected answer from the server for \(path): \(reason)"
        }
    }

    public var hint: String? {
        switch self {
        case .unreachable: return "check the cluster address (`kubectl config view --minify`), the network and any proxy"
        case .unauthorized: return "log in again or refresh the token or certificate of the kubeconfig user"
        case .forbidden: return "ask for read access (get/list) to it, or use --as to impersonate a user who has it"
        default: return nil
        }
    }

    package var isForbidden: Bool { if case .forbidden = self { return true } else { return false } }

    /// Maps an error response to a typed error, using the `Status` body when there is one.
    package static func from(_ response: HTTPResponse, server: String, path: String) -> KubeAPIError {
        let status = try? JSON.parse(response.body)
        let message = status?["message"].string ?? ""
        let reason = status?["reason"].string
        switch response.status {
        case 401: return .unauthorized(server: server)
        case 403: return .forbidden(message: message.isEmpty ? "forbidden: \(path)" : message)
        case 404: return .notFound(message: message.isEmpty ? "the server could not find the requested resource (\(path))" : message)
        default: return .status(code: response.status, reason: reason, message: message)
        }
    }
}
