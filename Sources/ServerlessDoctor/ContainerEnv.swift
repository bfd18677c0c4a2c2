import ServerlessKubernetes

/// What a container's environment holds, as far as the input shows: `env` entries and the keys of
/// the Secrets/ConfigMaps its `envFrom` names. A key in a source we could not read is "unknown",
/// so rules that report something *missing* stay quiet rather than guess.
public struct ContainerEnv: Sendable {
    public enum Presence: Sendable, Equatable {
        /// Set to a non-empty literal, from a `valueFrom`, or from an `envFrom` source key.
        case set(evidence: String, path: String, literal: String?)
        /// Absent, or set to "".
        case unset
        /// Not in `env`, but an `envFrom` source we cannot see might hold it.
        case unknown

        public var isSet: Bool { if case .set = self { return true } else { return false } }
        public var isUnset: Bool { self == .unset }
        public var literal: String? { if case let .set(_, _, literal) = self { return literal } else { return nil } }
        public var evidence: String? { if case let .set(evidence, _, _) = self { return evidence } else { return nil } }
        public var path: String? { if case let .set(_, path, _) = self { return path } else { return nil } }
    }

    /// Where a name is set; the evidence text is built only when a rule asks.
    package struct Entry: Sendable {
        package var path: String
        package var name: String
        package var literal: String?
        package var source: (kind: String, name: String, key: String)?
        package var empty: Bool
    }

    private var entries: [String: Entry] = [:]
    /// Some envFrom source is not in the input (or unreadable): absent names are only "unknown".
    public private(set) var hasUnknownSource = false

    package init(container: Container, namespace: String?, index: DoctorIndex) {
        for source in container.envFrom {
            guard let keys = index.dataKeys(kind: source.kind.rawValue, namespace: namespace, name: source.name) else {
                if !source.optional { hasUnknownSource = true }
                continue
            }
            for key in keys {
                entries[source.prefix + key] = Entry(path: source.path, name: source.prefix + key, literal: nil,
                                                     source: (source.kind.rawValue, source.name, key), empty: false)
            }
        }
        for variable in container.env where !variable.name.isEmpty {
            let literal = variable.literal
            entries[variable.name] = Entry(path: variable.path, name: variable.name, literal: literal, source: nil,
                                           empty: literal?.isEmpty ?? false)
        }
    }

    private func presence(_ entry: Entry) -> Presence {
        if entry.empty { return .unset }
        if let source = entry.source {
            return .set(evidence: "\(entry.path): \(source.kind) \(source.name) has key \(source.key)", path: entry.path, literal: nil)
        }
        if let literal = entry.literal {
            return .set(evidence: "\(entry.path): \(entry.name)=\(Evidence.shown(name: entry.name, value: literal))",
                        path: entry.path, literal: literal)
        }
        return .set(evidence: "\(entry.path): \(entry.name) (valueFrom)", path: entry.path, literal: nil)
    }

    public subscript(name: String) -> Presence {
        if let entry = entries[name] { return presence(entry) }
        return hasUnknownSource ? .unknown : .unset
    }

    /// Names visible in the input (env and known envFrom keys).
    package var knownNames: Dictionary<String, Entry>.Keys { entries.keys }

    /// The first name set with this prefix (`AzureWebJobsStorage__`), if any.
    public func firstSet(prefix: String) -> (name: String, presence: Presence)? {
        entries.filter { $0.key.hasPrefix(prefix) && !$0.value.empty }.min { $0.key < $1.key }.map { ($0.key, presence($0.value)) }
    }
}
