import ServerlessIO
import ServerlessKEDA
import ServerlessSupport

/// Reads what KEDA reads for every partition, with as few requests as the listing allows: one
/// List Blobs (with metadata) per 5000 blobs per container covers every partition, and only the
/// strategies whose value is in the blob's body fetch blobs, all at once.
public struct CheckpointInspector: Sendable {
    public let trigger: EventHubTriggerMetadata
    public let settings: EventHubScalerSettings
    public let target: ScaleTarget
    package let storage: StorageConnectionString
    package let http: any HTTPClient

    /// At most this many other consumers are named when the configured one has no checkpoint at all.
    package static let otherConsumersShown = 10

    /// The container the Functions extension keeps its checkpoints in, always worth a look.
    package static let functionsContainer = KEDADefaults.functionsContainer

    public init(trigger: EventHubTriggerMetadata, settings: EventHubScalerSettings, target: ScaleTarget,
                storage: StorageConnectionString, http: any HTTPClient) {
        self.trigger = trigger
        self.settings = settings
        self.target = target
        self.storage = storage
        self.http = http
    }

    public func inspect(partitions: [PartitionRuntimeInfo]) async -> CheckpointReport {
        // Never throws: the partitions are already here.
        (try? await inspect(loadingPartitions: { partitions }))!
    }

    /// Lists the containers while `loadPartitions` asks Event Hubs for the partitions: the two do not
    /// depend on each other (a blob's name tells which partition it is for), so their round trips overlap.
    public func inspect(loadingPartitions loadPartitions: @escaping @Sendable () async throws -> [PartitionRuntimeInfo])
        async throws -> CheckpointReport {
        let locations = CheckpointLocations(settings)
        let containers = containersToList([locations.location(for: "0")])
        async let listed = list(containers: containers, locations: locations)
        let partitions: [PartitionRuntimeInfo]
        do {
            partitions = try await loadPartitions()
        } catch {
            _ = await listed
            throw error
        }
        let listings = await listed
        return await inspect(partitions: partitions, listings: listings, known: locations)
    }

    private func inspect(partitions: [PartitionRuntimeInfo], listings: [String: Result<Listing, Error>],
                         known: CheckpointLocations) async -> CheckpointReport {
        let locations = partitions.map { known.location(for: $0.partitionId) }

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
        var failures: [ReportFailure] = []
        for (slot, result) in zip(reads, await read(reads.map(\.location))) {
            outcomes[slot.index] = result.outcome
            if let failure = result.failure, !failures.contains(where: { $0.message == failure.message }) { failures.append(failure) }
        }

        let inputs = partitions.enumerated().map { index, partition in
            PartitionInput(partitionID: partition.partitionId, beginningSequenceNumber: partition.beginningSequenceNumber,
                           lastEnqueuedSequenceNumber: partition.lastEnqueuedSequenceNumber,
                           checkpoint: outcomes[index] ?? .requestFailed("no path"), location: locations[index])
        }
        let result = EventHubScaler.evaluate(settings: settings, partitions: inputs, target: target)
        let readNow = partitions.indices.filter {
            Self.status(outcome: outcomes[$0], count: result.partitions[$0], nearMisses: []) == .ok
        }
        let wanting = Set(partitions.indices.filter { outcomes[$0]?.isNotFound == true })
        let nearMisses = await findNearMisses(partitions: partitions, locations: locations, listings: listings,
                                              wanting: wanting, readNow: readNow)

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
                ?? settings.reader.strategy.fixedContainer ?? settings.blobContainer,
            kedaVersion: settings.kedaVersion.description,
            scalerError: decision.scalerError,
            partitions: partitionReports,
            totalUnprocessedEvents: decision.totalUnprocessedEvents,
            metricValue: decision.metricValue,
            unprocessedEventThreshold: settings.unprocessedEventThreshold,
            activationUnprocessedEventThreshold: settings.activationUnprocessedEventThreshold,
            active: decision.active,
            desiredReplicas: decision.desiredReplicas.map(Int64.init))
        report.account = storage.displayAccount
        if let missing = await containerNotFound(locations: locations, listings: listings) { failures.insert(missing, at: 0) }
        report.errors = failures
        report.warnings = Self.listingWarnings(listings).filter { warning in !failures.contains { warning.contains($0.message) } }
        // Nothing of this consumer anywhere: name who does have checkpoints here, as a hint.
        if !outcomes.contains(where: { $0?.isFound == true }), nearMisses.shown.allSatisfy(\.isEmpty) {
            var others = OtherConsumerCounts()
            for case let .success(listing) in listings.values { others.merge(listing.otherConsumers) }
            report.otherConsumers = others.top(Self.otherConsumersShown).map { OtherConsumer(consumer: $0.consumer, checkpoints: $0.checkpoints) }
        }
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
    package static func listingWarnings(_ listings: [String: Result<Listing, Error>]) -> [String] {
        var warnings: [String] = []
        for case let (_, .failure(error)) in listings.sorted(by: { $0.key < $1.key }) where !isContainerNotFound(error) {
            let reason = (error as? UserFacingError)?.message ?? "\(type(of: error))"
            let warning = "could not list the checkpoint containers: \(reason); read each partition's blob instead, without looking for near misses"
            if !warnings.contains(warning) { warnings.append(warning) }
        }
        return warnings
    }

