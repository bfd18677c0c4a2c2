import ServerlessDoctor
import ServerlessKubernetes


/// A section a page adds beyond what the command tree says: the doctor's rule catalogue, the
/// environment the plugin reads. Plain text in, so its authors need not know mdoc.
struct ManualSection {
    var title: String
    var paragraphs: [String] = []
    /// A tagged list (`AF-LOCK-001` -> what it checks and the fix).
    var entries: [(tag: String, text: String)] = []
    /// How tags are set: environment variables (`Ev`) or literal names such as check ids (`Sy`).
    var tagMacro = "Sy"

    /// The extra sections for the command at `path` (`[]` is the root, `["doctor"]` the doctor).
    static func extra(for path: [String]) -> [ManualSection] {
        switch path {
        case []:
            return [environment]
        case ["doctor"]:
            return [checks(Catalogue.descriptions.map {
                ($0.id, $0.platform.rawValue, $0.severity.rawValue, $0.title, $0.fix)
            })]
        default:
            return []
        }
    }

    /// The doctor's rule catalogue, one entry per check id, in the catalogue's order.
    static func checks(_ rules: [(id: String, platform: String, severity: String, title: String, fix: String)]) -> ManualSection {
        ManualSection(
            title: "CHECKS",
            paragraphs: ["Every check has a stable id; skip one with --skip ID or in .kubectl-serverless.yaml."],
            entries: rules.map { ($0.id, "\($0.title) (\($0.platform), \($0.severity)). Fix: \($0.fix)") })
    }

    static let environment = ManualSection(
        title: "ENVIRONMENT",
        entries: [
            ("KUBECONFIG", "Kubeconfig files to merge, as for kubectl, when --kubeconfig is not given."),
            ("NO_COLOR", "When set, output is never coloured (as --no-color)."),
            ("KUBECTL_PATH", "Set by kubectl for plugins; completion runs this kubectl to list live names."),
            ("KREW_ROOT", "Where krew installs plugins (default ~/.krew); completion install-kubectl-helper writes into its bin directory."),
            ("AZURE_STORAGE_CONNECTION_STRING", "Storage connection string when no flag or object gives one."),
            ("AZURE_EVENTHUB_CONNECTION_STRING", "Event Hubs connection string when no flag or object gives one."),
        ],
        tagMacro: "Ev")
}
