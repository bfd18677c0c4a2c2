/// The checkpoint report as a table, a wide table, or the contract's JSON/YAML.
extension CheckpointReport {
    public func value() -> Value {
        func optional(_ number: Int64?) -> Value { number.map(Value.int) ?? .null }
        return .object([
            ("eventHub", .object([
                ("namespace", .string(eventHub.namespace)),
                ("name", .string(eventHub.name)),
                ("consumerGroup", .string(eventHub.consumerGroup)),
            ])),
            ("checkpointStrategy", .string(checkpointStrategy)),
            ("reader", .string(reader)),
            ("container", .string(container)),
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
        ])
    }

    /// kubectl-style table (wide adds the checkpoint container, the time of the last event and the near
    /// misses), then one summary line.
    public func table(wide: Bool, showHeaders: Bool, style: Style) -> String {
        var headers = ["Partition", "Blob", "Status", "Checkpoint", "Last Enqueued", "Unprocessed"]
        if wide { headers += ["Beginning", "Last Enqueued Time", "Near Miss", "Setting"] }
        let rows = partitions.map { partition -> [String] in
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
                    miss.map { "\($0.container)/\($0.blob)" } ?? (partition.detail ?? "-"),
                    miss.map { $0.setting.isEmpty ? "(none)" : $0.setting.map { "\($0.key)=\($0.value)" }.joined(separator: ",") } ?? "-",
                ]
            }
            return row
        }
        var out = Table(headers: headers, rows: rows).render(showHeaders: showHeaders)
        out += "\n" + summary(style: style) + "\n"
        if let kedaVersionChoice { out += "modelling \(kedaVersionChoice)\n" }
        for partition in partitions where !wide {
            for miss in partition.nearMisses {
                out += "partition \(partition.partitionId): \(miss.reason)"
                if !miss.setting.isEmpty {
                    out += "; set " + miss.setting.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                }
                out += "\n"
            }
            if partition.nearMissesNotShown > 0 {
                out += "partition \(partition.partitionId): \(partition.nearMissesNotShown) more of its checkpoints elsewhere, further from this trigger, not shown\n"
            }
        }
        return out
    }

    func summary(style: Style) -> String {
        let head = "container \(container) (reader \(reader), KEDA \(kedaVersion)): "
        if let scalerError {
            return head + style.red("KEDA fails the metric: \(scalerError)")
                + "; \(totalUnprocessedEvents) unprocessed in readable partitions"
        }
        let metric = metricValue.map(String.init) ?? "-"
        let replicas = desiredReplicas.map(String.init) ?? "-"
        let capped = metricValue.map { $0 != totalUnprocessedEvents } ?? false
        return head + "total \(totalUnprocessedEvents) unprocessed, metric \(metric)"
            + (capped ? " (capped at partitions x threshold \(unprocessedEventThreshold))" : "")
            + ", \(active == true ? "active" : "not active") (activation > \(activationUnprocessedEventThreshold))"
            + ", desired replicas \(replicas) (threshold \(unprocessedEventThreshold))"
    }

    private func paint(_ status: PartitionCheckpoint.Status, _ style: Style) -> String {
        switch status {
        case .ok: style.green(status.rawValue)
        case .missing, .mismatch: style.yellow(status.rawValue)
        case .invalid, .error: style.red(status.rawValue)
        }
    }
}
