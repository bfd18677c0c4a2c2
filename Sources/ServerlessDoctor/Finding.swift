import ServerlessKubernetes

/// What a finding is about: a Kubernetes object, or a Helm values file.
public enum FindingSubject: Sendable, Equatable {
    case object(apiVersion: String, kind: String, namespace: String?, name: String)
    case helmValues(chart: String, file: String)

    public var kind: String {
        switch self {
        case let .object(_, kind, _, _): kind
        case .helmValues: "HelmValues"
        }
    }

    public var namespace: String? {
        if case let .object(_, _, namespace, _) = self { return namespace }
        return nil
    }

    /// `name` for objects, the chart for values files (what config `match.name` compares).
    public var name: String {
        switch self {
        case let .object(_, _, _, name): name
        case let .helmValues(chart, _): chart
        }
    }

    /// `Deployment fn/orders`, `HelmValues openwhisk (values.yaml)`.
    public var display: String {
        switch self {
        case let .object(_, kind, namespace, name): "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)"
        case let .helmValues(chart, file): "HelmValues \(chart) (\(file))"
        }
    }
}

/// A file and line in the user's manifests.
public struct FindingLocation: Sendable, Equatable {
    public var file: String
    public var line: Int
}

/// One problem a rule found, with the evidence and a fix the user can apply.
public struct Finding: Sendable, Equatable {
    public var id: String
    public var severity: Severity
    public var platform: Platform
    public var subject: FindingSubject
    /// Present for manifest inputs, absent for live objects.
    public var location: FindingLocation?
    public var message: String
    public var fix: String
    /// `field.path: value` lines; never a Secret's value.
    public var evidence: [String]
    public var docs: String
}

extension RuleDescription {
    /// A finding about an object; `field` is the path of the evidence (its line goes into the location).
    package func finding(_ object: KubeObject, in index: DoctorIndex, field: String? = nil, message: String,
                 fix: String? = nil, evidence: [String] = [], severity: Severity? = nil) -> Finding {
        let location = object.location.map { FindingLocation(file: $0.file, line: field.map($0.line(of:)) ?? $0.line) }
        return Finding(id: id, severity: severity ?? self.severity, platform: platform,
                       subject: .object(apiVersion: object.apiVersion, kind: object.kind,
                                        namespace: index.namespace(of: object), name: object.name),
                       location: location, message: message, fix: fix ?? self.fix, evidence: evidence, docs: docs)
    }

    /// A finding about a Helm values file; `field` is the dotted key path (`scheduler.enabled`).
    package func finding(_ values: HelmValuesDocument, field: String? = nil, message: String, fix: String? = nil,
                 evidence: [String] = [], severity: Severity? = nil) -> Finding {
        let line = values.location.map { location in field.map(location.line(of:)) ?? location.line } ?? 1
        return Finding(id: id, severity: severity ?? self.severity, platform: platform,
                       subject: .helmValues(chart: values.chart ?? "unknown", file: values.file),
                       location: FindingLocation(file: values.file, line: line),
                       message: message, fix: fix ?? self.fix, evidence: evidence, docs: docs)
    }
}
