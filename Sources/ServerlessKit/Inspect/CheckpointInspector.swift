/// Reads what KEDA reads for every partition, with as few requests as the listing allows: one
/// List Blobs (with metadata) per 5000 blobs per container covers every partition, and only the
/// strategies whose value is in the blob's body fetch blobs, all at once.
public struct CheckpointInspector: Sendable {
    public let trigger: EventHubTriggerMetadata
    public let settings: EventHubScalerSettings
    public let target: ScaleTarget
    let storage: StorageConnectionString
    let http: any HTTPClient

    /// The container the Functions extension keeps its checkpoints in, always worth a look.
    static let functionsContainer = "azure-webjobs-eventhub"

    public init(trigger: EventHubTriggerMetadata, settings: EventHubScalerSettings, target: ScaleTarget,
                storage: StorageConnectionString, http: any HTTPClient) {
        self.trigger = trigger
        self.settings = settings
        self.target = target
        self.storage = storage
        self.http = http
    }

    public func inspect(partitions: [PartitionRuntimeInfo]) async -> CheckpointReport {
        let locations = partitions.map { settings.checkpointLocation(partitionID: $0.partitionId) }
        let listings = await list(containers: containersToList(locations),
                                  keeping: Self.worthKeeping(locations: locations, partitions: partitions, hub: settings.eventHubForPaths))

        // KEDA's blob for each partition: from the listing when it answers, else by reading it.
        var outcomes = [CheckpointReadOutcome?](repeating: nil, count: partitions.count)
        var reads: [(index: Int, location: CheckpointLocation)] = []
        for (index, location) in locations.enumerated() {
            guard case let .success(location) = location else { continue }
            switch listings[location.container] {
            case let .success(listing)?:
                if let item = listing.byName[location.blobName] {
                    if settings.reader.readsMetadata {
                        outcomes[index] = .found(body: [], metadata: item.metadata)
                    } else {
                        reads.append((index, location))
                    }
                } else {
                    outcomes[index] = .blobNotFound
                }
            case let .failure(error)? where Self.isContainerNotFound(error):
                outcomes[index] = .containerNotFound
            default:
                // The listing was refused (a SAS without list permission, say): read the blob as KEDA does.
                reads.append((index, location))
            }
        }
        for (slot, outcome) in zip(reads, await read(reads.map(\.location))) { outcomes[slot.index] = outcome }

        let inputs = partitions.enumerated().map { index, partition in
            PartitionInput(partitionID: partition.partitionId, beginningSequenceNumber: partition.beginningSequenceNumber,
                           lastEnqueuedSequenceNumber: partition.lastEnqueuedSequenceNumber,
                           checkpoint: outcomes[index] ?? .requestFailed("no path"))
        }
        let result = EventHubScaler.evaluate(settings: settings, partitions: inputs, target: target)
        let nearMisses = await findNearMisses(partitions: partitions, locations: locations, listings: listings)

        let partitionReports = partitions.enumerated().map { index, partition in
            let count = result.partitions[index]
            let location = try? locations[index].get()
            let misses = nearMisses[index]
            return PartitionCheckpoint(
                partitionId: partition.partitionId,
                blob: location?.blobName ?? "",
                status: Self.status(outcome: outcomes[index], count: count, nearMisses: misses),
                checkpointSequenceNumber: count.checkpoint?.sequenceNumber,
                lastEnqueuedSequenceNumber: partition.lastEnqueuedSequenceNumber,
                beginningSequenceNumber: partition.beginningSequenceNumber,
                lastEnqueuedTime: partition.lastEnqueuedTime.map(AzureTime.iso8601),
                unprocessedEvents: count.unprocessedEvents,
                detail: Self.detail(outcome: outcomes[index], count: count),
                nearMisses: misses)
        }
        let decision = result.decision
        let hub = settings.eventHubForPaths
        return CheckpointReport(
            eventHub: .init(namespace: hub?.namespace ?? "", name: hub?.name ?? "", consumerGroup: settings.consumerGroup),
            checkpointStrategy: settings.checkpointStrategy,
            reader: settings.reader.rawValue,
            container: locations.lazy.compactMap { try? $0.get().container }.first
                ?? (settings.reader == .azureFunction ? Self.functionsContainer : settings.blobContainer),
            kedaVersion: settings.kedaVersion.description,
            scalerError: decision.scalerError,
            partitions: partitionReports,
            totalUnprocessedEvents: decision.totalUnprocessedEvents,
            metricValue: decision.metricValue,
            unprocessedEventThreshold: settings.unprocessedEventThreshold,
            activationUnprocessedEventThreshold: settings.activationUnprocessedEventThreshold,
            active: decision.active,
            desiredReplicas: decision.desiredReplicas.map(Int64.init))
    }

