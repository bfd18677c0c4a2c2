import Foundation
import ServerlessKEDA

/// KEDA's blob for each partition number, worked out once per run: the listing pages (one task per
/// container), the partitions and the scaler's count all ask for it, and each answer runs KEDA's path
/// checks (Go's url.Parse) on the whole name.
package final class CheckpointLocations: @unchecked Sendable {
    private let settings: EventHubScalerSettings
    private let lock = NSLock()
    private var known: [String: Result<CheckpointLocation, CheckpointFailure>] = [:]

    package init(_ settings: EventHubScalerSettings) {
        self.settings = settings
    }

    package func location(for partitionID: String) -> Result<CheckpointLocation, CheckpointFailure> {
        if let hit = lock.withLock({ known[partitionID] }) { return hit }
        let location = settings.checkpointLocation(partitionID: partitionID)
        lock.withLock { known[partitionID] = location }
        return location
    }
}
