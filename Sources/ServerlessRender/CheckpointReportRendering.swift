import ServerlessIO
import ServerlessInspect
import ServerlessSupport

/// The checkpoint report as a table, a wide table, or JSON/YAML (field by field in docs/OUTPUT.md).
extension CheckpointReport: OutputDocument {
    public static let formats: [OutputFormat] = [.table, .wide, .json, .yaml]
    public static let documentName = "the checkpoint report"

    /// The version of every JSON/YAML document this tool prints.
    public static let apiVersion = "kubectl-serverless/v1"

    public func value() -> Value {
        func optional(_ number: Int64?) -> Value { number.map(Value.int) ?? .null }
        func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }
        return .object([
            ("apiVersion", .string(Self.apiVersion)),
            ("kind", .string("CheckpointReport")),
            ("eventHub", .object([
                ("namespace", .string(eventHub.namespace)),
                ("name", .string(eventHub.name)),
                ("consumerGroup", .string(eventHub.consumerGroup)),
            ])),
            ("checkpointStrategy", .string(checkpointStrategy)),
            ("reader", .string(reader)),
            ("container", .string(container)),
            ("account", .string(account)),
            ("kedaVersion", .string(kedaVersion)),
            ("kedaVersionSource", .string((kedaVersionChoice?.source ?? .default).rawValue)),
            ("scalerError", scalerError.map(Value.string) ?? .null),
            ("partitions", .array(partitions.map { partition in
                var members: [(key: String, value: Value)] = [
                    ("partitionId", .string(partition.partitionId)),
                    ("blob", .string(partition.blob)),
                    ("status", .string(partition.status.rawValue)),
                    ("checkpointSequenceNumber", optional(partition.checkpointSequenceNumber)),
                    ("lastEnqueuedSequenceNumber", .int(partition.lastEnqueuedSequenceNumber)),
                    ("beginningSequenceNumber", .int(partition.beginningSequenceNumber)),
                    ("unprocessedEvents", optional(partition.unprocessedEvents)),
                ]
                if let time = partition.lastEnqueuedTime { members.append(("lastEnqueuedTime", .string(time))) }
                if let detail = partition.detail { members.append(("detail", .string(detail))) }
                members.append(("nearMisses", .array(partition.nearMisses.map { miss in
                    .object([
                        ("container", .string(miss.container)),
                        ("blob", .string(miss.blob)),
                        ("reason", .string(miss.reason)),
                        ("sequenceNumber", optional(miss.sequenceNumber)),
                        ("setting", .object(miss.setting.map { ($0.key, .string($0.value)) })),
                    ])
                })))
                if partition.nearMissesNotShown > 0 {
                    members.append(("nearMissesNotShown", .int(Int64(partition.nearMissesNotShown))))
                }
                return .object(members)
            })),
            ("totalUnprocessedEvents", .int(totalUnprocessedEvents)),
            ("metricValue", optional(metricValue)),
            ("unprocessedEventThreshold", .int(unprocessedEventThreshold)),
            ("activationUnprocessedEventThreshold", .int(activationUnprocessedEventThreshold)),
            ("active", active.map(Value.bool) ?? .null),
            ("desiredReplicas", optional(desiredReplicas)),
            ("errors", .array(errors.map { failure in
                .object([("message", .string(failure.message)), ("remedy", optional(failure.remedy))])
            })),
            ("otherConsumers", .array(otherConsumers.map { other in
                .object([
                    ("namespace", optional(other.consumer.namespace)),
                    ("eventHub", optional(other.consumer.hub)),
                    ("consumerGroup", optional(other.consumer.consumerGroup)),
                    ("checkpoints", .int(Int64(other.checkpoints))),
                ])
            })),
        ])
    }

    /// The report in `format`: a table with its header line and notes (under `--no-headers` only the rows
    /// go to stdout and the notes to stderr), or its JSON/YAML; then, on stderr, the warnings and
    /// what failed, once each with its remedy, after the partial report.
    public func printout(_ format: OutputFormat, _ settings: PrintSettings) -> Printout {
        var stdout = ""
        var stderr: [String] = []
        switch format {
        case .json: stdout = JSON.text(value()) + "\n"
        case .yaml: stdout = YAML.text(value())
        default:
            let headers = settings.showHeaders
            stdout = headers ? headerLine + "\n" : ""
            stdout += rows(wide: format == .wide, showHeaders: headers, style: settings.style)
            let notes = notes(style: headers ? settings.style : .plain)
            if headers { stdout += notes.map { $0 + "\n" }.joined() } else { stderr += notes }
        }
        stderr += warnings.map { "warning: " + $0 } + errorLines()
        return Printout(stdout: stdout, stderr: stderr, exitCode: exitCode)
    }

    /// What failed, for stderr: each failure once with its remedy, then KEDA's refusal; `subject` names the
    /// trigger when the report is one of many.
    public func errorLines(about subject: String? = nil) -> [String] {
        let prefix = subject.map { "\($0): " } ?? ""
        var lines: [String] = []
        for failure in errors {
            lines.append("error: \(prefix)\(failure.message)")
            if let remedy = failure.remedy { lines.append(remedy) }
        }
        if let refusal = scalerCreationError { lines.append("error: \(prefix)\(refusal)") }
        return lines
    }

    /// The widest the default table gets; longer blob names are shortened from the left (`-o wide` has them whole).
    public static let tableWidth = 120

    /// The header line, the table and the notes below it, as printed on a terminal.
    public func table(wide: Bool, showHeaders: Bool, style: Style) -> String {
        var out = showHeaders ? headerLine + "\n" : ""
        out += rows(wide: wide, showHeaders: showHeaders, style: style)
        return out + notes(style: style).map { $0 + "\n" }.joined()
    }

    /// What is inspected, in one line: the object and trigger, the hub, consumer group, account and container.
    public var headerLine: String {
        var parts: [String] = []
        if let origin {
            parts.append("\(origin.kind) \(origin.namespace)/\(origin.name) trigger \(origin.trigger)")
        }
        parts.append("hub \(eventHub.namespace)/\(eventHub.name)")
        parts.append("consumer group \(eventHub.consumerGroup)")
        parts.append("account \(account)")
        parts.append("container \(container)")
        return parts.joined(separator: ", ")
    }

    /// kubectl-style table: wide adds the first partition, the time of the last event and the near miss
    /// (its blob, sequence number and setting). A failed partition says `error`; what failed is said once,
    /// elsewhere.
    public func rows(wide: Bool, showHeaders: Bool, style: Style) -> String {
        var headers = ["Partition", "Blob", "Status", "Checkpoint", "Last Enqueued", "Unprocessed"]
        if wide { headers += ["Beginning", "Last Enqueued Time", "Near Miss", "Near Miss Seq", "Setting"] }
        var rows = partitions.map { partition -> [String] in
            var row = [
                partition.partitionId,
                partition.blob,
                paint(partition.status, style),
                partition.checkpointSequenceNumber.map(String.init) ?? "-",
                String(partition.lastEnqueuedSequenceNumber),
                partition.unprocessedEvents.map(String.init) ?? "-",
            ]
            if wide {
                let miss = partition.nearMisses.first
                row += [
                    String(partition.beginningSequenceNumber),
                    partition.lastEnqueuedTime ?? "-",
                    miss.map { "\($0.container)/\($0.blob)" } ?? (partition.status == .invalid ? partition.detail ?? "-" : "-"),
                    miss.flatMap { $0.sequenceNumber.map(String.init) } ?? "-",
                    miss.map { $0.setting.isEmpty ? "(none)" : $0.setting.map { "\($0.key)=\($0.value)" }.joined(separator: ",") } ?? "-",
                ]
            }
            return row
        }
        if !wide { rows = Self.fitting(rows, headers: headers, column: 1, width: Self.tableWidth) }
        return Table(headers: headers, rows: rows).render(showHeaders: showHeaders)
    }

    /// Shortens `column` from the left (keeping the partition's end of a blob name) so the table fits `width`.
    package static func fitting(_ rows: [[String]], headers: [String], column: Int, width: Int) -> [[String]] {
        let others = headers.indices.filter { $0 != column }.map { index in
            ([headers[index]] + rows.map { $0[index] }).map(Style.visibleWidth).max() ?? 0
        }
        let budget = max(24, width - others.reduce(0, +) - 3 * (headers.count - 1))
        return rows.map { row in
            var row = row
            if row[column].count > budget { row[column] = "…" + row[column].suffix(budget - 1) }
            return row
        }
    }

    /// The lines under the table: the summary, each near-miss reason once for the partitions it concerns,
    /// and the other consumers when this one has no checkpoint at all.
    public func notes(style: Style) -> [String] {
        var lines = [summary(style: style)]
        if let kedaVersionChoice { lines.append("modelling \(kedaVersionChoice)") }
        var groups: [(key: String, partitions: [String])] = []
        for partition in partitions {
            for miss in partition.nearMisses {
                let key = miss.reason + (miss.setting.isEmpty ? "" : "; set " + miss.settingText)
                if let index = groups.firstIndex(where: { $0.key == key }) {
                    groups[index].partitions.append(partition.partitionId)
                } else {
                    groups.append((key, [partition.partitionId]))
                }
            }
        }
        for group in groups {
            lines.append("\(Self.partitionsPhrase(group.partitions)): \(group.key)")
        }
        for partition in partitions where partition.nearMissesNotShown > 0 {
            lines.append("partition \(partition.partitionId): \(partition.nearMissesNotShown) more of its checkpoints elsewhere, further from this trigger, not shown")
        }
        if !otherConsumers.isEmpty {
            lines.append("no checkpoint of consumer group \(eventHub.consumerGroup) of hub \(eventHub.name) in any layout; "
                + "other consumers have checkpoints here (not this consumer's progress): "
                + otherConsumers.map { "\($0.consumer.description) (\($0.checkpoints))" }.joined(separator: ", "))
        }
        return lines
    }

    package static func partitionsPhrase(_ ids: [String]) -> String {
        ids.count == 1 ? "partition \(ids[0])" : "partitions \(ids.joined(separator: ", "))"
    }

    package func summary(style: Style) -> String {
        let head = "container \(container) (reader \(reader), KEDA \(kedaVersion)): "
        if partitions.contains(where: { $0.status == .error }) {
            // The failure itself is said once, on its own line.
            return head + style.red("no metric: a checkpoint could not be read (see the error)")
                + "; \(totalUnprocessedEvents) unprocessed in readable partitions"
        }
        if let scalerError {
            return head + style.red("KEDA fails the metric: \(scalerError)")
                + "; \(totalUnprocessedEvents) unprocessed in readable partitions"
        }
        let metric = metricValue.map(String.init) ?? "-"
        let replicas = desiredReplicas.map(String.init) ?? "-"
        let capped = metricValue.map { $0 != totalUnprocessedEvents } ?? false
        // KEDA: active when the (uncapped) total is above the activation threshold.
        let activity = active == true
            ? "active (\(totalUnprocessedEvents) unprocessed is above the activation threshold \(activationUnprocessedEventThreshold))"
            : "not active (\(totalUnprocessedEvents) unprocessed is not above the activation threshold \(activationUnprocessedEventThreshold))"
        return head + "total \(totalUnprocessedEvents) unprocessed, metric \(metric)"
            + (capped ? " (capped at partitions x threshold \(unprocessedEventThreshold))" : "")
            + ", \(activity), desired replicas \(replicas) (\(unprocessedEventThreshold) events per replica)"
    }

    private func paint(_ status: PartitionCheckpoint.Status, _ style: Style) -> String {
        switch status {
        case .ok: style.green(status.rawValue)
        case .missing, .mismatch: style.yellow(status.rawValue)
        case .invalid, .error: style.red(status.rawValue)
        }
    }
}
