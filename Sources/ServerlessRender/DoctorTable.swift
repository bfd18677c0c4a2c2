import ServerlessDoctor

/// The doctor's table: findings grouped by platform, worst first, with a summary line; `wide` adds
/// location, evidence and fix. Without headers: one flat table (platform as a column), nothing else.
package enum DoctorTable {
    package static func render(_ report: DoctorReport, wide: Bool, style: Style, showHeaders: Bool) -> String {
        var headers = ["severity", "check", "object", "message"]
        if wide { headers += ["location", "evidence", "fix"] }
        func row(_ finding: Finding) -> [String] {
            var cells = [finding.severity.painted(style), finding.id, finding.subject.display, finding.message]
            if wide {
                cells += [finding.location.map { "\($0.file):\($0.line)" } ?? "-",
                          finding.evidence.isEmpty ? "-" : finding.evidence.joined(separator: "; "), finding.fix]
            }
            return cells
        }
        guard showHeaders else {
            return Table(headers: ["platform"] + headers,
                         rows: report.findings.map { [$0.platform.rawValue] + row($0) }).render(showHeaders: false)
        }

        var out = ""
        for platform in Platform.allCases {
            let findings = report.findings.filter { $0.platform == platform }
            guard !findings.isEmpty else { continue }
            if !out.isEmpty { out += "\n" }
            out += style.bold(platform.rawValue.uppercased()) + "\n"
            out += Table(headers: headers, rows: findings.map(row)).render()
        }
        if !report.notJudged.isEmpty {
            if !out.isEmpty { out += "\n" }
            out += style.bold("NOT JUDGED ON MANIFESTS") + " (need a live cluster)\n"
            out += Table(headers: ["check", "title", "needs"],
                         rows: report.notJudged.map { [$0.id, $0.title, Catalogue.rule($0.id)?.description.liveOnly ?? "live state"] }).render()
        }
        if !out.isEmpty { out += "\n" }
        out += summaryLine(report, style: style) + "\n"
        return out
    }

    package static func summaryLine(_ report: DoctorReport, style: Style) -> String {
        let summary = report.summary
        let source: String
        switch report.source {
        case let .cluster(context): source = "cluster \(context)"
        case let .manifests(paths): source = "manifests \(paths.joined(separator: ", "))"
        }
        let platforms = report.platforms.isEmpty ? "no serverless platform found" : "platforms \(report.platforms.map(\.rawValue).joined(separator: ", "))"
        let skipped = summary.skipped == 0 ? "" : " \(summary.skipped) finding\(summary.skipped == 1 ? "" : "s") skipped for their objects (skip-checks)."
        if report.findings.isEmpty {
            return style.green("No problems found") + " in \(summary.objects) objects (\(source); \(platforms))." + skipped
        }
        func count(_ n: Int, _ word: String, _ paint: (String) -> String) -> String {
            let text = "\(n) \(word)\(n == 1 || word == "info" ? "" : "s")"
            return n > 0 ? paint(text) : text
        }
        return "\(count(summary.error, "error", style.red)), \(count(summary.warning, "warning", style.yellow)), \(count(summary.info, "info", style.cyan)) in \(summary.objects) objects (\(source); \(platforms))." + skipped
    }
}
