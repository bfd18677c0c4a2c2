/// What `checkpoints -A`, `-n NS` and `-l` found: one item per azure-eventhub trigger (its report, or why it
/// could not be inspected), plus one per namespace whose objects could not be listed.
public struct CheckpointReportList: Sendable {
    public struct Item: Sendable {
        /// The object (`ScaledObject`/`ScaledJob`); nil name for a namespace that could not be listed.
        public var kind: String
        public var namespace: String?
        public var name: String?
        /// The trigger's name when it has one, else its index in `spec.triggers`.
        public var triggerIndex: Int?
        public var triggerName: String?
        public var report: CheckpointReport?
        /// Why there is no report (bad settings, a missing Secret, a refused list), with its remedy.
        public var failure: ReportFailure?
        public var failureExitCode: Int32 = 0
        /// Between this `--watch` round and the one before; nil in the first round.
        public var rate: CheckpointRate?

        public init(kind: String, namespace: String?, name: String?, triggerIndex: Int?, triggerName: String?,
                    report: CheckpointReport? = nil, failure: ReportFailure? = nil, failureExitCode: Int32 = 0) {
            self.kind = kind
            self.namespace = namespace
            self.name = name
            self.triggerIndex = triggerIndex
            self.triggerName = triggerName
            self.report = report
            self.failure = failure
            self.failureExitCode = failureExitCode
        }

        public var exitCode: Int32 { report?.exitCode ?? failureExitCode }

        /// `trigger 0`, `trigger orders-in`: how messages name the trigger.
        public var triggerText: String { triggerName ?? triggerIndex.map(String.init) ?? "-" }

        /// `ScaledObject fn/orders trigger 0`, or `ScaledObjects in namespace fn` for a listing failure.
        public var description: String {
            guard let name else { return "\(kind)s in " + (namespace.map { "namespace \($0)" } ?? "the cluster") }
            return "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name) trigger \(triggerText)"
        }
    }

    public enum SortKey: String, Sendable, CaseIterable {
        case name, namespace, unprocessed
    }

    public var items: [Item]

    public init(items: [Item]) { self.items = items }

    /// The worst item's exit code: 3 (a request failed) over 2 (unusable settings) over 1 (checkpoints amiss) over 0.
    public var exitCode: Int32 { items.map(\.exitCode).max() ?? 0 }

    /// By namespace and name (kubectl's order, also for `namespace`), or the largest backlog first; items
    /// without a report come last.
    public func sorted(by key: SortKey) -> CheckpointReportList {
        func place(_ item: Item) -> (String, String, String, Int) {
            (item.namespace ?? "", item.name ?? "", item.kind, item.triggerIndex ?? -1)
        }
        switch key {
        case .name, .namespace:
            return CheckpointReportList(items: items.sorted { place($0) < place($1) })
        case .unprocessed:
            return CheckpointReportList(items: items.sorted { lhs, rhs in
                let (left, right) = (lhs.report?.totalUnprocessedEvents ?? -1, rhs.report?.totalUnprocessedEvents ?? -1)
                return left != right ? left > right : place(lhs) < place(rhs)
            })
        }
    }
}
