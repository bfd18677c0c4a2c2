/// The doctor's entry point: every applicable rule over one indexed store, then scoping and suppression.
public enum Doctor {
    public static func run(store: ObjectStore, options: DoctorOptions = DoctorOptions()) -> DoctorReport {
        let index = DoctorIndex(store: store, defaultNamespace: options.defaultNamespace)
        let detected = PlatformDetection.platforms(in: index)
        let active = options.platforms ?? detected
        let skipped = options.skip.union(options.config.skip)
        let rules = Catalogue.all.filter { rule in
            let description = rule.description
            guard active.contains(description.platform) || !description.alsoFor.isDisjoint(with: active) else { return false }
            if !options.only.isEmpty && !options.only.contains(description.id) { return false }
            return !skipped.contains(description.id)
        }

        var findings: [Finding] = []
        var notJudged: [NotJudged] = []
        for rule in rules {
            let description = rule.description
            if description.needs == .live && !index.isLive {
                notJudged.append(NotJudged(id: description.id, platform: description.platform, title: description.title,
                    reason: "needs a live cluster (\(description.liveOnly ?? "state not in manifests")); only status fields present in the files were read"))
            }
            for finding in rule.check(index) {
                if let scope = options.namespace, let namespace = finding.subject.namespace, namespace != scope { continue }
                if options.config.skips(finding) { continue }
                findings.append(finding)
            }
        }
        findings.sort(by: Self.order)

        let inScope = store.objects.filter { object in
            guard let scope = options.namespace, let namespace = index.namespace(of: object) else { return true }
            return namespace == scope
        }.count + store.helmValues.count
        let summary = DoctorReport.Summary(objects: inScope,
                                           error: findings.filter { $0.severity == .error }.count,
                                           warning: findings.filter { $0.severity == .warning }.count,
                                           info: findings.filter { $0.severity == .info }.count)
        return DoctorReport(source: store.source, platforms: active.sorted(), findings: findings, notJudged: notJudged,
                            summary: summary, failOn: options.effectiveFailOn, rules: rules.map(\.description))
    }

    /// Platform, then the worst first, then id, object and line: the same input always prints the same.
    static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.platform != b.platform { return a.platform < b.platform }
        if a.severity != b.severity { return a.severity > b.severity }
        if a.id != b.id { return a.id < b.id }
        if a.subject.display != b.subject.display { return a.subject.display < b.subject.display }
        return (a.location?.line ?? 0) < (b.location?.line ?? 0)
    }
}
