import ServerlessInspect
import ServerlessSupport

/// One round of `checkpoints NAME --watch`: as `kubectl get -w` prints, the header line and the partitions
/// again (a blank line between rounds), a JSON document per line, or a YAML document after `---`; with the
/// rates since the round before.
public struct CheckpointWatchRound: OutputDocument {
    public static let formats = CheckpointReport.formats
    public static let documentName = "checkpoints --watch"

    public let report: CheckpointReport
    /// nil in the first round: no earlier sequence numbers to count from.
    public let rates: CheckpointReport.Rates?
    /// Counts from 1.
    public let round: Int

    public init(report: CheckpointReport, rates: CheckpointReport.Rates?, round: Int) {
        self.report = report
        self.rates = rates
        self.round = round
    }

    public func printout(_ format: OutputFormat, _ settings: PrintSettings) -> Printout {
        let text: String = switch format {
        case .json: JSON.text(report.value(rates: rates), pretty: false) + "\n"
        case .yaml: (round > 1 ? "---\n" : "") + YAML.text(report.value(rates: rates))
        default:
            (settings.showHeaders ? (round > 1 ? "\n" : "") + report.headerLine + "\n" : "")
                + report.watchRows(rates: rates, showHeaders: settings.showHeaders, style: settings.style)
        }
        return Printout(stdout: text, stderr: report.errorLines(), exitCode: report.exitCode)
    }
}
