import ServerlessSupport

/// Azure's rules for container names ("Naming and Referencing Containers, Blobs, and Metadata"): 3 to 63
/// characters, lowercase letters, digits and hyphens, starting and ending with a letter or digit, no two
/// hyphens together; `$root`, `$logs` and `$web` are the service's own. The service answers any other name
/// with 400 InvalidResourceName, so a name that breaks them is said before any request is sent.
public enum BlobContainerName {
    public struct Invalid: UserFacingError, Equatable {
        public let name: String
        public let rule: String
        public var category: FailureCategory { .input }
        public var message: String {
            "invalid blob container name \"\(name)\": \(rule) (Azure would answer InvalidResourceName)"
        }
        public var hint: String? {
            "Azure container names are 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit"
        }
    }

    public static func validate(_ name: String) throws(Invalid) {
        if ["$root", "$logs", "$web"].contains(name) { return }
        func invalid(_ rule: String) -> Invalid { Invalid(name: name, rule: rule) }
        guard (3...63).contains(name.count) else { throw invalid("it has \(name.count) characters, not 3 to 63") }
        if let bad = name.first(where: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-") }) {
            throw invalid(bad.isUppercase ? "upper-case letters are not allowed" : "'\(bad)' is not allowed")
        }
        guard name.first != "-", name.last != "-" else { throw invalid("it must start and end with a letter or digit") }
        guard !name.contains("--") else { throw invalid("two hyphens in a row are not allowed") }
    }
}
