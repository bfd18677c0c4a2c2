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
        await withTaskGroup(of: (Int, Result<HTTPResponse, Error>).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask {
                    do { return (index, .success(try await self.send(request))) }
                    catch { return (index, .failure(error)) }
                }
            }
            var results = [Result<HTTPResponse, Error>?](repeating: nil, count: requests.count)
            for await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }
}
