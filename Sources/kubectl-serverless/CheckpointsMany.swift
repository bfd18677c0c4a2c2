import ArgumentParser
import Foundation
import ServerlessIO
import ServerlessInspect
import ServerlessKubernetes
import ServerlessRender
import ServerlessSupport

/// `checkpoints -A`, `-n NS` without a name, `-l SELECTOR`, `-f PATH` without a name: every azure-eventhub
/// trigger in scope, in the cluster or in the manifests (`ScalableObjectSource`), each resolved exactly as
/// `checkpoints NAME --trigger INDEX` resolves it (the same runner, per trigger), all at once over one shared
/// transport. One that cannot be inspected is an item with its error.
struct CheckpointsMany {
    let global: GlobalOptions
    let source: CheckpointSourceOptions
    let scope: CheckpointScopeOptions
    let run: SharedCheckpointRun
    /// nil: every namespace (-A; in manifests also no -n).
    let namespace: String?
    let tracker: RequestTracker

    init(global: GlobalOptions, source: CheckpointSourceOptions, scope: CheckpointScopeOptions, objects: ScalableObjectSource,
         tracker: RequestTracker) throws {
        self.global = global
        self.source = source
        self.scope = scope
        self.tracker = tracker
        namespace = scope.namespace(in: objects, global: global)
        let curl = try CurlTransport(options: try CheckpointCommandRunner(global: global, source: source).azureTransportOptions())
        run = SharedCheckpointRun(objects: objects, transport: TrackedHTTPClient(curl, tracker: tracker))
    }

    /// What a trigger was resolved to, kept across `--watch` rounds while its object's resourceVersion stays.
    struct Resolved: Sendable {
        let trigger: EventHubTriggerScope.Trigger
        let prepared: Result<PreparedCheckpoint, ItemFailure>
    }

    struct ItemFailure: Error {
        let failure: ReportFailure
        let exitCode: Int32

        init(_ error: Error) {
            if let error = error as? UserFacingError {
                failure = ReportFailure(message: error.message, remedy: error.hint)
                exitCode = error.category.exitCode
            } else {
                failure = ReportFailure(message: "\(error)", remedy: nil)
                exitCode = 3
            }
        }
    }

    /// One round: list the objects, resolve the triggers that are new or whose object changed (and those
    /// that failed before), read every trigger's checkpoints. `known` is the previous round's resolutions.
    func round(known: [String: Resolved]) async throws -> (list: CheckpointReportList, resolved: [String: Resolved]) {
        let found = try await run.objects.triggers(namespace: namespace, selector: scope.selector)
        run.reads.newRound()
        let resolved = await found.triggers.concurrentMap { trigger -> Resolved in
            if let previous = known[trigger.key], previous.trigger.resourceVersion == trigger.resourceVersion,
               case .success = previous.prepared {
                return previous
            }
            return Resolved(trigger: trigger, prepared: await prepare(trigger))
        }
        var items = await resolved.concurrentMap { resolved -> CheckpointReportList.Item in
            let trigger = resolved.trigger
            var item = CheckpointReportList.Item(kind: trigger.object.kind.rawValue, namespace: trigger.object.namespace,
                                                 name: trigger.object.name, triggerIndex: trigger.index, triggerName: trigger.name)
            do {
                let prepared = try resolved.prepared.get()
                item.report = try await runner(for: trigger).inspect(prepared)
            } catch {
                let failure = error as? ItemFailure ?? ItemFailure(error)
                item.failure = failure.failure
                item.failureExitCode = failure.exitCode
            }
            return item
        }
        for failure in found.failures {
            items.append(CheckpointReportList.Item(kind: failure.kind.rawValue, namespace: failure.namespace, name: nil, triggerIndex: nil,
                                                   triggerName: nil, failure: ReportFailure(message: failure.error.message, remedy: failure.error.hint),
                                                   failureExitCode: failure.error.category.exitCode))
        }
        let byKey = Dictionary(resolved.map { ($0.trigger.key, $0) }, uniquingKeysWith: { first, _ in first })
        return (CheckpointReportList(items: items).sorted(by: scope.sortBy), byKey)
    }

    private func runner(for trigger: EventHubTriggerScope.Trigger) -> CheckpointCommandRunner {
        CheckpointCommandRunner(global: global, source: source.naming(trigger.object, trigger: String(trigger.index)), tracker: tracker,
                                listed: .init(objects: run.objects, namespace: trigger.object.namespace),
                                shared: SharedCheckpointRun.Slot(run: run, object: trigger.object.description))
    }

    private func prepare(_ trigger: EventHubTriggerScope.Trigger) async -> Result<PreparedCheckpoint, ItemFailure> {
        do {
            return .success(try await runner(for: trigger).prepare())
        } catch {
            return .failure(ItemFailure(error))
        }
    }

    func noneFound() -> String {
        let place = namespace.map { "namespace \($0)" } ?? "any namespace"
        let manifests = if case .manifests = run.objects { " of the manifests" } else { "" }
        return "no ScaledObject or ScaledJob with an azure-eventhub trigger in \(place)\(manifests)"
            + (scope.selector.map { " matching \($0)" } ?? "")
    }
}

extension CheckpointSourceOptions {
    /// These options naming one object (and `trigger`, an index, or nil for its only azure-eventhub trigger).
    func naming(_ object: ScalableObjectRef, trigger: String?) -> CheckpointSourceOptions {
        var named = self
        named.scaledObject = object.kind == .scaledObject ? object.name : nil
        named.scaledJob = object.kind == .scaledJob ? object.name : nil
        named.trigger = trigger
        return named
    }
}
