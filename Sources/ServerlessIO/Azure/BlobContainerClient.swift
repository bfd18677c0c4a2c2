import Foundation
import ServerlessSupport

/// Reads one container over the Blob REST API: List Blobs (paged), Get Blob, Get Blob Properties.
/// Only GET and HEAD are ever sent.
public struct BlobContainerClient: Sendable {
    public static let defaultVersion = "2021-08-06"
    /// The service's own cap per page.
    public static let pageSize = 5000

    /// Without a trailing `/`.
    public let endpoint: String
    public let container: String
    public let credential: StorageCredential
    /// For messages: the account name, else the endpoint's host.
    public let account: String
    package let http: any HTTPClient
    private let version: String
    private let clock: @Sendable () -> Date

    public init(endpoint: String, container: String, credential: StorageCredential, http: any HTTPClient,
                account: String? = nil, version: String = BlobContainerClient.defaultVersion,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.container = container
        self.credential = credential
        self.http = http
        self.version = version
        self.clock = clock
        if let account {
            self.account = account
        } else if case let .sharedKey(signer) = credential {
            self.account = signer.accountName
        } else {
            self.account = URLParts(endpoint).host
        }
    }

    public init(connection: StorageConnectionString, container: String, http: any HTTPClient,
                version: String = BlobContainerClient.defaultVersion,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.init(endpoint: connection.blobEndpoint, container: container, credential: connection.credential,
                  http: http, account: connection.displayAccount, version: version, clock: clock)
    }

    package var containerURL: String { "\(endpoint)/\(PercentEncoding.blobPath(container))" }

    package func blobURL(_ name: String) -> String { "\(containerURL)/\(PercentEncoding.blobPath(name))" }

    package func listURL(prefix: String?, marker: String?, includeMetadata: Bool) -> String {
        var url = "\(containerURL)?restype=container&comp=list"
        if let prefix, !prefix.isEmpty { url += "&prefix=\(PercentEncoding.queryValue(prefix))" }
        if let marker, !marker.isEmpty { url += "&marker=\(PercentEncoding.queryValue(marker))" }
        if includeMetadata { url += "&include=metadata" }
        return url + "&maxresults=\(Self.pageSize)"
    }

    /// Calls `page` for every page as it arrives, in listing order, until `NextMarker` is empty.
    /// Short and even empty pages may still carry a marker; only the marker ends the listing.
    public func listBlobPages(prefix: String? = nil, includeMetadata: Bool = true,
                              page handle: (ListBlobsPage) async throws -> Void) async throws {
        var marker: String?
        var seenMarkers: Set<String> = []
        repeat {
            let response = try await send(.get, listURL(prefix: prefix, marker: marker, includeMetadata: includeMetadata),
                                          blob: nil)
            let page = try ListBlobsPageParser.parse(
                response.body, source: "the List Blobs response for container '\(container)' of storage account '\(account)'")
            try await handle(page)
            marker = page.nextMarker
            if let marker, !seenMarkers.insert(marker).inserted {
                throw AzureStorageError(kind: .other(status: response.status, code: nil,
                                                     message: "the service returned the same continuation marker twice"),
                                        account: account, container: container)
            }
        } while marker != nil
    }

    /// Every blob under `prefix`. Each page's XML is dropped once parsed; only the items are kept.
    public func listBlobs(prefix: String? = nil, includeMetadata: Bool = true) async throws -> [BlobItem] {
        var blobs: [BlobItem] = []
        try await listBlobPages(prefix: prefix, includeMetadata: includeMetadata) { blobs += $0.blobs }
        return blobs
    }

    /// Get Blob: content, properties and metadata.
    public func getBlob(_ name: String) async throws -> Blob {
        let response = try await send(.get, blobURL(name), blob: name)
        return Blob(item: item(name, response), body: response.body)
    }

    /// Get Blob Properties (HEAD): properties and metadata, no content.
    public func getProperties(_ name: String) async throws -> BlobItem {
        item(name, try await send(.head, blobURL(name), blob: name))
    }

    private func item(_ name: String, _ response: HTTPResponse) -> BlobItem {
        BlobItem(name: name, properties: BlobProperties(headers: response), metadata: response.headers(withPrefix: "x-ms-meta-"))
    }

    /// The signed request as it goes on the wire; exposed for tests and `-v` explanations.
    package func request(_ method: HTTPRequest.Method, _ url: String) -> HTTPRequest {
        let headers: [(name: String, value: String)] = [
            ("x-ms-date", AzureTime.rfc1123(clock())), ("x-ms-version", version),
            ("User-Agent", BuildInfo.userAgent),
        ]
        return credential.authorize(HTTPRequest(method: method, url: url, headers: headers))
    }

    private func send(_ method: HTTPRequest.Method, _ url: String, blob: String?) async throws -> HTTPResponse {
        let response = try await http.send(request(method, url))
        guard response.isSuccess else {
            var error = AzureStorageError.from(response, account: account, container: container, blob: blob)
            if case .bearer = credential { error.byToken = true }
            throw error
        }
        return response
    }
}
