import ServerlessSupport

/// Event Hubs answered a runtime-information request with an error, or with something unusable.
/// Category `.remote`. Messages name the namespace and hub, never a key or token.
public struct EventHubsError: UserFacingError, Equatable {
    public enum Kind: Equatable, Sendable {
        /// 401: the SAS or token was refused (wrong key, expired, wrong audience).
        case unauthorized(detail: String?)
        /// 403: authenticated but lacks the Listen/Manage claim or a data-plane role.
        case forbidden(detail: String?)
        /// 404, or Service Bus's empty feed for an entity that does not exist.
        case notFound(detail: String?)
        /// 404 under `consumergroups/{name}` of a hub that exists.
        case consumerGroupNotFound(String, detail: String?)
        case throttled
        case other(status: Int, detail: String?)
        /// A 2xx whose body lacks what we asked for.
        case unexpectedResponse(String)
    }

    public let kind: Kind
    public let namespace: String
    public let eventHub: String
    public let partitionId: String?
    /// The request carried an Entra ID token: a refusal then means the audience or the role.
    public var byToken = false

    public init(kind: Kind, namespace: String, eventHub: String, partitionId: String? = nil) {
        self.kind = kind
        self.namespace = namespace
        self.eventHub = eventHub
        self.partitionId = partitionId
    }

    public var category: FailureCategory { .remote }

    private var subject: String {
        let hub = "event hub '\(eventHub)' in namespace '\(namespace)'"
        return partitionId.map { "partition \($0) of \(hub)" } ?? hub
    }

    public var message: String {
        func with(_ detail: String?) -> String { detail.map { ": \($0)" } ?? "" }
        switch kind {
        case let .unauthorized(detail): return "Event Hubs refused the credentials for \(subject) (401)\(with(detail))\(tokenRemedy)"
        case let .forbidden(detail): return "Event Hubs does not allow reading runtime information of \(subject) (403)\(with(detail))\(tokenRemedy)"
        case let .notFound(detail) where partitionId == nil:
            return "event hub \"\(eventHub)\" does not exist in namespace \"\(namespace)\"\(with(detail))"
        case let .notFound(detail): return "\(subject) was not found\(with(detail))"
        case let .consumerGroupNotFound(group, detail):
            return "consumer group \"\(group)\" does not exist in hub \"\(eventHub)\" of namespace \"\(namespace)\"\(with(detail))"
        case .throttled: return "Event Hubs is throttling requests for \(subject); retries were exhausted"
        case let .other(status, detail): return "reading runtime information of \(subject) failed: HTTP \(status)\(with(detail))"
        case let .unexpectedResponse(what): return "Event Hubs answered for \(subject) with \(what)"
        }
    }

    private var tokenRemedy: String {
        byToken ? "; the token's identity needs the '\(TokenAudience.eventHubs.readerRole)' role on the namespace or event hub (audience \(TokenAudience.eventHubs.resource))" : ""
    }

    public var hint: String? {
        switch kind {
        case .unauthorized where byToken, .forbidden where byToken:
            "assign the role with 'az role assignment create --role \"\(TokenAudience.eventHubs.readerRole)\" --assignee <identity> --scope <namespace id>', or pass --partition-info FILE"
        case .unauthorized, .forbidden:
            "check SharedAccessKeyName/SharedAccessKey (a policy with Listen or Manage) or pass --partition-info FILE"
        case .notFound:
            "check the event hub name (EntityPath or --eventhub-name), or pass --partition-info FILE"
        case .consumerGroupNotFound:
            "check consumerGroup (--consumer-group; KEDA's default is $Default), or pass --partition-info FILE"
        default:
            "the REST runtime endpoints are legacy; to read the checkpoints without them, pass --partition-info FILE"
        }
    }

    /// `<Error><Code>401</Code><Detail>...</Detail></Error>`; the HTTP status decides the kind.
    package static func from(_ response: HTTPResponse, namespace: String, eventHub: String, partitionId: String?) -> EventHubsError {
        let body = ErrorBody.parse(response.body)
        let detail = displayableServerText(body?.detail ?? body?.message)
        let kind: Kind
        switch response.status {
        case 401: kind = .unauthorized(detail: detail)
        case 403: kind = .forbidden(detail: detail)
        case 404, 410: kind = .notFound(detail: detail)
        case 429, 503: kind = .throttled
        default: kind = .other(status: response.status, detail: detail)
        }
        return EventHubsError(kind: kind, namespace: namespace, eventHub: eventHub, partitionId: partitionId)
    }
}
