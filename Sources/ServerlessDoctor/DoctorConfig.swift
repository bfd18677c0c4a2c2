import ServerlessKubernetes
import ServerlessSupport

/// `.kubectl-serverless.yaml`: a default for `--fail-on`, checks skipped everywhere, and checks skipped
/// for some objects (`match` on kind, namespace, name; a name may end in `*`).
public struct DoctorConfig: Sendable, Equatable {
    public struct ObjectRule: Sendable, Equatable {
        public var kind: String?
        public var namespace: String?
        public var name: String?
        public var skip: Set<String>

        package func matches(_ subject: FindingSubject) -> Bool {
            if let kind, kind != subject.kind { return false }
            if let namespace, namespace != subject.namespace { return false }
            if let name {
                if name.hasSuffix("*") { return subject.name.hasPrefix(String(name.dropLast())) }
                return name == subject.name
            }
            return true
        }
    }

    public var failOn: FailOn?
    public var skip: Set<String>
    public var objects: [ObjectRule]

    public init(failOn: FailOn? = nil, skip: Set<String> = [], objects: [ObjectRule] = []) {
        self.failOn = failOn
        self.skip = skip
        self.objects = objects
    }

    public static let fileName = ".kubectl-serverless.yaml"

    /// Whether a finding is skipped for its object by an `objects:` entry.
    public func skips(_ finding: Finding) -> Bool {
        objects.contains { $0.skip.contains(finding.id) && $0.matches(finding.subject) }
    }

    /// Parses the file's text; `file` names it in errors (`.kubectl-serverless.yaml:4: ...`).
    public static func parse(_ text: String, file: String = fileName, knownIDs: Set<String> = Catalogue.ids) throws -> DoctorConfig {
        func fail(_ line: Int?, _ reason: String) -> ManifestError {
            ManifestError(file: file, line: line, reason: reason)
        }
        let documents: [YAML.Document]
        do { documents = try YAML.documents(text) } catch let error as YAML.SyntaxError {
            throw fail(error.line, error.reason)
        }
        guard let document = documents.first(where: { !$0.value.isNull }) else { return DoctorConfig() }
        let lines = SourceLocation(file: file, line: document.line, fieldLines: document.fieldLines)
        guard case .object = document.value else { throw fail(document.line, "expected a mapping with failOn, skip, objects") }

        func ids(_ value: Value, at path: String) throws -> Set<String> {
            guard case let .array(items) = value else {
                throw fail(lines.line(of: path), "\(path) must be a list of check ids, e.g. [AF-LOCK-001]")
            }
            var out: Set<String> = []
            for (index, item) in items.enumerated() {
                guard let id = item.string?.uppercased(), knownIDs.contains(id) else {
                    throw fail(lines.line(of: "\(path)[\(index)]"), "unknown check id \"\(item.string ?? "")\" in \(path); see kubectl serverless doctor --list-checks")
                }
                out.insert(id)
            }
            return out
        }

        var config = DoctorConfig()
        for (key, value) in document.value.members {
            switch key {
            case "failOn":
                guard let text = value.string, let failOn = FailOn(rawValue: text.lowercased()) else {
                    throw fail(lines.line(of: key), "failOn must be one of error, warning, info, none")
                }
                config.failOn = failOn
            case "skip":
                config.skip = try ids(value, at: "skip")
            case "objects":
                guard case let .array(entries) = value else {
                    throw fail(lines.line(of: key), "objects must be a list of {match: {kind, namespace, name}, skip: [...]}")
                }
                for (index, entry) in entries.enumerated() {
                    let path = "objects[\(index)]"
                    let match = entry["match"]
                    guard case .object = match else {
                        throw fail(lines.line(of: path), "\(path) needs match: {kind, namespace, name}")
                    }
                    for member in match.members where !["kind", "namespace", "name"].contains(member.key) {
                        throw fail(lines.line(of: "\(path).match.\(member.key)"), "unknown key \"\(member.key)\" in \(path).match; use kind, namespace, name")
                    }
                    config.objects.append(ObjectRule(kind: match["kind"].string, namespace: match["namespace"].string,
                                                     name: match["name"].string,
                                                     skip: try ids(entry["skip"], at: "\(path).skip")))
                }
            default:
                throw fail(lines.line(of: key), "unknown key \"\(key)\"; the config file takes failOn, skip, objects")
            }
        }
        return config
    }
}
