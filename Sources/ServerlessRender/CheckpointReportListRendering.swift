import ServerlessInspect
import ServerlessSupport

/// Several triggers' reports: kubectl's `get -A` table, one row per trigger, or the `CheckpointReportList` document.
extension CheckpointReportList {
    /// `{"kind": "CheckpointReportList", "apiVersion": ..., "items": [...]}`; under `--watch` every item has the rates.
    public func value(rates: Bool = false) -> Value {
        .object([
            ("apiVersion", .string(CheckpointReport.apiVersion)),
            ("kind", .string("CheckpointReportList")),
            ("items", .array(items.map { $0.value(rates: rates) })),
        ])
    }

    /// Rows with NAMESPACE first when several namespaces are read (kubectl's `-A`); wide adds why KEDA would
    /// fail the metric or why the trigger could not be inspected; `--watch` adds the rates.
    public func rows(wide: Bool, namespaces: Bool, rates: Bool, showHeaders: Bool, style: Style) -> String {
        table(wide: wide, namespaces: namespaces, rates: rates, style: style).render(showHeaders: showHeaders)
    }

    public func table(wide: Bool, namespaces: Bool, rates: Bool, style: Style) -> Table {
        var headers = ["Name", "Trigger", "Hub", "Consumer Group", "Partitions", "OK", "Missing", "Mismatch", "Invalid", "Error",
                       "Unprocessed", "Metric", "Desired", "KEDA"]
        if namespaces { headers.insert("Namespace", at: 0) }
        if rates { headers += ["In/s", "Done/s", "Drain"] }
        if wide { headers.append("Scaler Error") }
        let rows = items.map { item -> [String] in
            var row = [item.name.map { "\(item.kind.lowercased())/\($0)" } ?? item.kind.lowercased() + "s", item.name == nil ? "-" : item.triggerText]
            if let report = item.report {
                func count(_ status: PartitionCheckpoint.Status) -> Int { report.partitions.filter { $0.status == status }.count }
                let failing = count(.error) > 0 || report.scalerError != nil
                row += [
                    report.eventHub.name, report.eventHub.consumerGroup, String(report.partitions.count),
                    String(count(.ok)), paint(count(.missing), style.yellow), paint(count(.mismatch), style.yellow),
                    paint(count(.invalid), style.red), paint(count(.error), style.red),
                    String(report.totalUnprocessedEvents),
                    failing ? style.red("-") : report.metricValue.map(String.init) ?? "-",
                    report.desiredReplicas.map(String.init) ?? "-", report.kedaVersion,
                ]
            } else {
                row += Array(repeating: "-", count: 12)
            }
            if namespaces { row.insert(item.namespace ?? "-", at: 0) }
            if rates { row += CheckpointRate.cells(item.rate) }
            if wide { row.append(item.report?.scalerError ?? item.failure.map { style.red($0.message) } ?? "-") }
            return row
        }
        return Table(headers: headers, rows: rows)
    }

    private func paint(_ count: Int, _ colour: (String) -> String) -> String {
        count == 0 ? "0" : colour(String(count))
    }
}

extension CheckpointReportList.Item {
    /// The report's document with `object` and `trigger` after its kind, or `object`, `trigger` and `error`.
    public func value(rates: Bool = false) -> Value {
        var object: [(key: String, value: Value)] = [("kind", .string(kind))]
        if let namespace { object.append(("namespace", .string(namespace))) }
        if let name { object.append(("name", .string(name))) }
        let trigger: Value = triggerName.map(Value.string) ?? triggerIndex.map { .int(Int64($0)) } ?? .null
        let rateMembers = rates ? CheckpointRate.members(rate) : []
        guard let report else {
            var members: [(key: String, value: Value)] = [("object", .object(object)), ("trigger", trigger)]
            members.append(("error", .string(failure?.message ?? "")))
            if let remedy = failure?.remedy { members.append(("remedy", .string(remedy))) }
            return .object(members)
        }
        guard case var .object(members) = report.value() else { return report.value() }
        let at = (members.firstIndex { $0.key == "kind" } ?? 0) + 1
        members.insert(contentsOf: [("object", .object(object)), ("trigger", trigger)], at: at)
        if let totals = members.firstIndex(where: { $0.key == "totalUnprocessedEvents" }) {
            members.insert(contentsOf: rateMembers, at: totals + 1)
        }
        return .object(members)
    }
}

extension Table {
    /// Columns at least as wide as `widths` (the rounds printed before), which grow to this table's: rows
    /// printed round after round (`--watch`) stay under the header printed once.
    public func keepingColumns(_ widths: inout [Int], showHeaders: Bool) -> Table {
        let all = (showHeaders ? [headers.map { $0.uppercased() }] : []) + rows
        if widths.count < headers.count { widths += Array(repeating: 0, count: headers.count - widths.count) }
        for row in all {
            for (column, cell) in row.prefix(headers.count).enumerated() { widths[column] = max(widths[column], Style.visibleWidth(cell)) }
        }
        let target = widths
        func pad(_ cell: String, _ column: Int) -> String {
            cell + String(repeating: " ", count: max(0, target[column] - Style.visibleWidth(cell)))
        }
        return Table(headers: headers.enumerated().map { column, header in
            header + String(repeating: " ", count: max(0, target[column] - header.count))
        }, rows: rows.map { row in row.enumerated().map { pad($1, $0) } })
    }
}
