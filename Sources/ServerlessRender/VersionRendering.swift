import ServerlessSupport

/// `version`: the plugin's version, its build and the libraries it loaded (`BuildInfo.details`).
public struct VersionReport: OutputDocument {
    public var details: Value

    public init(details: Value = BuildInfo.details) { self.details = details }

    public static let formats: [OutputFormat] = [.text, .json, .yaml]
    public static let documentName = "version"

    public func printout(_ format: OutputFormat, _ settings: PrintSettings) -> Printout {
        switch format {
        case .json: return Printout(stdout: JSON.text(details) + "\n")
        case .yaml: return Printout(stdout: YAML.text(details))
        default:
            var text = "kubectl-serverless \(BuildInfo.version)\n"
            for (key, value) in details.members where key != "version" { text += "\(key): \(value.string ?? "")\n" }
            return Printout(stdout: text)
        }
    }
}
