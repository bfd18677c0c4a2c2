import ServerlessDoctor
import ServerlessSupport

/// The doctor's report in every `-o` it has.
extension DoctorReport: OutputDocument {
    public static let formats: [OutputFormat] = [.table, .wide, .json, .yaml, .sarif, .junit]
    public static let documentName = "the doctor's report"

    public func printout(_ format: OutputFormat, _ settings: PrintSettings) -> Printout {
        let text: String = switch format {
        case .wide: DoctorTable.render(self, wide: true, style: settings.style, showHeaders: settings.showHeaders)
        case .json: JSON.text(DoctorValue.report(self)) + "\n"
        case .yaml: YAML.text(DoctorValue.report(self))
        case .sarif: JSON.text(DoctorSARIF.log(self)) + "\n"
        case .junit: DoctorJUnit.render(self)
        default: DoctorTable.render(self, wide: false, style: settings.style, showHeaders: settings.showHeaders)
        }
        return Printout(stdout: text, exitCode: exitCode)
    }
}

extension Severity {
    package func painted(_ style: Style) -> String {
        switch self {
        case .error: style.red(rawValue)
        case .warning: style.yellow(rawValue)
        case .info: style.cyan(rawValue)
        }
    }
}

/// Where CHECKS.md is published; SARIF `helpUri`s point into it.
public enum DoctorDocs {
    public static let checksURL = "https://github.com/kubectl-serverless/kubectl-serverless/blob/main/CHECKS.md"

    public static func url(for description: RuleDescription) -> String { "\(checksURL)#\(description.anchor)" }
}
