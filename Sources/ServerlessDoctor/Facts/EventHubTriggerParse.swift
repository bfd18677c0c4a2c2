import Foundation
import ServerlessKEDA
import ServerlessKubernetes

/// One azure-eventhub trigger run through KEDA's own parser, with inputs gathered as KEDA gathers them.
/// Triggers whose inputs cannot be gathered (a missing or forbidden object) are left to the rules
/// about those objects: parsing them anyway would blame the trigger for something else.
package struct EventHubTriggerParse: Sendable {
    package let resource: ScaledResource
    package let trigger: ScaledResource.Trigger
    package let inputs: TriggerInputs
    package let version: KEDAVersion
    /// Whether `version` is the operator's (found in the input) rather than the newest KEDA release.
    package let versionFromOperator: Bool
    /// KEDA's settings, or the first error KEDA reports for them (metadata, then client creation).
    package let result: Result<EventHubScalerSettings, KEDAConfigError>

    /// Every azure-eventhub trigger in the input whose inputs resolve, parsed by the operator's KEDA version:
    /// worked out once per run (`DoctorIndex.eventHubTriggers`), for every rule that asks KEDA's parser.
    package static func all(in index: DoctorIndex) -> [EventHubTriggerParse] { index.eventHubTriggers }

    package static func scan(in index: DoctorIndex) -> [EventHubTriggerParse] {
        let resources = ScaledResource.all(in: index).filter { $0.triggers.contains { $0.type == "azure-eventhub" } }
        guard !resources.isEmpty else { return [] }
        let keda = KedaOperator.all(in: index).first
        // The detector `checkpoints` uses: operator Deployments and KEDA chart values, else the newest release.
        let choice = KEDAVersionDetector.choose(
            flag: nil, sightings: index.kedaSightings, from: index.isLive ? .cluster : .manifests)
        let version = choice.version
        let clusterObjectNamespace = keda?.clusterObjectNamespace(in: index) ?? KEDADefaults.clusterObjectNamespace
        // The objects placed once, as `checkpoints -f` places its manifests.
        let source = TriggerInputsSource(index.store, placement: index.placement)
        var out: [EventHubTriggerParse] = []
        for resource in resources {
            let kind: ScalableKind = resource.isJob ? .scaledJob : .scaledObject
            let ref = ScalableObjectRef(kind: kind, namespace: index.namespace(of: resource.object) ?? index.defaultNamespace,
                                        name: resource.object.name)
            for (position, trigger) in resource.triggers.enumerated() where trigger.type == "azure-eventhub" {
                // A value KEDA reads as empty (missing key or object) is the finding of the rules about that reference.
                guard let inputs = try? source.inputs(ref, trigger: String(position), clusterObjectNamespace: clusterObjectNamespace),
                      inputs.emptyReadsTheTriggerUses.isEmpty else { continue }
                let result: Result<EventHubScalerSettings, KEDAConfigError>
                do {
                    let settings = try EventHubScalerSettings(parsing: inputs.eventHubTrigger, version: version)
                    // KEDA then creates its clients; when that fails, the scaler is never built either.
                    result = settings.clientCreationError.map { .failure($0) } ?? .success(settings)
                } catch let error as KEDAConfigError {
                    result = .failure(error)
                } catch {
                    continue
                }
                out.append(EventHubTriggerParse(resource: resource, trigger: trigger, inputs: inputs, version: version,
                                                versionFromOperator: choice.source != .default, result: result))
            }
        }
        return out
    }
}

/// The triggers parsed on first use and kept; rules read the index at once, so the first one works them out.
package final class EventHubTriggerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [EventHubTriggerParse]?

    package func value(_ make: () -> [EventHubTriggerParse]) -> [EventHubTriggerParse] {
        lock.withLock {
            if let parsed { return parsed }
            let made = make()
            parsed = made
            return made
        }
    }
}
