import ServerlessIO
import ServerlessKubernetes

/// What one `checkpoints` run reads: one trigger (the object named, or the only one in `-f` manifests) or many.
enum CheckpointTarget {
    case one(CheckpointCommandRunner)
    case many(CheckpointsMany)

    /// `many` is `CheckpointScopeOptions.readsMany`. `-f` without a name (and without -A or -l) that finds
    /// exactly one azure-eventhub trigger reads it as naming it would: its own report. -A and -l always list,
    /// as they do in a cluster. The manifests are read once, here.
    static func choose(global: GlobalOptions, source: CheckpointSourceOptions, scope: CheckpointScopeOptions, many: Bool,
                       tracker: RequestTracker) async throws -> CheckpointTarget {
        guard many else { return .one(CheckpointCommandRunner(global: global, source: source, tracker: tracker)) }
        let objects = try source.objects(global: global)
        if case .manifests = objects, !scope.allNamespaces, scope.selector == nil {
            let found = try await objects.triggers(namespace: scope.namespace(in: objects, global: global), selector: nil)
            if found.triggers.count == 1, let only = found.triggers.first {
                return .one(CheckpointCommandRunner(global: global, source: source.naming(only.object, trigger: nil), tracker: tracker,
                                                    listed: .init(objects: objects, namespace: only.object.namespace)))
            }
        }
        return .many(try CheckpointsMany(global: global, source: source, scope: scope, objects: objects, tracker: tracker))
    }
}