    /// The container KEDA reads does not exist: said once, with the account's containers when it lets us list them.
    private func containerNotFound(locations: [Result<CheckpointLocation, CheckpointFailure>],
                                   listings: [String: Result<Listing, Error>]) async -> ReportFailure? {
        let read = Set(locations.compactMap { try? $0.get().container })
        guard let container = read.sorted().first(where: { name in
            if case let .failure(error)? = listings[name] { return Self.isContainerNotFound(error) }
            return false
        }) else { return nil }
        var message = "container \"\(container)\" not found in storage account \"\(storage.displayAccount)\""
        if let names = try? await client(container).accountContainerNames() {
            message += names.isEmpty ? "; the account has no containers" : "; the account has: " + names.joined(separator: ", ")
        }
        return ReportFailure(message: message, remedy: "check --blob-container (blobContainer) and that the storage connection string names the right account")
    }

    // MARK: Status

    package static func status(outcome: CheckpointReadOutcome?, count: PartitionCount, nearMisses: [NearMiss]) -> PartitionCheckpoint.Status {
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
    package static func detail(outcome: CheckpointReadOutcome?, count: PartitionCount) -> String? {
        if case let .requestFailed(text)? = outcome { return text }
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
    package struct Listing: Sendable {
        package let expected: [String: BlobItem]
        package let nearMisses: NearMissCandidates
        /// Checkpoints of other consumers (other hubs, consumer groups or namespaces), counted.
        package let otherConsumers: OtherConsumerCounts
    }

    private func client(_ container: String) -> BlobContainerClient {
        BlobContainerClient(connection: storage, container: container, http: http)
    }

    /// Lists each container, keeping from every page only the blobs KEDA reads and a bounded number of
    /// near misses: a container may hold far more than this hub's checkpoints, and memory should follow
    /// the partitions, not the container.
    private func list(containers: [String], locations: CheckpointLocations) async -> [String: Result<Listing, Error>] {
        let hub = settings.eventHubForPaths
        let search = NearMissSearch(trigger: trigger, settings: settings)
        let consumerGroup = settings.consumerGroup
        let listings = await containers.concurrentMap { container -> Result<Listing, Error> in
            func expected(_ id: String) -> CheckpointLocation? { try? locations.location(for: id).get() }
            do {
                var kept: [String: BlobItem] = [:]
                var nearMisses = NearMissCandidates()
                var others = OtherConsumerCounts()
                try await client(container).listBlobPages(includeMetadata: true) { page in
                    kept.reserveCapacity(kept.count + page.blobs.count)
                    for item in page.blobs {
                        let location = CheckpointLocation(container: container, blobName: item.name)
                        if expected(Self.partitionNumber(in: item.name)) == location {
                            // KEDA's own blob for its partition: neither a near miss nor another consumer's.
                            if kept[item.name] == nil { kept[item.name] = item }
                            continue
                        }
                        // A blob is a near miss when its name says it is this consumer's checkpoint of one of
                        // this hub's partitions, other than the one KEDA reads for that partition.
                        guard let hub else { continue }
                        if let found = RecognisedCheckpoint.recognise(
                            container: container, blob: item.name, namespace: hub.namespace, hub: hub.name, partitionIds: nil),
                            found.belongs(toHub: hub.name, consumerGroup: consumerGroup) {
                            guard expected(found.partitionId) != location else { continue }
                            nearMisses.offer(.init(found: found, item: item, distance: search.distance(to: found)))
                        } else if let consumer = CheckpointConsumer(blob: item.name) {
                            others.count(consumer)
                        }
                    }
                }
                return .success(Listing(expected: kept, nearMisses: nearMisses, otherConsumers: others))
            } catch {
                return .failure(error)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(containers, listings))
    }

    /// The partition a blob's name would be KEDA's checkpoint for: its last `/` segment, the end of a Dapr
    /// name, or the whole name (the old Go SDK's).
    package static func partitionNumber(in name: String) -> String {
        if let slash = name.lastIndex(of: "/") { return String(name[name.index(after: slash)...]) }
        if name.hasPrefix("dapr-"), let dash = name.lastIndex(of: "-") { return String(name[name.index(after: dash)...]) }
        return name
    }

    /// Get Blob for each location, all at once; results in order, with what failed and its remedy.
    private func read(_ locations: [CheckpointLocation]) async -> [(outcome: CheckpointReadOutcome, failure: ReportFailure?)] {
        await locations.concurrentMap { location -> (outcome: CheckpointReadOutcome, failure: ReportFailure?) in
            do {
                let blob = try await client(location.container).getBlob(location.blobName)
                return (.found(body: blob.body, metadata: blob.metadata), nil)
            } catch let error as AzureStorageError where error.kind == .blobNotFound {
                return (.blobNotFound, nil)
            } catch let error as AzureStorageError where error.kind == .containerNotFound {
                return (.containerNotFound, nil)
            } catch {
                let failure = ReportFailure(error)
                return (.requestFailed(failure.message), failure)
            }
        }
    }

    package static func isContainerNotFound(_ error: Error) -> Bool {
        (error as? AzureStorageError)?.kind == .containerNotFound
    }

    // MARK: Near misses

    /// The closest of this consumer's checkpoints found elsewhere for every partition KEDA finds no blob
    /// for, with the setting that would make KEDA read each and its sequence number, and how many more
    /// were not shown. Partitions KEDA reads now (`readNow`) get none, and a setting that would stop KEDA
    /// reading one of them is withheld. Settings that explain more of the missing partitions come first.
    private func findNearMisses(partitions: [PartitionRuntimeInfo], locations: [Result<CheckpointLocation, CheckpointFailure>],
                                listings: [String: Result<Listing, Error>], wanting: Set<Int>, readNow: [Int])
        async -> (shown: [[NearMiss]], notShown: [String: Int]) {
        var candidates = NearMissCandidates()
        for case let .success(listing) in listings.values { candidates.merge(listing.nearMisses) }
        let wanted = wanting.map { partitions[$0].partitionId }

        // JSON layouts keep their sequence number in the body: fetch those blobs together.
        let bodies = wanted.flatMap { candidates.byPartition[$0] ?? [] }.map(\.found)
            .filter { !$0.layout.strategy.reader.readsMetadata }
            .map { CheckpointLocation(container: $0.container, blobName: $0.blob) }
        let uniqueBodies = Array(Set(bodies))
        var bodyOutcomes: [CheckpointLocation: CheckpointReadOutcome] = [:]
        for (location, result) in zip(uniqueBodies, await read(uniqueBodies)) { bodyOutcomes[location] = result.outcome }

        /// The partitions KEDA reads now that it would stop reading under `variant`: its new blob for them
        /// is neither the one it reads now nor one of their checkpoints found elsewhere.
        func broken(by variant: EventHubScalerSettings) -> [String] {
            readNow.compactMap { index in
                let id = partitions[index].partitionId
                guard case let .success(next) = variant.checkpointLocation(partitionID: id) else { return id }
                if next == (try? locations[index].get()) { return nil }
                let elsewhere = (candidates.byPartition[id] ?? []).contains {
                    $0.found.container == next.container && $0.found.blob == next.blobName
                }
                return elsewhere ? nil : id
            }
        }

        var search = NearMissSearch(trigger: trigger, settings: settings)
        var shown = partitions.indices.map { index -> [NearMiss] in
            guard wanting.contains(index) else { return [] }
            let partition = partitions[index]
            let expected = try? locations[index].get()
            return (candidates.byPartition[partition.partitionId] ?? []).map { candidate -> NearMiss in
                let recognised = candidate.found
                var setting = search.answer(for: recognised)?.setting
                var reason = NearMissReason.describe(recognised, expected: expected, hasSetting: setting != nil)
                if let answer = search.answer(for: recognised) {
                    let stops = broken(by: answer.settings)
                    if !stops.isEmpty {
                        reason += NearMissReason.withheld(answer.setting, wouldStopReading: stops)
                        setting = nil
                    }
                }
                let outcome = recognised.layout.strategy.reader.readsMetadata
                    ? CheckpointReadOutcome.found(body: [], metadata: candidate.item.metadata)
                    : bodyOutcomes[CheckpointLocation(container: recognised.container, blobName: recognised.blob)]
                var sequenceNumber: Int64?
                if case let .found(body, metadata)? = outcome,
                   case let .success(value) = CheckpointValue.read(
                       reader: recognised.layout.strategy.reader, body: body, metadata: metadata,
                       partitionID: partition.partitionId, version: settings.kedaVersion) {
                    sequenceNumber = value.sequenceNumber
                }
                return NearMiss(container: recognised.container, blob: recognised.blob, reason: reason,
                                sequenceNumber: sequenceNumber, setting: setting ?? [])
            }
        }
        // The setting that explains the most missing partitions first; otherwise closest first, as found.
        var explains: [String: Int] = [:]
        for misses in shown {
            for key in Set(misses.filter { !$0.setting.isEmpty }.map(\.settingText)) { explains[key, default: 0] += 1 }
        }
        shown = shown.map { misses in
            misses.enumerated().sorted { lhs, rhs in
                let (left, right) = (explains[lhs.element.settingText] ?? 0, explains[rhs.element.settingText] ?? 0)
                return left != right ? left > right : lhs.offset < rhs.offset
            }.map(\.element)
        }
        return (shown, candidates.notKept.filter { id, _ in wanted.contains(id) })
    }
}

extension CheckpointReadOutcome {
    package var isNotFound: Bool {
        switch self {
        case .blobNotFound, .containerNotFound: true
        default: false
        }
    }

    package var isFound: Bool {
        if case .found = self { return true }
        return false
    }
}
