import ServerlessInspect
import ServerlessSupport

/// One `--watch` round of one trigger: per partition its status and numbers, and the rates since the round before.
extension CheckpointReport {
    public typealias Rates = (total: CheckpointRate, partitions: [String: CheckpointRate])

    /// The partitions with IN/S, DONE/S and DRAIN (`-` in the first round), then a total row.
    public func watchRows(rates: Rates?, showHeaders: Bool, style: Style) -> String {
        let headers = ["Partition", "Status", "Checkpoint", "Last Enqueued", "Unprocessed", "In/s", "Done/s", "Drain"]
        var rows = partitions.map { partition -> [String] in
            let status: String
            switch partition.status {
            case .ok: status = style.green(partition.status.rawValue)
            case .missing, .mismatch: status = style.yellow(partition.status.rawValue)
            case .invalid, .error: status = style.red(partition.status.rawValue)
            }
            return [partition.partitionId, status, partition.checkpointSequenceNumber.map(String.init) ?? "-",
                    String(partition.lastEnqueuedSequenceNumber), partition.unprocessedEvents.map(String.init) ?? "-"]
                + CheckpointRate.cells(rates.flatMap { $0.partitions[partition.partitionId] })
        }
        rows.append(["total", "", "", "", String(totalUnprocessedEvents)] + CheckpointRate.cells(rates?.total))
        return Table(headers: headers, rows: rows).render(showHeaders: showHeaders)
    }

    /// The report's document with `inPerSecond`, `donePerSecond`, `drainSeconds` per partition and for the
    /// whole trigger (after `totalUnprocessedEvents`); null before a second round.
    public func value(rates: Rates?) -> Value {
        guard case var .object(members) = value() else { return value() }
        for (index, member) in members.enumerated() where member.key == "partitions" {
            let withRates = member.value.array.map { partition -> Value in
                guard case let .object(fields) = partition else { return partition }
                let id = partition["partitionId"].string ?? ""
                return .object(fields + CheckpointRate.members(rates.map { $0.partitions[id] } ?? nil))
            }
            members[index].value = .array(withRates)
        }
        if let totals = members.firstIndex(where: { $0.key == "totalUnprocessedEvents" }) {
            members.insert(contentsOf: CheckpointRate.members(rates?.total), at: totals + 1)
        }
        return .object(members)
    }
}
