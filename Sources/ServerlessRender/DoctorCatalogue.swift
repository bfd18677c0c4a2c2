import Foundation
import ServerlessDoctor
import ServerlessSupport

/// `--list-checks` and CHECKS.md, both from the rules' own descriptions.
public struct DoctorCatalogue: OutputDocument {
    public var descriptions: [RuleDescription]

    public init(_ descriptions: [RuleDescription] = Catalogue.descriptions) { self.descriptions = descriptions }

    /// A list of checks has no findings to put in SARIF results or JUnit test cases: those exit 2.
    public static let formats: [OutputFormat] = [.table, .wide, .json, .yaml]
    public static let documentName = "--list-checks"

    /// A table (wide adds needs), or `-o json|yaml` as `[{"id","platform","severity","title","fix","needs"}]`.
    public func printout(_ format: OutputFormat, _ settings: PrintSettings) -> Printout {
        let style = settings.style
        let text: String = switch format {
        case .json: JSON.text(DoctorValue.catalogue(descriptions)) + "\n"
        case .yaml: YAML.text(DoctorValue.catalogue(descriptions))
        case .wide:
            Table(headers: ["id", "platform", "severity", "needs", "title", "fix"],
                  rows: descriptions.map { [$0.id, $0.platform.rawValue, $0.severity.painted(style), $0.needs.rawValue, $0.title, $0.fix] })
                .render(showHeaders: settings.showHeaders)
        default:
            Table(headers: ["id", "platform", "severity", "title", "fix"],
                  rows: descriptions.map { [$0.id, $0.platform.rawValue, $0.severity.painted(style), $0.title, $0.fix] })
                .render(showHeaders: settings.showHeaders)
        }
        return Printout(stdout: text)
    }

    /// `--list-checks` as stdout text.
    public static func render(_ descriptions: [RuleDescription] = Catalogue.descriptions, format: OutputFormat,
                              style: Style = .plain, showHeaders: Bool = true) -> String {
        DoctorCatalogue(descriptions).render(format: format, style: style, showHeaders: showHeaders)
    }

    /// CHECKS.md: every rule with id, platform, severity, needs, title, rationale, fix and examples.
    public static func markdown(_ descriptions: [RuleDescription] = Catalogue.descriptions) -> String {
        var out = """
            # kubectl serverless doctor: the checks

            <!-- Generated from the rule descriptions in Sources/ServerlessDoctor/Rules; do not edit.
                 Regenerate: UPDATE_CHECKS_MD=1 swift test --filter ChecksDocumentTests -->

            Every check the doctor runs, with the examples its tests run: each "triggers" example produces
            the finding, each "does not trigger" example produces none. Ids never change meaning.
            `needs: live` checks need a cluster; on manifests they read only the status fields present in
            the files and are listed as not judged. Run `kubectl serverless doctor --list-checks` for the short form.


            """
        out += "| id | platform | severity | needs | title |\n|---|---|---|---|---|\n"
        for rule in descriptions {
            out += "| [\(rule.id)](#\(rule.anchor)) | \(rule.platform.rawValue) | \(rule.severity.rawValue) | \(rule.needs.rawValue) | \(cell(prose(rule.title))) |\n"
        }
        for platform in Platform.allCases {
            let rules = descriptions.filter { $0.platform == platform }
            guard !rules.isEmpty else { continue }
            out += "\n## \(platform.rawValue)\n"
            for rule in rules {
                out += "\n<a id=\"\(rule.anchor)\"></a>\n### \(rule.id): \(prose(rule.title))\n\n"
                out += "- platform: \(rule.platform.rawValue)\(rule.alsoFor.isEmpty ? "" : " (also run for \(rule.alsoFor.map(\.rawValue).sorted().joined(separator: ", ")))")\n"
                out += "- severity: \(rule.severity.rawValue)\n"
                out += "- needs: \(rule.needs.rawValue)\(rule.liveOnly.map { " (\($0))" } ?? "")\n\n"
                out += prose(rule.rationale) + "\n\n"
                out += "**Fix:** \(prose(rule.fix))\n"
                if !rule.references.isEmpty {
                    out += "\n**References:** \(rule.references.joined(separator: ", "))\n"
                }
                for example in rule.triggeringExamples {
                    out += "\nTriggers:\n\n```yaml\n\(example)\n```\n"
                }
                for example in rule.nonTriggeringExamples {
                    out += "\nDoes not trigger:\n\n```yaml\n\(example)\n```\n"
                }
            }
        }
        return out
    }

    /// Plain text into Markdown: `<port>` must not become an HTML tag, nor `*` emphasis.
    private static func prose(_ text: String) -> String {
        text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "*", with: "\\*")
    }

    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
