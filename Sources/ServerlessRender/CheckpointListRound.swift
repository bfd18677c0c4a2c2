import ServerlessInspect
import ServerlessSupport

/// `checkpoints -A`, `-n NS` without a name, `-l`: a row per trigger. Under `--watch` each round adds its
/// rows under the header printed once, in columns kept as wide as they have been (as `kubectl get -w`
/// does), or a JSON document per line, or a YAML document after `---`. What failed is said per trigger.
public struct CheckpointListRound: OutputDocument {
    public static let formats = CheckpointReport.formats
    public static let documentName = "the checkpoint list"

    public let list: CheckpointReportList
    /// The NAMESPACE column, as `kubectl get -A` shows it.
    public let namespaces: Bool
    /// 0 without `--watch`; from 1 under it.
    public let round: Int
    /// The widths the rounds before were printed at.
    public let columns: ColumnWidths
    /// Said when the first round finds no trigger (`kubectl get`'s "No resources found").
    public let noneFound: String

    public init(list: CheckpointReportList, namespaces: Bool, round: Int, columns: ColumnWidths, noneFound: String) {
        self.list = list
        self.namespaces = namespaces
        self.round = round
        self.columns = columns
        self.noneFound = noneFound
    }

    public func printout(_ format: OutputFormat, _ settings: PrintSettings) -> Printout {
        let watching = round > 0
        var stderr: [String] = []
        let text: String
        switch format {
        case .json: text = JSON.text(list.value(rates: watching), pretty: !watching) + "\n"
        case .yaml: text = (round > 1 ? "---\n" : "") + YAML.text(list.value(rates: watching))
        default:
            if list.items.isEmpty, round <= 1 { stderr.append(noneFound) }
            let headers = settings.showHeaders && round <= 1
            let table = list.table(wide: format == .wide, namespaces: namespaces, rates: watching, style: settings.style)
            text = columns.keep(table, showHeaders: headers).render(showHeaders: headers)
        }
        for item in list.items {
            if let failure = item.failure {
                stderr.append("error: \(item.description): \(failure.message)")
                if let remedy = failure.remedy { stderr.append(remedy) }
            }
            guard let report = item.report else { continue }
            stderr += report.warnings.map { "warning: \(item.description): \($0)" } + report.errorLines(about: item.description)
        }
        return Printout(stdout: text, stderr: stderr, exitCode: list.exitCode)
    }
}

/// The column widths of a table printed round after round: they only grow, so later rows stay under the
/// header printed once.
public final class ColumnWidths: @unchecked Sendable {
    private var widths: [Int] = []

    public init() {}

    public func keep(_ table: Table, showHeaders: Bool) -> Table {
        table.keepingColumns(&widths, showHeaders: showHeaders)
    }
}