    // MARK: Status

    static func status(outcome: CheckpointReadOutcome?, count: PartitionCount, nearMisses: [NearMiss]) -> PartitionCheckpoint.Status {
        if case .failure = count.location { return .invalid }
        switch outcome {
        case .found?:
            // A blob KEDA never reads (last enqueued -1) keeps the status its content gives.
            if count.failure != nil { return .invalid }
            return count.checkpoint != nil || count.neverUsed ? .ok : .invalid
        case .blobNotFound?, .containerNotFound?:
            return nearMisses.isEmpty ? .missing : .mismatch
        case .requestFailed?, nil:
            return .error
        }
    }

    /// Why a partition is invalid or failed, in the newest wording (the version's own is in `scalerError`).
    static func detail(outcome: CheckpointReadOutcome?, count: PartitionCount) -> String? {
        if case let .requestFailed(text)? = outcome { return text }
        if case .containerNotFound? = outcome { return "container not found" }
        return count.failure.map { $0.kedaText }
    }

    // MARK: Storage

    private func containersToList(_ locations: [Result<CheckpointLocation, CheckpointFailure>]) -> [String] {
        var containers = Set(locations.compactMap { try? $0.get().container })
        if !settings.blobContainer.isEmpty { containers.insert(settings.blobContainer) }
        containers.insert(Self.functionsContainer)
        return containers.filter { !$0.isEmpty }.sorted()
    }

    struct Listing: Sendable {
        let container: String
        let items: [BlobItem]
        let byName: [String: BlobItem]
    }

    private func client(_ container: String) -> BlobContainerClient {
        BlobContainerClient(connection: storage, container: container, http: http)
    }

