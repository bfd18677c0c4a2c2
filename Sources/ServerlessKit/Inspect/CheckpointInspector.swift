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
        let listings = await list(containers: containersToList(locations), partitions: partitions, locations: locations)

        // KEDA's blob for each partition: from the listing when it answers, else by reading it.
        var outcomes = [CheckpointReadOutcome?](repeating: nil, count: partitions.count)
        var reads: [(index: Int, location: CheckpointLocation)] = []
        for (index, location) in locations.enumerated() {
            guard case let .success(location) = location else { continue }
            switch listings[location.container] {
            case let .success(listing)?:
                if let item = listing.expected[location.blobName] {
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
            let misses = nearMisses.shown[index]
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
                nearMisses: misses,
                nearMissesNotShown: nearMisses.notShown[partition.partitionId] ?? 0)
        }
        let decision = result.decision
        let hub = settings.eventHubForPaths
        var report = CheckpointReport(
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
        report.warnings = Self.listingWarnings(listings)
        if let refusal = settings.clientCreationError {
            // KEDA stops before any checkpoint is read: no metric, KEDA's error instead.
            report.scalerCreationError = refusal.message
            report.scalerError = refusal.kedaText
            report.metricValue = nil
            report.active = nil
            report.desiredReplicas = nil
        }
        return report
    }

    /// A listing that failed for another reason than a missing container: each blob was read instead, and
    /// near misses in that container could not be looked for.
    static func listingWarnings(_ listings: [String: Result<Listing, Error>]) -> [String] {
        listings.sorted { $0.key < $1.key }.compactMap { container, listing in
            guard case let .failure(error) = listing, !isContainerNotFound(error) else { return nil }
            let reason = (error as? UserFacingError)?.message ?? "\(type(of: error))"
            return "could not list container \(container) (\(reason)); read each partition's blob instead, without looking for near misses there"
        }
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

    /// What one container holds for this trigger: the blobs KEDA reads, and the closest other checkpoints
    /// of this hub's partitions (near misses).
    struct Listing: Sendable {
        let expected: [String: BlobItem]
        let nearMisses: NearMissCandidates
    }

    private func client(_ container: String) -> BlobContainerClient {
        BlobContainerClient(connection: storage, container: container, http: http)
    }

    /// Lists each container, keeping from every page only the blobs KEDA reads and a bounded number of
    /// near misses: a container may hold far more than this hub's checkpoints, and memory should follow
    /// the partitions, not the container.
    private func list(containers: [String], partitions: [PartitionRuntimeInfo],
                      locations: [Result<CheckpointLocation, CheckpointFailure>]) async -> [String: Result<Listing, Error>] {
        let expected = Set(locations.compactMap { try? $0.get() })
        var expectedByPartition: [String: CheckpointLocation] = [:]
        for (partition, location) in zip(partitions, locations) { expectedByPartition[partition.partitionId] = try? location.get() }
        let ids = Set(partitions.map(\.partitionId))
        let hub = settings.eventHubForPaths
        let search = NearMissSearch(trigger: trigger, settings: settings)
        let listings = await containers.concurrentMap { [expectedByPartition] container -> Result<Listing, Error> in
            do {
                var kept: [String: BlobItem] = [:]
                var nearMisses = NearMissCandidates()
                try await client(container).listBlobPages(includeMetadata: true) { page in
                    for item in page.blobs {
                        let location = CheckpointLocation(container: container, blobName: item.name)
                        if expected.contains(location), kept[item.name] == nil { kept[item.name] = item }
                        // A blob is a near miss when its name says it is a checkpoint of one of this hub's
                        // partitions, other than the one KEDA reads for that partition.
                        guard let hub, let found = RecognisedCheckpoint.recognise(
                            container: container, blob: item.name, namespace: hub.namespace, hub: hub.name, partitionIds: ids),
                            expectedByPartition[found.partitionId] != location else { continue }
                        nearMisses.offer(.init(found: found, item: item, distance: search.distance(to: found)))
                    }
                }
                return .success(Listing(expected: kept, nearMisses: nearMisses))
            } catch {
                return .failure(error)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(containers, listings))
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

    /// The closest of every partition's checkpoints found elsewhere in the listed containers, with the
    /// setting that would make KEDA read each and its sequence number, and how many more were not shown.
    private func findNearMisses(partitions: [PartitionRuntimeInfo], locations: [Result<CheckpointLocation, CheckpointFailure>],
                                listings: [String: Result<Listing, Error>])
        async -> (shown: [[NearMiss]], notShown: [String: Int]) {
        var candidates = NearMissCandidates()
        for case let .success(listing) in listings.values { candidates.merge(listing.nearMisses) }

        // JSON layouts keep their sequence number in the body: fetch those blobs together.
        let bodies = candidates.byPartition.values.joined().map(\.found)
            .filter { $0.layout != .processor }
            .map { CheckpointLocation(container: $0.container, blobName: $0.blob) }
        let uniqueBodies = Array(Set(bodies))
        var bodyOutcomes: [CheckpointLocation: CheckpointReadOutcome] = [:]
        for (location, outcome) in zip(uniqueBodies, await read(uniqueBodies)) { bodyOutcomes[location] = outcome }

        var search = NearMissSearch(trigger: trigger, settings: settings)
        let shown = partitions.enumerated().map { index, partition in
            let expected = try? locations[index].get()
            return (candidates.byPartition[partition.partitionId] ?? []).map { candidate -> NearMiss in
                let recognised = candidate.found
                let setting = search.setting(for: recognised)
                let outcome = recognised.layout == .processor
                    ? CheckpointReadOutcome.found(body: [], metadata: candidate.item.metadata)
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
        return (shown, candidates.notKept)
    }
}
