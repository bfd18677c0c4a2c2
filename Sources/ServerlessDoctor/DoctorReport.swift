import ServerlessKubernetes

/// A rule that applies but could not be judged from this input (a live-only fact on manifests).
public struct NotJudged: Sendable, Equatable {
    public var id: String
    public var platform: Platform
    public var title: String
    public var reason: String
}

/// The result of a doctor run: what the renderers print and the exit decision.
public struct DoctorReport: Sendable {
    public struct Summary: Sendable, Equatable {
        public var objects: Int
        public var error: Int
        public var warning: Int
        public var info: Int
        /// Findings left out for their object: `kubectl-serverless/skip-checks` or the config file's `objects`.
        public var skipped: Int = 0
    }

    public var source: ObjectStore.Source
    /// Platforms whose checks ran (found in the input, or named with `--platform`).
    public var platforms: [Platform]
    public var findings: [Finding]
    public var notJudged: [NotJudged]
    public var summary: Summary
    public var failOn: FailOn
    /// The descriptions of the rules that ran (SARIF and JUnit list them).
    public var rules: [RuleDescription]

    /// 1 when any finding is at or above `--fail-on`, else 0.
    public var exitCode: Int32 {
        guard let threshold = failOn.threshold else { return 0 }
        return findings.contains { $0.severity >= threshold } ? 1 : 0
    }
}
