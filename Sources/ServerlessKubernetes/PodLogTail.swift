/// The last lines a container logged (`kubectl logs --tail`): for checks whose only evidence is a
/// component's own complaint, such as OpenWhisk's controller saying "No invokers available".
public struct PodLogTail: Sendable, Equatable {
    public var namespace: String
    public var pod: String
    public var container: String
    public var lines: [String]

    public init(namespace: String, pod: String, container: String, lines: [String]) {
        self.namespace = namespace
        self.pod = pod
        self.container = container
        self.lines = lines
    }
}

extension KubeAPIClient {
    /// GET `pods/<pod>/log?container=&tailLines=&limitBytes=`. nil when the log cannot be had (403,
    /// 404, or 400 for a container that has not started): a missing fact, not a failed run.
    public func podLogTail(namespace: String, pod: String, container: String, tailLines: Int = 200,
                           limitBytes: Int = 256 * 1024) async throws -> PodLogTail? {
        let path = "/api/v1/namespaces/\(URLPath.segment(namespace))/pods/\(URLPath.segment(pod))/log"
        let response = try await get(path: path, query: [("container", container), ("tailLines", String(tailLines)),
                                                         ("limitBytes", String(limitBytes))])
        switch response.status {
        case 200..<300:
            let text = String(decoding: response.body, as: UTF8.self)
            return PodLogTail(namespace: namespace, pod: pod, container: container,
                              lines: text.split(whereSeparator: \.isNewline).map(String.init))
        case 400, 403, 404: return nil
        default: throw KubeAPIError.from(response, server: config.server, path: path)
        }
    }
}
