import ServerlessKEDA

/// Finds the trigger setting that would make KEDA read a blob it does not read now, by asking KEDA's own
/// parser and path rules (`EventHubScalerSettings`) about small changes to the trigger, fewest first.
/// No layout knowledge is repeated here: if KEDA would read the blob after the change, the change is the answer.
package struct NearMissSearch {
    package let trigger: EventHubTriggerMetadata
    package let settings: EventHubScalerSettings
    private var cache: [CacheKey: Answer?] = [:]

    /// A change that makes KEDA read a blob: as the user sees it, and KEDA's settings after it (to check
    /// that it does not stop KEDA reading partitions it reads now).
    package struct Answer {
        package let setting: [(key: String, value: String)]
        package let settings: EventHubScalerSettings
    }

    package init(trigger: EventHubTriggerMetadata, settings: EventHubScalerSettings) {
        self.trigger = trigger
        self.settings = settings
    }

    /// The smallest change that makes KEDA read `found`, or nil when none does.
    package mutating func setting(for found: RecognisedCheckpoint) -> [(key: String, value: String)]? {
        answer(for: found)?.setting
    }

    /// The smallest change that makes KEDA read `found` and KEDA's settings after it, or nil when none does.
    package mutating func answer(for found: RecognisedCheckpoint) -> Answer? {
        let key = CacheKey(found)
        if let cached = cache[key] { return cached }
        let answer = search(found)
        cache[key] = answer
        return answer
    }

    private func search(_ found: RecognisedCheckpoint) -> Answer? {
        let candidates = changes(toward: found)
        // Every subset of the candidate changes, smallest first.
        let subsets = (0..<(1 << candidates.count)).sorted { $0.nonzeroBitCount < $1.nonzeroBitCount }
        for mask in subsets {
            let chosen = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
            var changed = trigger
            for change in chosen { change.apply(&changed) }
            guard let variant = try? EventHubScalerSettings(parsing: changed, version: settings.kedaVersion),
                  case let .success(location) = variant.checkpointLocation(partitionID: found.partitionId),
                  location.container == found.container, location.blobName == found.blob else { continue }
            return Answer(setting: Self.shown(chosen), settings: variant)
        }
        return nil
    }

    /// How far `found` is from what KEDA reads now: the number of settings that differ from the blob's.
    package func distance(to found: RecognisedCheckpoint) -> Int {
        changes(toward: found).count
    }

    /// The changes as the user sees them; parts of the connection string become one entry.
    private static func shown(_ changes: [Change]) -> [(key: String, value: String)] {
        var shown: [(key: String, value: String)] = []
        for change in changes {
            if change.key == "connection", let index = shown.firstIndex(where: { $0.key == "connection" }) {
                shown[index].value += ";" + change.shown
            } else {
                shown.append((change.key, change.shown))
            }
        }
        return shown
    }

    /// The settings worth trying for this blob: the strategy its layout needs, its container, and the
    /// consumer group, hub and namespace its name holds (the same consumer's, so they differ in casing only).
    private func changes(toward found: RecognisedCheckpoint) -> [Change] {
        var changes: [Change] = []
        let strategy = found.layout.strategy
        if (strategy.name ?? "") != settings.checkpointStrategy {
            changes.append(.metadata("checkpointStrategy", strategy.name ?? ""))
        }
        // A reader with a container of its own reads it whatever blobContainer says.
        if found.container != settings.blobContainer, found.container != strategy.fixedContainer {
            changes.append(.metadata("blobContainer", found.container))
        }
        if let group = found.consumerGroup, group != settings.consumerGroup {
            changes.append(.metadata("consumerGroup", group))
        }
        let current = settings.eventHubForPaths
        if let namespace = found.namespace, namespace != current?.namespace {
            if connection != nil {
                changes.append(.connection("Endpoint", "sb://\(namespace)/"))
            } else if namespace.hasSuffix("." + settings.serviceBusEndpointSuffix) {
                changes.append(.metadata("eventHubNamespace", String(namespace.dropLast(settings.serviceBusEndpointSuffix.count + 1))))
            }
        }
        if let hub = found.hub, hub != current?.name {
            changes.append(connectionHasKey("EntityPath") ? .connection("EntityPath", hub) : .metadata("eventHubName", hub))
        }
        return changes
    }

    private var connection: String? { trigger.authParameter("connection") }

    private func connectionHasKey(_ key: String) -> Bool {
        connection.map { EventHubConnectionString.value(of: key, in: $0) != nil } ?? false
    }

    private struct CacheKey: Hashable {
        let container: String, layout: CheckpointLayout, namespace: String?, hub: String?, consumerGroup: String?
        init(_ found: RecognisedCheckpoint) {
            container = found.container
            layout = found.layout
            namespace = found.namespace
            hub = found.hub
            consumerGroup = found.consumerGroup
        }
    }

    /// One change to the trigger, and how the user would see it.
    private enum Change {
        case metadata(String, String)
        /// A part of the Event Hubs connection string; only that part is shown, never the key.
        case connection(String, String)

        var key: String {
            switch self {
            case let .metadata(key, _): key
            case .connection: "connection"
            }
        }

        var shown: String {
            switch self {
            case let .metadata(_, value): value
            case let .connection(part, value): "\(part)=\(value)"
            }
        }

        func apply(_ trigger: inout EventHubTriggerMetadata) {
            switch self {
            case let .metadata(key, value):
                trigger.metadata[key] = value
            case let .connection(part, value):
                if let current = trigger.authParams["connection"] {
                    trigger.authParams["connection"] = ConnectionStringEdit.replacing(part, with: value, in: current)
                }
                if let name = trigger.metadata["connectionFromEnv"], let current = trigger.resolvedEnv[name] {
                    trigger.resolvedEnv[name] = ConnectionStringEdit.replacing(part, with: value, in: current)
                }
            }
        }
    }
}

/// Rewrites one `Key=Value` part of a connection string, keeping every other part as written.
package enum ConnectionStringEdit {
    package static func replacing(_ key: String, with value: String, in connection: String) -> String {
        connection.split(separator: ";", omittingEmptySubsequences: false).map { part -> String in
            guard let equals = part.firstIndex(of: "="),
                  part[..<equals].trimmingSpaces.lowercased() == key.lowercased() else { return String(part) }
            return "\(part[..<equals])=\(value)"
        }.joined(separator: ";")
    }
}
