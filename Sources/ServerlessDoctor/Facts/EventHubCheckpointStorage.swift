import ServerlessKubernetes

/// Whether an azure-eventhub trigger names checkpoint storage for KEDA at all, before any value is read. KEDA reads
/// `storageConnection` from the TriggerAuthentication parameters, else from the env `storageConnectionFromEnv`
/// names (`azure.EventHubInfo`, kedacore/keda pkg/scalers/azure/azure_eventhub.go); with workload identity it
/// takes `storageAccountName` instead (`parseAzureEventHubAuthenticationMetadata`,
/// pkg/scalers/azure_eventhub_scaler.go). AF-KEDA-EH-001 reports a trigger that names none; KD-EH-001 leaves
/// KEDA's "no storage connection string given" to it then.
package enum EventHubCheckpointStorage {
    /// Over what KEDA reads: the trigger's metadata, the authentication's parameter names, its pod identity.
    package static func isNamed(metadata: (String) -> String?, authParameters: Set<String>, podIdentityProvider: String?) -> Bool {
        metadata("storageConnectionFromEnv") != nil || authParameters.contains("storageConnection")
            || podIdentityProvider == "azure-workload"
    }

    /// For a trigger in the doctor's input; nil when its authentication is not in the input to tell (KD-TA-001).
    package static func isNamed(_ trigger: ScaledResource.Trigger, of resource: ScaledResource, in index: DoctorIndex) -> Bool? {
        let auth = TriggerAuthentication.resolved(trigger, of: resource, in: index)
        guard auth.judgeable else { return nil }
        return isNamed(metadata: trigger.metadata, authParameters: auth.found?.parameters ?? [],
                       podIdentityProvider: auth.found?.podIdentityProvider)
    }
}
