import ServerlessKEDA
import ServerlessSupport

/// What KEDA hands a scaler for one trigger: the trigger's metadata, the scale target's container
/// environment (`resolvedEnv`) and the TriggerAuthentication parameters (`authParams`).
/// Parsing them into the azure-eventhub settings is the KEDA module's job; this only gathers them.
public struct TriggerInputs: Sendable {
    public var object: ScalableObjectRef
    public var triggerIndex: Int
    public var triggerName: String?
    public var triggerType: String
    public var metadata: [String: String]
    public var resolvedEnv: [String: EnvValue]
    public var authParams: [String: Secret]
    /// `spec.podIdentity.provider` of the TriggerAuthentication (`azure-workload`, `none`); nil without one.
    public var podIdentityProvider: String?
    /// TriggerAuthentication sources KEDA would read that we cannot (`azureKeyVault`, `hashiCorpVault`, ...).
    public var unresolvedAuthSources: [String]
    /// Values KEDA reads as empty because a key, Secret, ConfigMap or TriggerAuthentication is not there
    /// (KEDA's resolver goes on with ""): what is missing, never a value.
    public var emptyReads: [EmptyRead] = []
    /// `spec.minReplicaCount` / `spec.maxReplicaCount` as written (nil when absent).
    public var minReplicaCount: Int?
    public var maxReplicaCount: Int?

    public init(object: ScalableObjectRef, triggerIndex: Int, triggerName: String?, triggerType: String,
                metadata: [String: String], resolvedEnv: [String: EnvValue] = [:], authParams: [String: Secret] = [:],
                podIdentityProvider: String? = nil, unresolvedAuthSources: [String] = [],
                minReplicaCount: Int? = nil, maxReplicaCount: Int? = nil) {
        self.object = object
        self.triggerIndex = triggerIndex
        self.triggerName = triggerName
        self.triggerType = triggerType
        self.metadata = metadata
        self.resolvedEnv = resolvedEnv
        self.authParams = authParams
        self.podIdentityProvider = podIdentityProvider
        self.unresolvedAuthSources = unresolvedAuthSources
        self.minReplicaCount = minReplicaCount
        self.maxReplicaCount = maxReplicaCount
    }
}

extension TriggerInputs {
    /// The inputs as KEDA's azure-eventhub scaler takes them.
    public var eventHubTrigger: EventHubTriggerMetadata {
        EventHubTriggerMetadata(metadata: metadata, resolvedEnv: resolvedEnv.mapValues(\.value),
                                authParams: authParams.mapValues(\.value), podIdentityProvider: podIdentityProvider ?? "")
    }
}

extension TriggerInputs {
    /// The empty reads this trigger sees: env variables its metadata names (`...FromEnv`), and every
    /// TriggerAuthentication parameter (KEDA hands them all to the scaler).
    public var emptyReadsTheTriggerUses: [EmptyRead] {
        let named = Set(metadata.filter { $0.key.hasSuffix("FromEnv") }.map(\.value))
        return emptyReads.filter { read in read.variable.map(named.contains) ?? true }
    }
}

/// A value KEDA reads as empty rather than failing: a `secretKeyRef`/`configMapKeyRef` key the object
/// lacks, a `secretTargetRef`/`configMapTargetRef` that finds nothing, a TriggerAuthentication not found.
public struct EmptyRead: Sendable, Equatable, CustomStringConvertible {
    /// The container env variable that reads as empty; nil for TriggerAuthentication parameters.
    public var variable: String?
    /// The TriggerAuthentication parameter that reads as empty; nil (with no variable) for all of them.
    public var parameter: String?
    /// What is missing, named: `Secret fn/orders-secrets has no key "eventhub" (env ...)`.
    public var reason: String

    public init(variable: String? = nil, parameter: String? = nil, reason: String) {
        self.variable = variable
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String {
        let what = variable.map { "env \($0)" } ?? parameter.map { "parameter \($0)" } ?? "every parameter of it"
        return "\(reason): KEDA reads \(what) as empty"
    }
}

/// A container environment value: secret when it came from a Secret (or was built from one).
public enum EnvValue: Sendable, Equatable, CustomStringConvertible {
    case plain(String)
    case secret(Secret)

    public var value: String {
        switch self {
        case let .plain(text): text
        case let .secret(secret): secret.value
        }
    }

    public var isSecret: Bool { if case .secret = self { return true } else { return false } }

    public var description: String {
        switch self {
        case let .plain(text): text
        case .secret: "<redacted>"
        }
    }
}

public enum ScalableKind: String, Sendable {
    case scaledObject = "ScaledObject"
    case scaledJob = "ScaledJob"

    package var kindRef: KindRef { self == .scaledObject ? .scaledObject : .scaledJob }
}

public struct ScalableObjectRef: Sendable, Equatable, CustomStringConvertible {
    public var kind: ScalableKind
    public var namespace: String
    public var name: String

    public init(kind: ScalableKind, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public var description: String { "\(kind.rawValue) \(namespace)/\(name)" }
}

/// Why trigger inputs could not be gathered. Names objects and keys, never values.
public enum TriggerInputError: UserFacingError, Equatable {
    case objectNotFound(kind: String, namespace: String?, name: String, referencedBy: String?)
    case unreadable(kind: String, namespace: String?, name: String, reason: String)
    case noTrigger(object: String, type: String)
    case severalTriggers(object: String, type: String, count: Int)
    case triggerNotFound(object: String, selector: String)
    case wrongTriggerType(object: String, index: Int, type: String, expected: String)
    case containerNotFound(object: String, container: String)
    case unknownAuthKind(object: String, kind: String)
    /// An unquoted number or boolean in the trigger's metadata (`1e3`, `true`): the field is a map of
    /// strings, and the API server refuses anything else, so KEDA never sees such an object.
    case nonStringMetadata(object: String, field: String, type: String)
    /// A reference KEDA fails the scaler on, with KEDA's own error (`pkg/scaling/scalers_builder.go`).
    indirect case kedaFails(TriggerInputError, keda: String)

    public var category: FailureCategory {
        if case .unreadable = self { return .remote }
        return .input
    }

    public var message: String {
        switch self {
        case let .objectNotFound(kind, namespace, name, by):
            let place = namespace.map { " in namespace \"\($0)\"" } ?? ""
            return "\(kind) \"\(name)\" not found\(place)" + (by.map { " (referenced by \($0))" } ?? "")
        case let .unreadable(kind, namespace, name, reason):
            return "cannot read \(kind) \(namespace.map { "\($0)/" } ?? "")\(name): \(reason)"
        case let .noTrigger(object, type):
            return "\(object) has no \(type) trigger"
        case let .severalTriggers(object, type, count):
            return "\(object) has \(count) \(type) triggers; choose one with --trigger INDEX|NAME"
        case let .triggerNotFound(object, selector):
            return "\(object) has no trigger \(selector)"
        case let .wrongTriggerType(object, index, type, expected):
            return "trigger \(index) of \(object) is of type \"\(type)\", not \(expected)"
        case let .containerNotFound(object, container):
            return "couldn't find container with name \(container) on the scale target of \(object)"
        case let .unknownAuthKind(object, kind):
            return "unknown trigger auth kind \(kind) in \(object) (use TriggerAuthentication or ClusterTriggerAuthentication)"
        case let .nonStringMetadata(object, field, type):
            return "\(object): \(field) is a \(type), not a string; the API server refuses it (trigger metadata "
                + "values are strings): quote the value"
        case let .kedaFails(reason, keda):
            return "\(reason.message); KEDA fails the scaler with \"\(keda)\""
        }
    }
}
