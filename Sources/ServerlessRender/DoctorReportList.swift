import ServerlessDoctor
import ServerlessInspect
import ServerlessSupport

/// `doctor --all-contexts` / `--context a,b,c`: one report per context, or why the context could not be read.
public struct DoctorReportList: Sendable {
    public struct Item: Sendable {
        public var context: String
        public var report: DoctorReport?
        /// Why the context could not be checked (unreachable, refused, a bad kubeconfig entry).
        public var error: String?
        public var errorExitCode: Int32

        public init(context: String, report: DoctorReport?, error: String? = nil, errorExitCode: Int32 = 0) {
            self.context = context
            self.report = report
            self.error = error
            self.errorExitCode = errorExitCode
        }

        public var exitCode: Int32 { report?.exitCode ?? errorExitCode }
    }

    public var items: [Item]

    public init(items: [Item]) { self.items = items }

    /// The worst context's exit code.
    public var exitCode: Int32 { items.map(\.exitCode).max() ?? 0 }

    /// `{"apiVersion", "kind": "DoctorReportList", "items": [...]}`; each item is a `DoctorReport` with
    /// `source.context` set, or `source` and `error` for a context that could not be read.
    public func value() -> Value {
        .object([
            ("apiVersion", .string(CheckpointReport.apiVersion)),
            ("kind", .string("DoctorReportList")),
            ("items", .array(items.map { item in
                if let report = item.report {
                    guard case var .object(members) = DoctorValue.report(report) else { return DoctorValue.report(report) }
                    if let at = members.firstIndex(where: { $0.key == "source" }) {
                        members[at].value = .object([("kind", .string("cluster")), ("context", .string(item.context))])
                    }
                    return .object(members)
                }
                return .object([
                    ("apiVersion", .string(CheckpointReport.apiVersion)),
                    ("kind", .string("DoctorReport")),
                    ("source", .object([("kind", .string("cluster")), ("context", .string(item.context))])),
                    ("error", .string(item.error ?? "")),
                ])
            })),
        ])
    }

    /// One section per context: its name, then its table and summary line, or its error.
    public func render(wide: Bool, style: Style, showHeaders: Bool) -> String {
        items.map { item in
            var out = style.bold("context \(item.context)") + "\n"
            if let report = item.report {
                out += DoctorTable.render(report, wide: wide, style: style, showHeaders: showHeaders)
            } else {
                out += style.red("could not check: \(item.error ?? "")") + "\n"
            }
            return out
        }.joined(separator: "\n")
    }
}

extension DoctorReportList: OutputDocument {
    /// SARIF and JUnit describe one cluster's results: a list of contexts has no single place in them.
    public static let formats: [OutputFormat] = [.table, .wide, .json, .yaml]
    public static let documentName = "a report over several contexts"

    /// Each context's section or item; the contexts that could not be checked, once each on stderr.
    public func printout(_ format: OutputFormat, _ settings: PrintSettings) -> Printout {
        let text: String = switch format {
        case .json: JSON.text(value()) + "\n"
        case .yaml: YAML.text(value())
        default: render(wide: format == .wide, style: settings.style, showHeaders: settings.showHeaders)
        }
        let errors = items.filter { $0.report == nil }.map { "error: context \($0.context): \($0.error ?? "")" }
        return Printout(stdout: text, stderr: errors, exitCode: exitCode)
    }
}
