import ServerlessDoctor

/// JUnit XML for CI dashboards: one testsuite per platform, one testcase per rule and object it found
/// something on (a failure when at or above `--fail-on`), one passing testcase per rule that found
/// nothing, and skipped testcases for rules not judged on manifests.
package enum DoctorJUnit {
    package static func render(_ report: DoctorReport) -> String {
        let threshold = report.failOn.threshold
        var suites = ""
        var totals = (tests: 0, failures: 0, skipped: 0)
        for platform in Platform.allCases {
            let rules = report.rules.filter { $0.platform == platform }
            guard !rules.isEmpty else { continue }
            var cases = ""
            var counts = (tests: 0, failures: 0, skipped: 0)
            for rule in rules {
                let findings = report.findings.filter { $0.id == rule.id }
                let notJudged = report.notJudged.first { $0.id == rule.id }
                if findings.isEmpty {
                    counts.tests += 1
                    let name = escape("\(rule.id) \(rule.title)")
                    if let notJudged {
                        counts.skipped += 1
                        cases += "    <testcase classname=\"\(escape(platform.rawValue)).\(escape(rule.id))\" name=\"\(name)\">\n"
                        cases += "      <skipped message=\"\(escape(notJudged.reason))\"/>\n    </testcase>\n"
                    } else {
                        cases += "    <testcase classname=\"\(escape(platform.rawValue)).\(escape(rule.id))\" name=\"\(name)\"/>\n"
                    }
                    continue
                }
                for finding in findings {
                    counts.tests += 1
                    let name = escape("\(rule.id) \(finding.subject.display)")
                    cases += "    <testcase classname=\"\(escape(platform.rawValue)).\(escape(rule.id))\" name=\"\(name)\">\n"
                    let body = escape(([finding.message, "fix: \(finding.fix)"]
                        + (finding.location.map { ["location: \($0.file):\($0.line)"] } ?? [])
                        + finding.evidence.map { "evidence: \($0)" }).joined(separator: "\n"))
                    if let threshold, finding.severity >= threshold {
                        counts.failures += 1
                        cases += "      <failure type=\"\(finding.severity.rawValue)\" message=\"\(escape(finding.message))\">\(body)</failure>\n"
                    } else {
                        cases += "      <system-out>\(finding.severity.rawValue): \(body)</system-out>\n"
                    }
                    cases += "    </testcase>\n"
                }
            }
            suites += "  <testsuite name=\"\(escape(platform.rawValue))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"0\" skipped=\"\(counts.skipped)\">\n"
            suites += cases + "  </testsuite>\n"
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.skipped += counts.skipped
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"kubectl-serverless doctor\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"0\" skipped=\"\(totals.skipped)\">\n"
            + suites + "</testsuites>\n"
    }

    /// XML 1.0 text and attribute escaping; characters XML cannot carry at all are dropped.
    package static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && value != 0xFFFE && value != 0xFFFF
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
