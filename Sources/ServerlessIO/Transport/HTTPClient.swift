/// What the Azure and Kubernetes clients need from the network. `CurlTransport` is the real one;
/// tests may pass a recording or scripted client.
public protocol HTTPClient: Sendable {
    /// Sends one request, with the transport's retries, and returns the final response
    /// (any status). Throws `TransportError` when no response could be had.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

extension HTTPClient {
    /// Many requests at once; results in the order of `requests`. The transport bounds how many
    /// are on the wire together.
    public func sendAll(_ requests: [HTTPRequest]) async -> [Result<HTTPResponse, Error>] {
        await requests.concurrentMap { request in
            do { return .success(try await self.send(request)) } catch { return .failure(error) }
        }
    }
}
