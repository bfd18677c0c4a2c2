/// What KEDA hands the azure-eventhub scaler: the trigger's metadata, the scale target's
/// resolved container environment (for `...FromEnv`), the TriggerAuthentication parameters,
/// and the pod identity provider (`""`, `none` or `azure-workload`).
public struct EventHubTriggerMetadata: Sendable {
    public var metadata: [String: String]
    public var resolvedEnv: [String: String]
    public var authParams: [String: String]
    public var podIdentityProvider: String

    public init(metadata: [String: String], resolvedEnv: [String: String] = [:],
                authParams: [String: String] = [:], podIdentityProvider: String = "") {
        self.metadata = metadata
        self.resolvedEnv = resolvedEnv
        self.authParams = authParams
        self.podIdentityProvider = podIdentityProvider
    }

    package enum Source { case triggerMetadata, resolvedEnv, authParams }

    /// v2.18+ typed config lookup: first source with a non-empty trimmed value.
    package func typedValue(_ name: String, _ order: [Source]) -> String? {
        for source in order {
            let raw: String?
            switch source {
            case .triggerMetadata: raw = metadata[name]
            case .authParams: raw = authParams[name]
            case .resolvedEnv: raw = resolvedEnv[metadata["\(name)FromEnv"] ?? ""]
            }
            if let raw {
                let trimmed = GoText.trimSpace(raw)
                if !trimmed.isEmpty { return trimmed }
            }
        }
        return nil
    }

    /// Up to v2.17: `metadata[name]` if non-empty, else the env variable named by `nameFromEnv`.
    package func legacyValueOrFromEnv(_ name: String) -> String {
        if let value = metadata[name], !value.isEmpty { return value }
        if let envName = metadata["\(name)FromEnv"], !envName.isEmpty { return resolvedEnv[envName] ?? "" }
        return ""
    }

    /// An auth parameter as the inputs hold it, before any parsing: `authParams[name]`, else the env
    /// variable `nameFromEnv` names; nil when neither is set.
    public func authParameter(_ name: String) -> String? {
        let value = legacyAuthOrFromEnv(name)
        return value.isEmpty ? nil : value
    }

    /// Up to v2.17: `authParams[name]` if non-empty, else the env variable named by `nameFromEnv`.
    package func legacyAuthOrFromEnv(_ name: String) -> String {
        if let value = authParams[name], !value.isEmpty { return value }
        if let envName = metadata["\(name)FromEnv"], !envName.isEmpty { return resolvedEnv[envName] ?? "" }
        return ""
    }
}
