import Foundation
import ServerlessSupport

/// Partition ids and per-partition sequence numbers from the Event Hubs REST runtime endpoints:
/// `GET {base}{hub}?api-version=2014-01` and
/// `GET {base}{hub}/consumergroups/{cg}/partitions/{id}?api-version=2015-01`, all partitions at once.
public struct EventHubsRuntimeClient: Sendable {
    public enum Credential: Sendable {
        /// A SAS token is made per request from the key (raw UTF-8), valid for an hour.
        case sharedAccessKey(name: String, key: Secret)
        /// A ready `SharedAccessSignature ...` token, sent as is.
        case sharedAccessSignature(Secret)
        /// An Entra ID token for `https://eventhubs.azure.net/.default`.
        case bearer(Secret)
    }

    public let namespace: String
    public let eventHub: String
    public let consumerGroup: String
    /// Ends with `/`: `https://{namespace}/` unless overridden or the emulator.
    public let baseURL: String
    private let credential: Credential
    private let http: any HTTPClient
    private let clock: @Sendable () -> Date

    public init(namespace: String, eventHub: String, consumerGroup: String = "$Default", credential: Credential,
                http: any HTTPClient, baseURL: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.namespace = namespace
        self.eventHub = eventHub
        self.consumerGroup = consumerGroup
        let base = baseURL ?? "https://\(namespace)/"
        self.baseURL = base.hasSuffix("/") ? base : base + "/"
        self.credential = credential
        self.http = http
        self.clock = clock
    }

    /// From a connection string: the hub is `eventHub` or else EntityPath; `endpointOverride`
    /// (`--eventhub-endpoint`) wins over the emulator's `http://host:port/`, which wins over `https://{ns}/`.
    public init(connection: EventHubsConnectionString, eventHub: String? = nil, consumerGroup: String = "$Default",
                endpointOverride: String? = nil, http: any HTTPClient,
                clock: @escaping @Sendable () -> Date = { Date() }) throws {
        guard let hub = eventHub ?? connection.entityPath, !hub.isEmpty else {
            throw ConnectionStringError(.eventHubs, .missing("EntityPath, and no event hub name was given"))
        }
        let credential: Credential
        if let name = connection.sharedAccessKeyName, let key = connection.sharedAccessKey {
            credential = .sharedAccessKey(name: name, key: key)
        } else if let token = connection.sharedAccessSignature {
            credential = .sharedAccessSignature(token)
        } else {
            throw ConnectionStringError(.eventHubs, .missing("SharedAccessKey or SharedAccessSignature"))
        }
        let base = endpointOverride
            ?? (connection.useDevelopmentEmulator ? "http://\(connection.fullyQualifiedNamespace)/" : nil)
        self.init(namespace: connection.fullyQualifiedNamespace, eventHub: hub, consumerGroup: consumerGroup,
                  credential: credential, http: http, baseURL: base, clock: clock)
    }

    package var hubURL: String { baseURL + PercentEncoding.pathSegment(eventHub) }

    package func partitionURL(_ id: String) -> String {
        "\(hubURL)/consumergroups/\(PercentEncoding.pathSegment(consumerGroup))/partitions/\(PercentEncoding.pathSegment(id))?api-version=2015-01"
    }

    /// The SAS audience: the hub on the namespace, whatever URL the request goes to, so a token
    /// made for a proxy or test endpoint is the one Azure would accept.
    package var tokenResource: String { "https://\(namespace)/\(eventHub)" }

    package func request(_ url: String) -> HTTPRequest {
        let authorization: String
        switch credential {
        case let .sharedAccessKey(name, key):
            authorization = EventHubsSAS.token(resource: tokenResource, keyName: name, key: key,
                                               expiry: clock().addingTimeInterval(3600)).value
        case let .sharedAccessSignature(token):
            authorization = token.value
        case let .bearer(token):
            authorization = "Bearer \(token.value)"
        }
        return HTTPRequest(method: .get, url: url, headers: [
            ("Authorization", authorization), ("User-Agent", BuildInfo.userAgent),
        ])
    }

    public func partitionIds() async throws -> [String] {
        let response = try await http.send(request(hubURL + "?api-version=2014-01"))
        let body = try check(response, partitionId: nil)
        do {
            let ids = try EventHubsAtom.partitionIds(body, source: "the Event Hubs description of '\(eventHub)'")
            guard !ids.isEmpty else { throw error(.unexpectedResponse("no partition ids"), nil) }
            return ids
        } catch let failure as EventHubsAtom.Failure {
            throw error(failure, nil)
        }
    }

    public func partition(_ id: String) async throws -> PartitionRuntimeInfo {
        try parsePartition(try await http.send(request(partitionURL(id))), id: id)
    }

    /// Every partition's runtime information in two requests: the hub's description (the partition ids, in
    /// order) and the feed of all partitions, together. Partitions the feed lacks, or all of them when the
    /// feed fails, are asked for one by one, all at once.
    public func allPartitions() async throws -> [PartitionRuntimeInfo] {
        async let feed = try? partitionsFeed()
        let ids = try await partitionIds()
        let fromFeed = await feed ?? [:]
        let missing = ids.filter { fromFeed[$0] == nil }
        let results = await http.sendAll(missing.map { request(partitionURL($0)) })
        var fetched: [String: PartitionRuntimeInfo] = [:]
        for (id, result) in zip(missing, results) { fetched[id] = try parsePartition(try result.get(), id: id) }
        return ids.map { fromFeed[$0] ?? fetched[$0]! }
    }

    private func partitionsFeed() async throws -> [String: PartitionRuntimeInfo] {
        let url = "\(hubURL)/consumergroups/\(PercentEncoding.pathSegment(consumerGroup))/partitions?api-version=2015-01"
        let body = try check(try await http.send(request(url)), partitionId: nil)
        return try EventHubsAtom.partitionsFeed(body, source: "the Event Hubs partitions of '\(eventHub)'")
    }

    private func parsePartition(_ response: HTTPResponse, id: String) throws -> PartitionRuntimeInfo {
        let body = try check(response, partitionId: id)
        do {
            return try EventHubsAtom.partition(body, partitionId: id, source: "the Event Hubs description of partition \(id)")
        } catch let failure as EventHubsAtom.Failure {
            throw error(failure, id)
        }
    }

    private func check(_ response: HTTPResponse, partitionId: String?) throws -> [UInt8] {
        guard response.isSuccess else {
            var error = EventHubsError.from(response, namespace: namespace, eventHub: eventHub, partitionId: partitionId)
            // A partition's 404 once the hub answered: its consumer group is what does not exist.
            if partitionId != nil, case let .notFound(detail) = error.kind {
                error = EventHubsError(kind: .consumerGroupNotFound(consumerGroup, detail: detail), namespace: namespace, eventHub: eventHub)
            }
            if case .bearer = credential { error.byToken = true }
            throw error
        }
        return response.body
    }

    private func error(_ kind: EventHubsError.Kind, _ partitionId: String?) -> EventHubsError {
        EventHubsError(kind: kind, namespace: namespace, eventHub: eventHub, partitionId: partitionId)
    }

    private func error(_ failure: EventHubsAtom.Failure, _ partitionId: String?) -> EventHubsError {
        switch failure {
        case .emptyFeed:
            return partitionId == nil ? error(.notFound(detail: nil), nil) : error(.consumerGroupNotFound(consumerGroup, detail: nil), nil)
        case let .missing(what):
            return error(.unexpectedResponse("no \(what)"), partitionId)
        case let .notANumber(element):
            return error(.unexpectedResponse("a \(element) that is not an integer"), partitionId)
        }
    }
}
