import ServerlessDoctor
import ServerlessInspect
import ServerlessKubernetes
import ServerlessSupport

/// The doctor's JSON/YAML as a `Value` tree (`doctor -o json|yaml`, field by field in docs/OUTPUT.md).
package enum DoctorValue {
    package static func report(_ report: DoctorReport) -> Value {
        .object([
            ("apiVersion", .string(CheckpointReport.apiVersion)),
            ("kind", .string("DoctorReport")),
            ("source", source(report.source)),
            ("platforms", .array(report.platforms.map { .string($0.rawValue) })),
            ("findings", .array(report.findings.map(finding))),
            ("notJudged", .array(report.notJudged.map { item in
                .object([("id", .string(item.id)), ("platform", .string(item.platform.rawValue)),
                         ("title", .string(item.title)), ("reason", .string(item.reason))])
            })),
            ("summary", .object([("objects", .int(Int64(report.summary.objects))), ("error", .int(Int64(report.summary.error))),
                                 ("warning", .int(Int64(report.summary.warning))), ("info", .int(Int64(report.summary.info))),
                                 ("skipped", .int(Int64(report.summary.skipped)))])),
            ("failOn", .string(report.failOn.rawValue)),
        ])
    }

    package static func source(_ source: ObjectStore.Source) -> Value {
        switch source {
        case let .cluster(context): .object([("kind", .string("cluster")), ("context", .string(context))])
        case let .manifests(paths): .object([("kind", .string("manifests")), ("paths", .array(paths.map(Value.string)))])
        }
    }

    package static func subject(_ subject: FindingSubject) -> Value {
        switch subject {
        case let .object(apiVersion, kind, namespace, name):
            var members: [(key: String, value: Value)] = [("apiVersion", .string(apiVersion)), ("kind", .string(kind))]
            if let namespace { members.append(("namespace", .string(namespace))) }
            members.append(("name", .string(name)))
            return .object(members)
        case let .helmValues(chart, file):
            return .object([("kind", .string("HelmValues")), ("chart", .string(chart)), ("file", .string(file))])
        }
    }

    package static func finding(_ finding: Finding) -> Value {
        var members: [(key: String, value: Value)] = [
            ("id", .string(finding.id)), ("severity", .string(finding.severity.rawValue)),
            ("platform", .string(finding.platform.rawValue)), ("object", subject(finding.subject)),
        ]
        if let location = finding.location {
            members.append(("location", .object([("file", .string(location.file)), ("line", .int(Int64(location.line)))])))
        }
        members += [("message", .string(finding.message)), ("fix", .string(finding.fix)),
                    ("evidence", .array(finding.evidence.map(Value.string))), ("docs", .string(finding.docs))]
        return .object(members)
    }

    /// `--list-checks -o json|yaml`: `[{"id","platform","severity","title","fix","needs"}]`.
    package static func catalogue(_ descriptions: [RuleDescription]) -> Value {
        .array(descriptions.map { rule in
            .object([("id", .string(rule.id)), ("platform", .string(rule.platform.rawValue)),
                     ("severity", .string(rule.severity.rawValue)), ("title", .string(rule.title)),
                     ("fix", .string(rule.fix)), ("needs", .string(rule.needs.rawValue))])
        })
    }
}
