import ServerlessKEDA

/// Says, in the user's words, how a checkpoint KEDA does not read differs from the one it does.
package enum NearMissReason {
    package static func describe(_ found: RecognisedCheckpoint, expected: CheckpointLocation?, hasSetting: Bool) -> String {
        var reason: String
        if let expected, found.container == expected.container, found.blob != expected.blobName,
           found.blob.lowercased() == expected.blobName.lowercased() {
            reason = found.layout == .processor
                ? "same path in another casing: the Python and .NET checkpoint stores lowercase the whole path, KEDA lowercases only the consumer group"
                : "same path in another casing: blob names are case-sensitive and KEDA builds the name from the trigger's settings as they are written"
        } else {
            reason = "checkpoint in the \(found.layout.strategy.layoutName) layout"
            if found.container != expected?.container { reason += " in container \(found.container)" }
            if let group = found.consumerGroup, let expected, !expected.blobName.lowercased().contains(group.lowercased()) {
                reason += " for consumer group \(group)"
            }
            if let hub = found.hub, let expected, found.layout != .legacyDefault,
               !expected.blobName.lowercased().contains(hub.lowercased()) {
                reason += " for event hub \(hub)"
            }
        }
        if !hasSetting {
            reason += found.layout == .processor && found.consumerGroup.map { $0 != $0.lowercased() } == true
                ? "; KEDA lowercases the consumer group and this writer kept its case, so no setting makes KEDA read it"
                : "; no trigger setting makes KEDA read it"
        }
        return reason
    }

    /// Why the setting that reads a near miss is not suggested: it would lose partitions KEDA reads now.
    package static func withheld(_ setting: [(key: String, value: String)], wouldStopReading partitions: [String]) -> String {
        let named = setting.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let which = partitions.count == 1 ? "partition \(partitions[0])" : "partitions \(partitions.joined(separator: ", "))"
        return "; not suggesting \(named): KEDA would then stop reading \(which), which it reads now"
    }
}
