import ServerlessSupport

/// One Kubernetes object, from a live cluster or a manifest file, as the rest of the program reads it.
public struct KubeObject: Sendable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
    public var name: String
    /// The whole object as parsed.
    public var body: Value
    /// Where it came from: a manifest file and the line its document starts on; `nil` for live objects.
    public var location: SourceLocation?

    public init(apiVersion: String, kind: String, namespace: String?, name: String, body: Value,
                location: SourceLocation? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.body = body
        self.location = location
    }

    /// `apps` for `apps/v1`, `""` for the core group (`v1`).
    public var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    public var labels: [String: String] { body["metadata"]["labels"].stringMap }
    public var annotations: [String: String] { body["metadata"]["annotations"].stringMap }
}

public struct SourceLocation: Sendable, Equatable, Hashable {
    public var file: String
    /// Line the object's document starts on.
    public var line: Int
    /// Line of each field by path (`spec.template.spec.containers[0].env[3]`), from `YAML.Document`.
    public var fieldLines: [String: Int]

    public init(file: String, line: Int, fieldLines: [String: Int] = [:]) {
        self.file = file
        self.line = line
        self.fieldLines = fieldLines
    }

    /// The line of a field, or of its nearest parent that has one, or the document's.
    public func line(of path: String) -> Int {
        var path = path
        while !path.isEmpty {
            if let line = fieldLines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return line
    }
}

extension Value {
    package var stringMap: [String: String] {
        var map: [String: String] = [:]
        for (key, value) in members { map[key] = value.string }
        return map
    }
}
