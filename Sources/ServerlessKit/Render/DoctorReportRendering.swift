/// `-o` for the doctor.
public enum DoctorFormat: String, Sendable, CaseIterable {
    case table, wide, json, yaml, sarif, junit
}

extension DoctorReport {
    /// The report as the CLI prints it to stdout.
    public func render(format: DoctorFormat, style: Style = .plain, showHeaders: Bool = true) -> String {
        switch format {
        case .table: DoctorTable.render(self, wide: false, style: style, showHeaders: showHeaders)
        case .wide: DoctorTable.render(self, wide: true, style: style, showHeaders: showHeaders)
        case .json: JSON.text(DoctorValue.report(self)) + "\n"
        case .yaml: YAML.text(DoctorValue.report(self))
        case .sarif: JSON.text(DoctorSARIF.log(self)) + "\n"
        case .junit: DoctorJUnit.render(self)
        }
    }
}

extension Severity {
    func painted(_ style: Style) -> String {
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
