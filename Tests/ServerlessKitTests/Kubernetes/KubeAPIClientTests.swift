import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessKubernetes
@testable import ServerlessSupport

@Suite("Kubernetes API client")
struct KubeAPIClientTests {
    static let config = KubeClientConfig(contextName: "prod", server: "https://api.example:6443",
                                         credentials: .init(token: Secret("t")))

    static let coreDiscovery = #"{"kind":"APIVersions","versions":["v1"]}"#
    static let groupDiscovery = """
    {"kind":"APIGroupList","apiVersion":"v1","groups":[
      {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},
      {"name":"autoscaling","versions":[{"groupVersion":"autoscaling/v2","version":"v2"},{"groupVersion":"autoscaling/v1","version":"v1"}],
       "preferredVersion":{"groupVersion":"autoscaling/v2","version":"v2"}}
    ]}
    """

    static func client(pageSize: Int = 500, _ respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse) -> (KubeAPIClient, FakeHTTPClient) {
        let fake = FakeHTTPClient(respond)
        return (KubeAPIClient(config: config, environment: [:], pageSize: pageSize) { _ in fake }, fake)
    }

    static func deployments(_ names: [String], continueToken: String?) -> String {
        let items = names.map { #"{"metadata":{"name":"\#($0)","namespace":"fn","labels":{"app":"\#($0)"}},"spec":{"replicas":1}}"# }
        let meta = continueToken.map { #"{"resourceVersion":"9","continue":"\#($0)"}"# } ?? #"{"resourceVersion":"9"}"#
        return #"{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":\#(meta),"items":[\#(items.joined(separator: ","))]}"#
    }

    @Test func listFollowsContinueTokens() async throws {
        let (client, fake) = Self.client(pageSize: 2) { request in
            if request.url.contains("continue=page%2F2%3D") { return .json(Self.deployments(["c"], continueToken: nil)) }
            return .json(Self.deployments(["a", "b"], continueToken: "page/2="))
        }
        let objects = try await client.list(.deployment, namespace: nil, labelSelector: "app in (a,b),tier=web")
        #expect(objects.map(\.name) == ["a", "b", "c"])
        #expect(objects.allSatisfy { $0.kind == "Deployment" && $0.apiVersion == "apps/v1" && $0.namespace == "fn" })
        #expect(objects[0].body["kind"].string == "Deployment")
        #expect(objects[0].body["apiVersion"].string == "apps/v1")
        #expect(objects[0].labels == ["app": "a"])
        #expect(fake.requests.map(\.url) == [
            "https://api.example:6443/apis/apps/v1/deployments?limit=2&labelSelector=app%20in%20%28a%2Cb%29%2Ctier%3Dweb",
            "https://api.example:6443/apis/apps/v1/deployments?limit=2&labelSelector=app%20in%20%28a%2Cb%29%2Ctier%3Dweb&continue=page%2F2%3D",
        ])
        #expect(fake.requests.allSatisfy { $0.method == .get })
    }

    @Test func namespacedAndClusterScopedPaths() async throws {
        let (client, fake) = Self.client { _ in .json(#"{"kind":"SecretList","apiVersion":"v1","metadata":{},"items":[]}"#) }
        _ = try await client.list(.secret, namespace: "fn")
        _ = try await client.list(.namespace, namespace: "fn")
        _ = try await client.list(.clusterTriggerAuthentication, namespace: "fn")
        _ = try await client.list(.scaledObject, namespace: "fn")
        #expect(fake.paths == [
            "/api/v1/namespaces/fn/secrets?limit=500",
            "/api/v1/namespaces?limit=500",
            "/apis/keda.sh/v1alpha1/clustertriggerauthentications?limit=500",
            "/apis/keda.sh/v1alpha1/namespaces/fn/scaledobjects?limit=500",
        ])
    }

