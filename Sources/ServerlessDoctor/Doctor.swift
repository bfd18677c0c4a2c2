import ServerlessKubernetes

/// The doctor's entry point: every applicable rule over one indexed store, then scoping and suppression.
public enum Doctor {
    public static func run(store: ObjectStore, options: DoctorOptions = DoctorOptions()) -> DoctorReport {
        var index = DoctorIndex(store: store, defaultNamespace: options.defaultNamespace)
        let detected = PlatformDetection.platforms(in: index)
        let active = options.platforms ?? detected
        // `general` looks at the objects of the platforms named with it, else of every platform found.
        let named = active.subtracting([.general])
        if !named.isEmpty && named != detected.subtracting([.general]) { index = index.scoped(to: named) }
        let skipped = options.skip.union(options.config.skip)
        let rules = Catalogue.all.filter { rule in
            let description = rule.description
            guard active.contains(description.platform) || !description.alsoFor.isDisjoint(with: active) else { return false }
            if !options.only.isEmpty && !options.only.contains(description.id) { return false }
            return !skipped.contains(description.id)
        }

        var findings: [Finding] = []
        var notJudged: [NotJudged] = []
        var skippedFindings = 0
        // Namespace mode keeps what it says about the control planes the namespace relies on (KD-VER-001 on
        // the KEDA operator in `keda` when the user asked about `fn`).
        let controlPlane = Set(DoctorLive.controlPlaneWorkloads(in: index).map { object in
            ObjectName(kind: object.kind, namespace: index.namespace(of: object), name: object.name)
        })
        // Rules are pure functions of the index: they run on every core, and their findings are taken in
        // catalogue order, so the report is the same as one after the other.
        let checked = rules.parallelMap { rule in rule.check(index) }
        for (rule, ruleFindings) in zip(rules, checked) {
            let description = rule.description
            if description.needs == .live && !index.isLive {
                notJudged.append(NotJudged(id: description.id, platform: description.platform, title: description.title,
                    reason: "needs a live cluster: \(description.liveOnly ?? "state that manifests do not hold")"))
            }
            for finding in ruleFindings {
                if let scope = options.namespace, let namespace = finding.subject.namespace, namespace != scope,
                   !controlPlane.contains(ObjectName(kind: finding.subject.kind, namespace: namespace, name: finding.subject.name)) { continue }
                if options.config.skips(finding) || SkipAnnotation.skips(finding, in: index) {
                    skippedFindings += 1
                    continue
                }
                findings.append(finding)
            }
        }
        findings = Self.sorted(findings)

        let inScope = store.objects.filter { object in
            guard let scope = options.namespace, let namespace = index.namespace(of: object) else { return true }
            return namespace == scope
        }.count + store.helmValues.count
        let summary = DoctorReport.Summary(objects: inScope,
                                           error: findings.filter { $0.severity == .error }.count,
                                           warning: findings.filter { $0.severity == .warning }.count,
                                           info: findings.filter { $0.severity == .info }.count,
                                           skipped: skippedFindings)
        return DoctorReport(source: store.source, platforms: active.sorted(), findings: findings, notJudged: notJudged,
                            summary: summary, failOn: options.effectiveFailOn, rules: rules.map(\.description))
    }

    /// Platform, then the worst first, then id, object and line: the same input always prints the same.
    package static func sorted(_ findings: [Finding]) -> [Finding] {
        let platforms = Dictionary(uniqueKeysWithValues: Platform.allCases.enumerated().map { ($1, $0) })
        let severities: [Severity: Int] = [.error: 0, .warning: 1, .info: 2]
        return findings.map { finding in
            (finding, platforms[finding.platform]!, severities[finding.severity]!, finding.subject.display, finding.location?.line ?? 0)
        }.sorted { a, b in
            if a.1 != b.1 { return a.1 < b.1 }
            if a.2 != b.2 { return a.2 < b.2 }
            if a.0.id != b.0.id { return a.0.id < b.0.id }
            if a.3 != b.3 { return a.3 < b.3 }
            return a.4 < b.4
        }.map(\.0)
    }
}
