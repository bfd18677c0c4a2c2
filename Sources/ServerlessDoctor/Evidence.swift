import ServerlessSupport

/// Evidence lines are printed, put in JSON and SARIF: values that may be credentials never appear.
package enum Evidence {
    /// Words in a variable or key name that mark its value as a credential.
    package static let secretWords = ["password", "secret", "token", "key", "connection", "jaas", "sas", "credential",
                              "azurewebjobsstorage"]

    package static func shown(name: String, value: String) -> String {
        let lower = name.lowercased()
        if secretWords.contains(where: lower.contains) { return "<redacted>" }
        return Redact.url(Redact.connectionString(value))
    }

    /// `path: value` for a scalar field of a non-Secret object (metadata, trigger settings, Helm values).
    package static func field(_ path: String, _ value: Value) -> String {
        let text = value.string ?? (value.isNull ? "(not set)" : "…")
        return "\(path): \(Redact.url(Redact.connectionString(text)))"
    }
}
