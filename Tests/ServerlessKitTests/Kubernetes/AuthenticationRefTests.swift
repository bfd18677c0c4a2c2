import Testing
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// Where KEDA looks a trigger's authenticationRef up: kedacore/keda v2.20.2 pkg/scaling/resolver/scale_resolvers.go,
/// `resolveAuthRef` (only when the name is not empty) and `getTriggerAuthSpec` (the kind decides the place).
@Suite("authenticationRef: where KEDA looks")
struct AuthenticationRefTests {
    static func ref(_ yaml: String) throws -> AuthenticationRef? {
        AuthenticationRef(try YAML.documents(yaml)[0].value)
    }

    @Test func anEmptyKindIsATriggerAuthenticationInTheTriggersNamespace() throws {
        for yaml in ["{name: orders-auth}", "{name: orders-auth, kind: \"\"}", "{name: orders-auth, kind: TriggerAuthentication}"] {
            let ref = try #require(try Self.ref(yaml))
            #expect(ref.kindName == "TriggerAuthentication")
            let location = try #require(ref.location(triggerNamespace: "fn"))
            #expect(location.kind == .triggerAuthentication && location.namespace == "fn")
            #expect(ref.secretNamespace(triggerNamespace: "fn", clusterObjectNamespace: "keda") == "fn")
            #expect(ref.described(triggerNamespace: "fn") == "TriggerAuthentication fn/orders-auth")
        }
    }

    @Test func aClusterTriggerAuthenticationIsClusterWideWithItsSecretsInKEDAsNamespace() throws {
        let ref = try #require(try Self.ref("{name: shared, kind: ClusterTriggerAuthentication}"))
        let location = try #require(ref.location(triggerNamespace: "fn"))
        #expect(location.kind == .clusterTriggerAuthentication && location.namespace == nil)
        #expect(ref.secretNamespace(triggerNamespace: "fn", clusterObjectNamespace: "keda") == "keda")
        #expect(ref.described(triggerNamespace: "fn") == "ClusterTriggerAuthentication shared")
    }

    @Test func anUnknownKindIsLookedUpNowhere() throws {
        let ref = try #require(try Self.ref("{name: orders-auth, kind: Secret}"))
        #expect(ref.kind == .unknown("Secret") && ref.location(triggerNamespace: "fn") == nil)
    }

    @Test func anEmptyOrMissingNameNamesNothing() throws {
        #expect(try Self.ref("{name: \"\"}") == nil)
        #expect(try Self.ref("{kind: ClusterTriggerAuthentication}") == nil)
    }
}
