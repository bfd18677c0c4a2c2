/// A parsed YAML or JSON document: what Kubernetes objects, Helm values and API responses are read as.
/// Scalars keep YAML's distinctions that matter to us (a quoted "true" is a string, not a bool).
public indirect enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([Value])
    /// Keys in document order, so output and evidence follow what the user wrote.
    case object([(key: String, value: Value)])

    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// Member of an object; `.null` when absent or when this is not an object.
    public subscript(key: String) -> Value {
        if case let .object(members) = self { return members.last { $0.key == key }?.value ?? .null }
        return .null
    }

    /// Element of an array; `.null` when out of range.
    public subscript(index: Int) -> Value {
        if case let .array(items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }
    public var array: [Value] { if case let .array(items) = self { return items } else { return [] } }
    public var members: [(key: String, value: Value)] {
        if case let .object(members) = self { return members } else { return [] }
    }

    /// The scalar as Kubernetes would see it in a string field (env values, annotations, metadata).
    public var string: String? {
        switch self {
        case let .string(s): s
        case let .int(i): String(i)
        case let .double(d): String(d)
        case let .bool(b): String(b)
        default: nil
        }
    }

    public var int: Int64? {
        switch self {
        case let .int(i): i
        case let .string(s): Int64(s)
        default: nil
        }
    }

    public var bool: Bool? {
        switch self {
        case let .bool(b): b
        case let .string(s): Bool(s.lowercased())
        default: nil
        }
    }
}
