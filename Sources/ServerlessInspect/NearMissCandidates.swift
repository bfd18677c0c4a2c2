import ServerlessIO

/// The closest few checkpoints of each partition found elsewhere, kept while the listing streams in.
/// A container shared by many consumer groups holds thousands of them per partition; a user needs the
/// nearest, so memory and body reads follow `limit` x partitions, not the container.
package struct NearMissCandidates: Sendable {
    package struct Candidate: Sendable {
        package let found: RecognisedCheckpoint
        package let item: BlobItem
        /// How many trigger settings differ from the blob's; fewer is closer.
        package let distance: Int

        /// Closest first; then by container and name, so the same listing always keeps the same blobs.
        package static func closer(_ lhs: Candidate, _ rhs: Candidate) -> Bool {
            (lhs.distance, lhs.found.container, lhs.found.blob) < (rhs.distance, rhs.found.container, rhs.found.blob)
        }
    }

    package static let defaultLimit = 5

    package let limit: Int
    package private(set) var byPartition: [String: [Candidate]] = [:]
    /// How many more were found than kept, per partition.
    package private(set) var notKept: [String: Int] = [:]

    package init(limit: Int = defaultLimit) {
        self.limit = limit
    }

    package mutating func offer(_ candidate: Candidate) {
        let id = candidate.found.partitionId
        var kept = byPartition[id, default: []]
        if kept.count == limit {
            guard let worst = kept.last, Candidate.closer(candidate, worst) else {
                notKept[id, default: 0] += 1
                return
            }
            kept.removeLast()
            notKept[id, default: 0] += 1
        }
        kept.insert(candidate, at: kept.firstIndex { Candidate.closer(candidate, $0) } ?? kept.endIndex)
        byPartition[id] = kept
    }

    /// Joins another container's candidates into these, keeping the same bound.
    package mutating func merge(_ other: NearMissCandidates) {
        for (id, count) in other.notKept { notKept[id, default: 0] += count }
        for candidates in other.byPartition.values {
            for candidate in candidates { offer(candidate) }
        }
    }
}
