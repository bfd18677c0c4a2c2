import ServerlessDoctor
import ServerlessSupport

/// SARIF 2.1.0 for code-scanning UIs: every rule that ran in `tool.driver.rules`, one result per finding,
/// with the manifest file and line when there is one.
package enum DoctorSARIF {
    package static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// `AF-LOCK-001` -> `AfLock001`: SARIF's `name` is an identifier-like word.
    package static func ruleName(_ description: RuleDescription) -> String {
        description.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
    }

    package static func log(_ report: DoctorReport) -> Value {
        var rules = report.rules
        for finding in report.findings where !rules.contains(where: { $0.id == finding.id }) {
            if let rule = Catalogue.rule(finding.id) { rules.append(rule.description) }
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let driverRules: [Value] = rules.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("name", .string(ruleName(rule))),
                ("shortDescription", .object([("text", .string(rule.title))])),
                ("fullDescription", .object([("text", .string(rule.rationale))])),
                ("help", .object([("text", .string(rule.fix)), ("markdown", .string("**Fix:** \(rule.fix)"))])),
                ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
                ("helpUri", .string(DoctorDocs.url(for: rule))),
                ("properties", .object([("platform", .string(rule.platform.rawValue)), ("needs", .string(rule.needs.rawValue)),
                                        ("tags", .array([.string(rule.platform.rawValue), .string("serverless")]))])),
            ])
        }
        let results: [Value] = report.findings.map { finding in
            var members: [(key: String, value: Value)] = [
                ("ruleId", .string(finding.id)),
                ("level", .string(level(finding.severity))),
                ("message", .object([("text", .string("\(finding.message). Fix: \(finding.fix)"))])),
            ]
            if let index = ruleIndex[finding.id] { members.insert(("ruleIndex", .int(Int64(index))), at: 1) }
            var location: [(key: String, value: Value)] = []
            if let place = finding.location {
                location.append(("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(uri(place.file)))])),
                    ("region", .object([("startLine", .int(Int64(place.line)))])),
                ])))
            }
            location.append(("logicalLocations", .array([.object([
                ("fullyQualifiedName", .string(finding.subject.display)), ("kind", .string("object")),
            ])])))
            members.append(("locations", .array([.object(location)])))
            members.append(("properties", .object([
                ("platform", .string(finding.platform.rawValue)),
                ("object", DoctorValue.subject(finding.subject)),
                ("evidence", .array(finding.evidence.map(Value.string))),
            ])))
            return .object(members)
        }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("kubectl-serverless")),
                    ("semanticVersion", .string(BuildInfo.version)),
                    ("informationUri", .string(DoctorDocs.checksURL)),
                    ("rules", .array(driverRules)),
                ]))])),
                ("results", .array(results)),
            ])])),
        ])
    }

    /// A relative path as a URI reference (spaces and `%` escaped); stdin stays `-`.
    package static func uri(_ file: String) -> String {
        var out = ""
        for scalar in file.unicodeScalars {
            switch scalar {
            case " ": out += "%20"
            case "%": out += "%25"
            case "#": out += "%23"
            case "?": out += "%3F"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
