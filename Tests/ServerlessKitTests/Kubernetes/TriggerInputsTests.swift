import Foundation
import Testing
@testable import ServerlessKEDA
@testable import ServerlessKubernetes
@testable import ServerlessSupport

@Suite("KEDA trigger inputs")
struct TriggerInputsTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/keda-eventhub.yaml").path

    static func store(dropping: (KubeObject) -> Bool = { _ in false }) throws -> ObjectStore {
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        var store = ObjectStore(source: .manifests(paths: [fixture]))
        for document in try YAML.documents(text) {
            let body = document.value
            let object = KubeObject(apiVersion: body["apiVersion"].string ?? "", kind: body["kind"].string ?? "",
                                    namespace: body["metadata"]["namespace"].string, name: body["metadata"]["name"].string ?? "",
                                    body: body, location: SourceLocation(file: fixture, line: document.line))
            if !dropping(object) { store.add(object) }
        }
        return store
    }

    static let orders = ScalableObjectRef(kind: .scaledObject, namespace: "fn", name: "orders")

    @Test func scaledObjectTriggerByName() throws {
        let inputs = try TriggerInputsResolver(store: Self.store()).resolve(Self.orders, trigger: "orders-hub")
        #expect(inputs.triggerIndex == 1)
        #expect(inputs.triggerName == "orders-hub")
        #expect(inputs.metadata["connectionFromEnv"] == "EventHubConnection")
        #expect(inputs.metadata["unprocessedEventThreshold"] == "64")
        #expect(inputs.minReplicaCount == 1 && inputs.maxReplicaCount == 20)

        let env = inputs.resolvedEnv
        // The named container, not the first (sidecar).
        #expect(env["FROM_SIDECAR"] == nil)
        #expect(env["EventHubConnection"] == .secret(Secret(
            "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=CANARYKEY;EntityPath=orders")))
        #expect(env["StorageConnection"]?.value.contains("AccountName=ordersck") == true)
        #expect(env["Namespace"] == .plain("orders-ns.servicebus.windows.net"))
        // env overrides envFrom.
        #expect(env["EventHubName"] == .plain("overridden-by-env"))
        #expect(env["ns"] == .plain("orders-ns.servicebus.windows.net"))
        // envFrom secretRef with prefix, stringData.
        #expect(env["SEC_TOKEN"] == .secret(Secret("from-string-data")))
        // $(VAR) expansion; a value built from a secret is secret.
        #expect(env["Combined"] == .plain("orders-ns.servicebus.windows.net/overridden-by-env"))
        #expect(env["WithSecret"]?.isSecret == true)
        #expect(env["Escaped"] == .plain("$(Namespace) $(Unknown)"))
        // fieldRef skipped. A key the Secret lacks reads as "" even when optional: KEDA's resolveSecretValue
        // (kedacore/keda v2.20.2 pkg/scaling/resolver/scale_resolvers.go, the same in every tag since v2.10.0)
        // returns Data[key] without an error, and `optional` is only asked when the Secret itself is missing.
        #expect(env["PodName"] == nil && env["Maybe"] == .secret(Secret("")))
        #expect(inputs.emptyReads.map(\.description) == [
            "Secret fn/orders-secrets has no key \"absent\" (env Maybe of Deployment fn/orders container app): KEDA reads env Maybe as empty"])
        // The trigger does not read Maybe, so it is nothing to warn about.
        #expect(inputs.emptyReadsTheTriggerUses.isEmpty)

        #expect(inputs.authParams["storageConnection"]?.value.contains("AccountKey=CANARYSTORAGE") == true)
        #expect(inputs.authParams["eventHubName"]?.value == "overridden-by-env")
        #expect(inputs.authParams["eventHubNamespace"]?.value == "orders-ns.servicebus.windows.net")
        #expect(inputs.podIdentityProvider == nil)
        #expect(inputs.unresolvedAuthSources.isEmpty)
    }

    @Test func triggerByIndexAndDefaulting() throws {
        let resolver = try TriggerInputsResolver(store: Self.store())
        #expect(try resolver.resolve(Self.orders, trigger: "2").triggerName == "audit-hub")
        #expect(throws: TriggerInputError.wrongTriggerType(object: "ScaledObject fn/orders", index: 0, type: "cpu",
                                                           expected: "azure-eventhub")) {
            try resolver.resolve(Self.orders, trigger: "0")
        }
        #expect(throws: TriggerInputError.severalTriggers(object: "ScaledObject fn/orders", type: "azure-eventhub", count: 2)) {
            try resolver.resolve(Self.orders)
        }
        #expect(throws: TriggerInputError.self) { try resolver.resolve(Self.orders, trigger: "7") }
        #expect(throws: TriggerInputError.triggerNotFound(object: "ScaledObject fn/orders", selector: "named \"nope\"")) {
            try resolver.resolve(Self.orders, trigger: "nope")
        }
        #expect(throws: TriggerInputError.objectNotFound(kind: "ScaledObject", namespace: "other", name: "orders", referencedBy: nil)) {
            try resolver.resolve(ScalableObjectRef(kind: .scaledObject, namespace: "other", name: "orders"))
        }
        #expect(throws: TriggerInputError.noTrigger(object: "ScaledObject fn/orders", type: "kafka")) {
            try resolver.resolve(Self.orders, triggerType: "kafka")
        }
    }

    @Test func clusterTriggerAuthenticationReadsKedaNamespace() throws {
        let inputs = try TriggerInputsResolver(store: Self.store()).resolve(Self.orders, trigger: "audit-hub")
        #expect(inputs.podIdentityProvider == "azure-workload")
        #expect(inputs.authParams["connection"]?.value.contains("CANARYCLUSTER") == true)
        #expect(inputs.unresolvedAuthSources == ["azureKeyVault"])
        // Elsewhere than KEDA's namespace, the Secret is not found: KEDA's resolveAuthSecret gives "" and goes on.
        let elsewhere = try TriggerInputsResolver(store: Self.store(), clusterObjectNamespace: "keda-system")
            .resolve(Self.orders, trigger: "audit-hub")
        #expect(elsewhere.authParams["connection"]?.value == "")
        #expect(elsewhere.emptyReadsTheTriggerUses.map(\.description) == [
            "Secret \"shared-hub\" not found in namespace \"keda-system\" (referenced by ClusterTriggerAuthentication workload-identity secretTargetRef connection): KEDA reads parameter connection as empty"])
    }

    @Test func scaledJobUsesItsJobTemplate() throws {
        let ref = ScalableObjectRef(kind: .scaledJob, namespace: "fn", name: "batch")
        let inputs = try TriggerInputsResolver(store: Self.store()).resolve(ref)
        #expect(inputs.triggerIndex == 0 && inputs.triggerName == nil)
        #expect(inputs.resolvedEnv["Conn"]?.value.hasPrefix("Endpoint=sb://orders-ns") == true)
        #expect(inputs.resolvedEnv["Missing"] == nil)
        #expect(inputs.authParams.isEmpty)
    }

    @Test func missingObjectsAndKeysNameThemNeverTheValue() throws {
        let noSecret = try Self.store { $0.kind == "Secret" && $0.name == "orders-secrets" }
        do {
            _ = try TriggerInputsResolver(store: noSecret).resolve(Self.orders, trigger: "orders-hub")
            Issue.record("expected an error")
        } catch let error as TriggerInputError {
            // KEDA fails here: resolveEnv's error, wrapped by buildScalers (pkg/scaling/scalers_builder.go).
            #expect(error.message == "Secret \"orders-secrets\" not found in namespace \"fn\" (referenced by env EventHubConnection of Deployment fn/orders container app); KEDA fails the scaler with \"error resolving secrets for ScaleTarget: error resolving secret name … for env EventHubConnection in namespace fn\"")
            #expect(error.category == .input)
        }
        let noTarget = try Self.store { $0.kind == "Deployment" }
        #expect(throws: TriggerInputError.objectNotFound(kind: "Deployment", namespace: "fn", name: "orders",
                                                         referencedBy: "ScaledObject fn/orders scaleTargetRef")) {
            try TriggerInputsResolver(store: noTarget).resolve(Self.orders, trigger: "orders-hub")
        }
        // KEDA's resolveAuthRef logs "error getting triggerAuth" and goes on without the parameters.
        let noAuth = try Self.store { $0.kind == "TriggerAuthentication" }
        let withoutAuth = try TriggerInputsResolver(store: noAuth).resolve(Self.orders, trigger: "orders-hub")
        #expect(withoutAuth.authParams.isEmpty)
        #expect(withoutAuth.emptyReadsTheTriggerUses.map(\.description) == [
            "TriggerAuthentication \"orders-auth\" not found in namespace \"fn\" (referenced by ScaledObject fn/orders trigger 1 authenticationRef) (KEDA logs \"error getting triggerAuth\" and goes on): KEDA reads every parameter of it as empty"])

        // A key that is not there.
        var store = try Self.store()
        let auth = try #require(store.object(kind: "TriggerAuthentication", namespace: "fn", name: "orders-auth"))
        var changed = store.objects.filter { $0.name != "orders-auth" }
        var body = auth.body
        body = .object(body.members.map { member in
            member.key == "spec"
                ? ("spec", .object([("secretTargetRef", .array([.object([("parameter", .string("storageConnection")),
                                                                         ("name", .string("orders-secrets")),
                                                                         ("key", .string("nokey"))])]))]))
                : member
        })
        changed.append(KubeObject(apiVersion: auth.apiVersion, kind: auth.kind, namespace: "fn", name: "orders-auth", body: body))
        store = ObjectStore(source: store.source, objects: changed)
        // KEDA's resolveAuthSecret: a key the Secret lacks is "".
        let noKey = try TriggerInputsResolver(store: store).resolve(Self.orders, trigger: "orders-hub")
        #expect(noKey.authParams["storageConnection"]?.value == "")
        let text = noKey.emptyReadsTheTriggerUses.map(\.description).joined(separator: "\n")
        #expect(text == "Secret fn/orders-secrets has no key \"nokey\" (referenced by TriggerAuthentication fn/orders-auth secretTargetRef storageConnection): KEDA reads parameter storageConnection as empty")
        #expect(!text.contains("CANARY"))
    }

    @Test func unreadableSecretsAreRemoteErrors() throws {
        var store = try Self.store { $0.kind == "Secret" }
        store.unreadable = [UnreadableKind(kind: "Secret", namespace: "fn", reason: "secrets is forbidden: User \"jane\" cannot list resource \"secrets\"")]
        do {
            _ = try TriggerInputsResolver(store: store).resolve(Self.orders, trigger: "orders-hub")
            Issue.record("expected an error")
        } catch let error as TriggerInputError {
            #expect(error.category == .remote)
            #expect(error.message.hasPrefix("cannot read Secret fn/orders-env: secrets is forbidden"))
        }
    }

    @Test func secretValuesAreRedactedInDescriptions() throws {
        let inputs = try TriggerInputsResolver(store: Self.store()).resolve(Self.orders, trigger: "orders-hub")
        let text = "\(inputs) \(inputs.resolvedEnv) \(inputs.authParams)"
        #expect(!text.contains("CANARY"))
        #expect(text.contains("orders-ns.servicebus.windows.net"))
    }

    /// The live loader fetches the ScaledObject, then only what it references, by name.
    @Test func liveLoaderGetsOnlyReferencedObjects() async throws {
        let store = try Self.store()
        let fake = FakeHTTPClient { request in
            let path = String(request.url.dropFirst("https://k:1".count))
            let parts = path.split(separator: "/").map(String.init)
            // .../namespaces/NS/RESOURCE/NAME or .../RESOURCE/NAME
            let name = parts.last ?? ""
            let resource = parts[parts.count - 2]
            let namespace = parts.count >= 4 && parts[parts.count - 4] == "namespaces" ? parts[parts.count - 3] : nil
            let kinds = ["deployments": "Deployment", "secrets": "Secret", "configmaps": "ConfigMap",
                         "scaledobjects": "ScaledObject", "triggerauthentications": "TriggerAuthentication",
                         "clustertriggerauthentications": "ClusterTriggerAuthentication"]
            if resource == "secrets" && namespace == "keda" {
                return .status(403, reason: "Forbidden", message: #"secrets \"shared-hub\" is forbidden"#)
            }
            guard let kind = kinds[resource], let object = store.objects.first(where: {
                $0.kind == kind && $0.name == name && $0.namespace == namespace
            }) else {
                return .status(404, reason: "NotFound", message: "\(resource) \\\"\(name)\\\" not found")
            }
            return .json(JSON.text(object.body, pretty: false))
        }
        let client = KubeAPIClient(config: KubeClientConfig(server: "https://k:1"), environment: [:]) { _ in fake }
        let inputs = try await TriggerInputsLoader.load(Self.orders, trigger: "orders-hub", client: client)
        #expect(inputs.authParams["storageConnection"]?.value.contains("CANARYSTORAGE") == true)
        #expect(inputs.resolvedEnv["SEC_TOKEN"]?.value == "from-string-data")
        let paths = Set(fake.paths)
        #expect(paths == [
            "/apis/keda.sh/v1alpha1/namespaces/fn/scaledobjects/orders",
            "/apis/apps/v1/namespaces/fn/deployments/orders",
            "/api/v1/namespaces/fn/configmaps/orders-config",
            "/api/v1/namespaces/fn/secrets/orders-env",
            "/api/v1/namespaces/fn/configmaps/not-there",
            "/api/v1/namespaces/fn/secrets/orders-secrets",
            "/apis/keda.sh/v1alpha1/namespaces/fn/triggerauthentications/orders-auth",
        ])
        #expect(fake.requests.allSatisfy { $0.method == .get })

        // A Secret we may not read surfaces as a remote error naming it.
        await #expect(throws: TriggerInputError.self) {
            try await TriggerInputsLoader.load(Self.orders, trigger: "audit-hub", client: client)
        }
        do {
            _ = try await TriggerInputsLoader.load(Self.orders, trigger: "audit-hub", client: client)
        } catch {
            #expect(shownText(error).hasPrefix("cannot read Secret keda/shared-hub: secrets \"shared-hub\" is forbidden"))
        }
    }
}
