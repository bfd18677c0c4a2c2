import Foundation
import ServerlessIO
import ServerlessSupport

/// Read-only Kubernetes API client: discovery, paged lists, gets. Sends only GET requests.
public final class KubeAPIClient: Sendable {
    public let config: KubeClientConfig
    public let authenticator: KubeAuthenticator
    private let transports: TransportCache
    /// Items per list page (kubectl's default chunk size).
    public let pageSize: Int

    /// `makeTransport` builds the HTTP client for the given options (the CLI passes `CurlTransport`);
    /// it is called again when an exec plugin hands out a new client certificate.
    public init(config: KubeClientConfig, baseOptions: TransportOptions = TransportOptions(),
                environment: [String: String] = ProcessInfo.processInfo.environment, pageSize: Int = 500,
                now: @escaping @Sendable () -> Date = { Date() },
                makeTransport: @escaping @Sendable (TransportOptions) throws -> any HTTPClient) {
        self.config = config
        self.authenticator = KubeAuthenticator(config: config, environment: environment, now: now)
        self.transports = TransportCache(options: config.transportOptions(base: baseOptions), make: makeTransport)
        self.pageSize = pageSize
    }

    // MARK: - Requests

    /// GET `path?query` with credentials; one retry with fresh exec credentials after a 401.
    /// Returns any response the server gave; throws only when none could be had.
    public func get(path: String, query: [(String, String)] = []) async throws -> HTTPResponse {
        var url = config.server + path
        if !query.isEmpty { url += "?" + URLPath.query(query) }
        var response = try await send(url: url)
        if response.status == 401, await authenticator.invalidate() {
            response = try await send(url: url)
        }
        return response
    }

    private func send(url: String) async throws -> HTTPResponse {
        let credentials = try await authenticator.credentials()
        let client = try await transports.client(for: credentials)
        var headers: [(name: String, value: String)] = [
            ("Accept", "application/json"),
            ("User-Agent", BuildInfo.userAgent),
        ]
        headers += credentials.headers
        do {
            return try await client.send(HTTPRequest(method: .get, url: url, headers: headers))
        } catch let error as UserFacingError {
            throw KubeAPIError.unreachable(server: config.server, reason: error.message)
        } catch {
            throw KubeAPIError.unreachable(server: config.server, reason: String(describing: type(of: error)))
        }
    }

    /// GET and parse JSON, mapping error statuses to `KubeAPIError`.
    public func getJSON(path: String, query: [(String, String)] = []) async throws -> Value {
        let response = try await get(path: path, query: query)
        guard response.isSuccess else { throw KubeAPIError.from(response, server: config.server, path: path) }
        do {
            return try JSON.parse(response.body)
        } catch let error as JSON.SyntaxError {
            throw KubeAPIError.badResponse(path: path, reason: error.message)
        }
    }

    // MARK: - Discovery

    /// The group/versions the server serves (`v1`, `apps/v1`, `keda.sh/v1alpha1`), with each group's
    /// preferred version. A missing CRD group (no `keda.sh`) is a fact, not an error.
    public func discover() async throws -> APIDiscovery {
        async let core = getJSON(path: "/api")
        async let groups = getJSON(path: "/apis")
        var discovery = APIDiscovery()
        for version in try await core["versions"].array.compactMap(\.string) {
            discovery.groupVersions.insert(version)
        }
        if discovery.groupVersions.contains("v1") { discovery.preferredVersions[""] = "v1" }
        for group in try await groups["groups"].array {
            guard let name = group["name"].string else { continue }
            for version in group["versions"].array {
                if let groupVersion = version["groupVersion"].string { discovery.groupVersions.insert(groupVersion) }
            }
            if let preferred = group["preferredVersion"]["version"].string { discovery.preferredVersions[name] = preferred }
        }
        return discovery
    }

    // MARK: - Objects