    @Test func getOneObjectOrNilOn404() async throws {
        let (client, fake) = Self.client { request in
            if request.url.hasSuffix("/orders") {
                return .json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"orders","namespace":"fn"}}"#)
            }
            return .status(404, reason: "NotFound", message: #"deployments.apps \"gone\" not found"#)
        }
        let found = try await client.get(.deployment, namespace: "fn", name: "orders")
        #expect(found?.name == "orders")
        #expect(found?.namespace == "fn")
        #expect(try await client.get(.deployment, namespace: "fn", name: "gone") == nil)
        #expect(fake.paths == ["/apis/apps/v1/namespaces/fn/deployments/orders", "/apis/apps/v1/namespaces/fn/deployments/gone"])
    }

    @Test func statusErrorsCarryTheServerMessage() async throws {
        let message = #"secrets is forbidden: User \"jane\" cannot list resource \"secrets\" in API group \"\" in the namespace \"fn\""#
        let (client, _) = Self.client { request in
            if request.url.contains("secrets") { return .status(403, reason: "Forbidden", message: message) }
            return .status(410, reason: "Expired", message: "The provided continue parameter is too old")
        }
        await #expect(throws: KubeAPIError.forbidden(message: message.replacingOccurrences(of: "\\\"", with: "\""))) {
            try await client.list(.secret, namespace: "fn")
        }
        await #expect(throws: KubeAPIError.status(code: 410, reason: "Expired", message: "The provided continue parameter is too old")) {
            try await client.list(.pod, namespace: "fn")
        }
    }

    @Test func transportFailureIsUnreachable() async throws {
        struct Refused: UserFacingError {
            var category: FailureCategory { .remote }
            var message: String { "connection refused" }
        }
        let fake = FakeHTTPClient { _ in throw Refused() }
        let client = KubeAPIClient(config: Self.config, environment: [:]) { _ in fake }
        await #expect(throws: KubeAPIError.unreachable(server: "https://api.example:6443", reason: "connection refused")) {
            try await client.discover()
        }
    }

    @Test func discoveryMakesMissingGroupsAFact() async throws {
        let (client, _) = Self.client { request in
            request.url.hasSuffix("/api") ? .json(Self.coreDiscovery) : .json(Self.groupDiscovery)
        }
        let discovery = try await client.discover()
        #expect(discovery.groupVersions == ["v1", "apps/v1", "autoscaling/v2", "autoscaling/v1"])
        #expect(discovery.served(.scaledObject) == nil)
        #expect(discovery.served(.deployment) == .deployment)
        var hpaV1 = KindRef.horizontalPodAutoscaler
        hpaV1.version = "v2beta2"
        #expect(discovery.served(hpaV1)?.version == "v2")
    }

    @Test func loadListsKindsAtOnceAndRecordsForbiddenOnes() async throws {
        let forbidden = #"secrets is forbidden: User \"jane\" cannot list resource \"secrets\" in API group \"\" in the namespace \"fn\""#
        let (client, fake) = Self.client { request in
            let path = String(request.url.dropFirst("https://api.example:6443".count))
            switch path {
            case "/api": return .json(Self.coreDiscovery)
            case "/apis": return .json(Self.groupDiscovery)
            case let p where p.hasPrefix("/api/v1/namespaces/fn/secrets"): return .status(403, reason: "Forbidden", message: forbidden)
            case let p where p.hasPrefix("/api/v1/namespaces/fn/configmaps"):
                return .json(#"{"kind":"ConfigMapList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"cfg","namespace":"fn"},"data":{"k":"v"}}]}"#)
            case let p where p.hasPrefix("/apis/apps/v1/namespaces/fn/deployments"):
                return .json(Self.deployments(["orders"], continueToken: nil))
            default: return .status(404, reason: "NotFound", message: "not found")
            }
        }
        let store = try await ClusterObjects.load(kinds: [.deployment, .configMap, .secret, .scaledObject],
                                                  namespace: "fn", client: client)
        #expect(store.source == .cluster(context: "prod"))
        #expect(store.isLive)
        #expect(store.objects.map(\.name).sorted() == ["cfg", "orders"])
        #expect(store.object(kind: "ConfigMap", namespace: "fn", name: "cfg")?.body["data"]["k"].string == "v")
        #expect(store.unreadable == [UnreadableKind(kind: "Secret", namespace: "fn",
                                                    reason: forbidden.replacingOccurrences(of: "\\\"", with: "\""))])
        #expect(!store.servedGroupVersions.contains("keda.sh/v1alpha1"))
        // keda.sh is not served: never asked for.
        #expect(!fake.paths.contains { $0.contains("keda.sh") })
    }

    @Test func loadFailsWholeWhenDiscoveryIsRefused() async throws {
        let (client, _) = Self.client { _ in .status(403, reason: "Forbidden", message: "forbidden: User \"system:anonymous\" cannot get path \"/api\"") }
        await #expect(throws: KubeAPIError.self) { try await ClusterObjects.load(kinds: [.deployment], namespace: nil, client: client) }
        do {
            _ = try await ClusterObjects.load(kinds: [.deployment], namespace: nil, client: client)
        } catch let error as UserFacingError {
            #expect(error.category == .remote)
        }
    }
}
