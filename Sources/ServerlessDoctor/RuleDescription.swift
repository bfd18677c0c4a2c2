import ServerlessKubernetes

/// Where a rule's evidence comes from: visible in manifests (and live objects), or only in a live cluster.
public enum Needs: String, Sendable {
    case manifests, live
}

/// Everything a rule says about itself: what `--list-checks`, CHECKS.md and the findings print.
/// The examples are small manifests (multi-document YAML) that the tests run: each triggering one
/// must produce a finding with this id, each non-triggering one none.
public struct RuleDescription: Sendable {
    public var id: String
    public var platform: Platform
    /// Also run when only these platforms are present (KEDA rules about Functions apps, say).
    public var alsoFor: Set<Platform>
    public var severity: Severity
    public var title: String
    public var rationale: String
    public var fix: String
    public var needs: Needs
    /// For `needs: .live`: what only a cluster shows; printed as the reason on manifests.
    public var liveOnly: String?
    /// Issues and sources behind the rule (`Azure/azure-functions-host#10266`).
    public var references: [String]
    public var triggeringExamples: [String]
    public var nonTriggeringExamples: [String]

    public init(id: String, platform: Platform, alsoFor: Set<Platform> = [], severity: Severity, title: String,
                rationale: String, fix: String, needs: Needs = .manifests, liveOnly: String? = nil,
                references: [String] = [], triggeringExamples: [String], nonTriggeringExamples: [String]) {
        self.id = id
        self.platform = platform
        self.alsoFor = alsoFor
        self.severity = severity
        self.title = title
        self.rationale = rationale
        self.fix = fix
        self.needs = needs
        self.liveOnly = liveOnly
        self.references = references
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
    }

    /// `CHECKS.md#af-lock-001`.
    public var anchor: String { id.lowercased() }
    /// Where a user reads about the check: the doctor's man page (shipped in every release
    /// archive), section CHECKS, under the check's id.
    public var docs: String { "man kubectl-serverless-doctor (CHECKS: \(id))" }
}

/// One check: a description and a pure function of the indexed store.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    func check(_ index: DoctorIndex) -> [Finding]
}

extension Rule {
    public var description: RuleDescription { Self.description }

    /// Runs the rule on a store alone (tests, examples): every namespace, `default` for objects without one.
    public func check(store: ObjectStore) -> [Finding] { check(DoctorIndex(store: store)) }
}