    /// Every object of a kind, in one namespace or all (`namespace == nil`), `limit` + `continue` paged.
    public func list(_ kind: KindRef, namespace: String?, labelSelector: String? = nil) async throws -> [KubeObject] {
        let path = kind.path(namespace: namespace)
        var objects: [KubeObject] = []
        var continueToken: String?
        repeat {
            var query: [(String, String)] = [("limit", String(pageSize))]
            if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
            if let token = continueToken { query.append(("continue", token)) }
            let page = try await getJSON(path: path, query: query)
            // Items carry no apiVersion/kind: the list's own say what they are.
            let apiVersion = page["apiVersion"].string ?? kind.groupVersion
            var itemKind = page["kind"].string ?? kind.kind
            if itemKind.hasSuffix("List") { itemKind.removeLast(4) }
            for item in page["items"].array {
                objects.append(KubeObject(json: item, apiVersion: apiVersion, kind: itemKind))
            }
            continueToken = page["metadata"]["continue"].string.nonEmpty
        } while continueToken != nil
        return objects
    }

    /// One object, or nil when the server says 404.
    public func get(_ kind: KindRef, namespace: String?, name: String) async throws -> KubeObject? {
        var path = kind.path(namespace: kind.namespaced ? namespace : nil)
        path += "/" + URLPath.segment(name)
        do {
            let body = try await getJSON(path: path)
            return KubeObject(json: body, apiVersion: body["apiVersion"].string ?? kind.groupVersion,
                              kind: body["kind"].string ?? kind.kind)
        } catch KubeAPIError.notFound {
            return nil
        }
    }
}

public struct APIDiscovery: Sendable, Equatable {
    public var groupVersions: Set<String> = []
    /// Group name (`""` for core) to its preferred version.
    public var preferredVersions: [String: String] = [:]

    public init(groupVersions: Set<String> = [], preferredVersions: [String: String] = [:]) {
        self.groupVersions = groupVersions
        self.preferredVersions = preferredVersions
    }

    /// The kind at a version the server serves: its own, else the group's preferred one; nil when
    /// the group is not served at all (the CRD is not installed).
    public func served(_ kind: KindRef) -> KindRef? {
        if groupVersions.contains(kind.groupVersion) { return kind }
        guard let preferred = preferredVersions[kind.group] else { return nil }
        var other = kind
        other.version = preferred
        return other
    }
}

extension KubeObject {
    /// An object as the API returned it; `apiVersion` and `kind` are put at the top of the body
    /// when the list left them out, so `-o yaml` shows a complete object.
    package init(json: Value, apiVersion: String, kind: String) {
        var body = json
        if case var .object(members) = json {
            members.removeAll { $0.key == "apiVersion" || $0.key == "kind" }
            body = .object([("apiVersion", .string(apiVersion)), ("kind", .string(kind))] + members)
        }
        self.init(apiVersion: apiVersion, kind: kind, namespace: json["metadata"]["namespace"].string,
                  name: json["metadata"]["name"].string ?? "", body: body)
    }
}

/// One HTTP client per client certificate: rebuilt only when an exec plugin hands out a new one.
private actor TransportCache {
    let options: TransportOptions
    let make: @Sendable (TransportOptions) throws -> any HTTPClient
    var current: (generation: Int, client: any HTTPClient)?

    init(options: TransportOptions, make: @escaping @Sendable (TransportOptions) throws -> any HTTPClient) {
        self.options = options
        self.make = make
    }

    func client(for credentials: KubeAuthenticator.RequestCredentials) throws -> any HTTPClient {
        if let current, current.generation == credentials.generation { return current.client }
        var options = options
        if let certificate = credentials.clientCertificatePEM, let key = credentials.clientKeyPEM {
            options.tls.clientCertificateFile = nil
            options.tls.clientCertificatePEM = certificate
            options.tls.clientKeyFile = nil
            options.tls.clientKeyPEM = key
        }
        let client = try make(options)
        current = (credentials.generation, client)
        return client
    }
}