    /// Lists each container, keeping from every page only the blobs `keep` wants: a container may hold far
    /// more than this hub's checkpoints, and memory should follow the partitions, not the container.
    private func list(containers: [String], keeping keep: @escaping @Sendable (String, BlobItem) -> Bool)
        async -> [String: Result<Listing, Error>] {
        let listings = await containers.concurrentMap { container -> Result<Listing, Error> in
            do {
                var items: [BlobItem] = []
                try await client(container).listBlobPages(includeMetadata: true) { page in
                    items += page.blobs.lazy.filter { keep(container, $0) }
                }
                let byName = Dictionary(items.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                return .success(Listing(container: container, items: items, byName: byName))
            } catch {
                return .failure(error)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(containers, listings))
    }

    /// A blob is worth keeping when KEDA reads it, or when its name says it is a checkpoint of one of
    /// this hub's partitions (a near miss).
    static func worthKeeping(locations: [Result<CheckpointLocation, CheckpointFailure>], partitions: [PartitionRuntimeInfo],
                             hub: EventHubIdentity?) -> @Sendable (String, BlobItem) -> Bool {
        let expected = Set(locations.compactMap { try? $0.get() })
        let ids = Set(partitions.map(\.partitionId))
        return { container, item in
            if expected.contains(CheckpointLocation(container: container, blobName: item.name)) { return true }
            guard let hub else { return false }
            return RecognisedCheckpoint.recognise(container: container, blob: item.name, namespace: hub.namespace,
                                                  hub: hub.name, partitionIds: ids) != nil
        }
    }

    /// Get Blob for each location, all at once; results in order.
    private func read(_ locations: [CheckpointLocation]) async -> [CheckpointReadOutcome] {
        await locations.concurrentMap { location -> CheckpointReadOutcome in
            do {
                let blob = try await client(location.container).getBlob(location.blobName)
                return .found(body: blob.body, metadata: blob.metadata)
            } catch let error as AzureStorageError {
                switch error.kind {
                case .blobNotFound: return .blobNotFound
                case .containerNotFound: return .containerNotFound
                default: return .requestFailed(error.message)
                }
            } catch let error as UserFacingError {
                return .requestFailed(error.message)
            } catch {
                return .requestFailed("\(type(of: error))")
            }
        }
    }

    static func isContainerNotFound(_ error: Error) -> Bool {
        (error as? AzureStorageError)?.kind == .containerNotFound
    }

    // MARK: Near misses

    /// Every partition's checkpoints found elsewhere in the listed containers, with the setting that would
    /// make KEDA read each and its sequence number.
    private func findNearMisses(partitions: [PartitionRuntimeInfo], locations: [Result<CheckpointLocation, CheckpointFailure>],
                                listings: [String: Result<Listing, Error>]) async -> [[NearMiss]] {
        guard let hub = settings.eventHubForPaths else { return partitions.map { _ in [] } }
        let ids = Set(partitions.map(\.partitionId))
        var found: [String: [(RecognisedCheckpoint, BlobItem)]] = [:]
        for container in listings.keys.sorted() {
            guard case let .success(listing)? = listings[container] else { continue }
            for item in listing.items {
                guard let recognised = RecognisedCheckpoint.recognise(
                    container: container, blob: item.name, namespace: hub.namespace, hub: hub.name, partitionIds: ids) else { continue }
                found[recognised.partitionId, default: []].append((recognised, item))
            }
        }

        // JSON layouts keep their sequence number in the body: fetch those blobs together.
        var bodies: [CheckpointLocation] = []
        for (_, candidates) in found {
            for (recognised, _) in candidates where recognised.layout != .processor {
                bodies.append(CheckpointLocation(container: recognised.container, blobName: recognised.blob))
            }
        }
        let uniqueBodies = Array(Set(bodies))
        var bodyOutcomes: [CheckpointLocation: CheckpointReadOutcome] = [:]
        for (location, outcome) in zip(uniqueBodies, await read(uniqueBodies)) { bodyOutcomes[location] = outcome }

        var search = NearMissSearch(trigger: trigger, settings: settings)
        return partitions.enumerated().map { index, partition in
            let expected = try? locations[index].get()
            return (found[partition.partitionId] ?? []).compactMap { recognised, item -> NearMiss? in
                if recognised.container == expected?.container, recognised.blob == expected?.blobName { return nil }
                let setting = search.setting(for: recognised)
                let outcome = recognised.layout == .processor
                    ? CheckpointReadOutcome.found(body: [], metadata: item.metadata)
                    : bodyOutcomes[CheckpointLocation(container: recognised.container, blobName: recognised.blob)]
                var sequenceNumber: Int64?
                if case let .found(body, metadata)? = outcome,
                   case let .success(value) = CheckpointValue.read(
                       reader: NearMissReason.reader(for: recognised.layout), body: body, metadata: metadata,
                       partitionID: partition.partitionId, version: settings.kedaVersion) {
                    sequenceNumber = value.sequenceNumber
                }
                return NearMiss(container: recognised.container, blob: recognised.blob,
                                reason: NearMissReason.describe(recognised, expected: expected, hasSetting: setting != nil),
                                sequenceNumber: sequenceNumber, setting: setting ?? [])
            }
        }
    }
}
