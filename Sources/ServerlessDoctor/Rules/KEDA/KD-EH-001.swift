import ServerlessKEDA
import ServerlessKubernetes
import ServerlessSupport

/// KEDA's own azure-eventhub parser, run on the trigger: what it rejects, the scaler never builds.
public struct EventHubTriggerRejected: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-EH-001", platform: .keda, severity: .error,
        title: "KEDA rejects this azure-eventhub trigger",
        rationale: """
            KEDA parses the trigger's metadata, the target's environment and the TriggerAuthentication before it builds \
            the azure-eventhub scaler; a threshold that is not a positive JSON integer, workload identity without \
            eventHubNamespace, or cloud: Private without endpointSuffix/storageEndpointSuffix fails that step. From \
            v2.15 KEDA then creates its Event Hubs and blob clients from the connection strings, and the Azure SDKs' \
            parsers fail the scaler too: an Endpoint without sb://, a missing SharedAccessKeyName, a part without '=', \
            an AccountKey that is not base64. Either way the ScaledObject never becomes Ready. The message is KEDA's \
            own (the first failure, in KEDA's order), from the operator's version when the input holds the operator, \
            else the newest KEDA. Missing hub names and checkpoint storage are reported by AF-KEDA-EH-001/004, missing \
            objects by KD-TA-*, KD-ENV-001 and AF-KEDA-ENV-001.
            """,
        fix: "Correct what KEDA names: unprocessedEventThreshold a positive integer without sign or decimals, eventHubNamespace with workload identity, endpointSuffix and storageEndpointSuffix with cloud: Private, or the connection string as the Azure portal gives it (an Endpoint starting with sb://, a key name and key, an AccountKey in base64).",
        references: ["kedacore/keda#7732", "kedacore/keda#7733"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: EventHubConnection, value: "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=EXAMPLE"}
                    - {name: AzureWebJobsStorage, value: "DefaultEndpointsProtocol=https;AccountName=ordersfn;AccountKey=EXAMPLE;EndpointSuffix=core.windows.net"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata:
                  eventHubName: orders
                  connectionFromEnv: EventHubConnection
                  storageConnectionFromEnv: AzureWebJobsStorage
                  checkpointStrategy: blobMetadata
                  blobContainer: azure-webjobs-eventhub
                  unprocessedEventThreshold: "0"
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - {name: orders, image: example.azurecr.io/orders:1.0}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-identity, namespace: functions}
            spec:
              podIdentity: {provider: azure-workload}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                authenticationRef: {name: orders-identity}
                metadata:
                  eventHubName: orders
                  storageAccountName: ordersfn
                  checkpointStrategy: blobMetadata
                  blobContainer: azure-webjobs-eventhub
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - {name: orders, image: example.azurecr.io/orders:1.0}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-identity, namespace: functions}
            spec:
              podIdentity: {provider: azure-workload}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                authenticationRef: {name: orders-identity}
                metadata:
                  cloud: Private
                  endpointSuffix: servicebus.contoso.example
                  eventHubNamespace: orders-ns
                  eventHubName: orders
                  storageAccountName: ordersfn
                  checkpointStrategy: blobMetadata
                  blobContainer: azure-webjobs-eventhub
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: EventHubConnection, value: "Endpoint=orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=EXAMPLE;EntityPath=orders"}
                    - {name: AzureWebJobsStorage, value: "DefaultEndpointsProtocol=https;AccountName=ordersfn;AccountKey=RVhBTVBMRQ==;EndpointSuffix=core.windows.net"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata:
                  connectionFromEnv: EventHubConnection
                  storageConnectionFromEnv: AzureWebJobsStorage
                  checkpointStrategy: blobMetadata
                  blobContainer: azure-webjobs-eventhub
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - {name: orders, image: example.azurecr.io/orders:1.0}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: orders-identity, namespace: functions}
            spec:
              podIdentity: {provider: azure-workload}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                authenticationRef: {name: orders-identity}
                metadata:
                  eventHubNamespace: orders-ns
                  eventHubName: orders
                  storageAccountName: ordersfn
                  checkpointStrategy: blobMetadata
                  blobContainer: azure-webjobs-eventhub
                  unprocessedEventThreshold: "100"
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - name: EventHubConnection
                      valueFrom: {secretKeyRef: {name: orders-eventhub, key: connection}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage, unprocessedEventThreshold: "0"}
            """])

    /// Trigger settings whose values are never credentials, in the order they are shown as evidence when
    /// KEDA's refusal names them (`KEDAConfigError.settings`).
    package static let shownFields = [
        "unprocessedEventThreshold", "activationUnprocessedEventThreshold", "stalePartitionInfoThreshold",
        "eventHubNamespace", "eventHubName", "storageAccountName", "cloud", "endpointSuffix",
        "storageEndpointSuffix", "activeDirectoryEndpoint", "eventHubResourceURL",
    ]

    public func check(_ index: DoctorIndex) -> [Finding] {
        EventHubTriggerParse.all(in: index).compactMap { parse in
            guard case .failure(let error) = parse.result, Self.isOwnProblem(error, of: parse, in: index) else { return nil }
            let trigger = parse.trigger
            let keda = parse.versionFromOperator ? "KEDA \(parse.version)" : "KEDA"
            let text = error.kedaText.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "; ")
            var evidence = Self.shownFields.filter(error.settings.contains)
                .map { Evidence.field("\(trigger.path).metadata.\($0)", trigger.metadata[$0]) }
            if let provider = parse.inputs.podIdentityProvider {
                evidence.append("podIdentity.provider: \(provider)")
            }
            evidence.append(parse.versionFromOperator ? "KEDA operator version: \(parse.version)" : "KEDA version: \(parse.version), the newest release (no operator in the input)")
            // Without the operator the version is assumed: a refusal only some releases make is a "may".
            if !parse.versionFromOperator, Self.accepted(parse.inputs, by: .main) {
                return Self.description.finding(
                    parse.resource.object, in: index, field: "\(trigger.path).metadata",
                    message: "KEDA \(parse.version), the newest release, rejects this azure-eventhub trigger (\(trigger.path)): "
                        + "\(text); \(parse.resource.object.name) may never scale if that is the KEDA that runs it "
                        + "(no KEDA operator in the input to tell, and other releases accept it)",
                    evidence: evidence, severity: .warning)
            }
            return Self.description.finding(
                parse.resource.object, in: index, field: "\(trigger.path).metadata",
                message: "\(keda) rejects this azure-eventhub trigger (\(trigger.path)), so \(parse.resource.object.name) never scales: \(text)",
                evidence: evidence)
        }
    }

    /// Whether KEDA at `version` builds its scaler from these inputs: metadata and client creation pass.
    package static func accepted(_ inputs: TriggerInputs, by version: KEDAVersion) -> Bool {
        guard let settings = try? EventHubScalerSettings(parsing: inputs.eventHubTrigger, version: version) else { return false }
        return settings.clientCreationError == nil
    }

    /// False for errors another rule reports (one problem, one finding), and for errors that only say an
    /// input could not be gathered here (a Key Vault parameter, a ...FromEnv name the container lacks).
    package static func isOwnProblem(_ error: KEDAConfigError, of parse: EventHubTriggerParse, in index: DoctorIndex) -> Bool {
        let trigger = parse.trigger
        let provider = parse.inputs.podIdentityProvider ?? ""
        // KD-TA-003 reports providers KEDA does not know.
        if error.code == .unsupportedPodIdentity, !PodIdentityProvider.valid.contains(provider) { return false }
        guard error.code.isMissingInput else { return true }
        if !parse.inputs.unresolvedAuthSources.isEmpty { return false }
        // A ...FromEnv name the container does not define: AF-KEDA-ENV-001.
        for (key, value) in trigger.metadata.members where key.hasSuffix("FromEnv") {
            if let name = value.string, !name.isEmpty, parse.inputs.resolvedEnv[name] == nil { return false }
        }
        // AF-KEDA-EH-001: no checkpoint storage named at all.
        if error.code == .noStorageConnection,
           !EventHubCheckpointStorage.isNamed(metadata: trigger.metadata, authParameters: Set(parse.inputs.authParams.keys),
                                              podIdentityProvider: parse.inputs.podIdentityProvider) { return false }
        // AF-KEDA-EH-004: no hub name named at all, on a Functions host (the only place that rule judges).
        if error.code == .noEventHubName, trigger.metadata("eventHubName") == nil, trigger.metadata("eventHubNameFromEnv") == nil,
           parse.resource.scalesFunctionsHost(in: index) { return false }
        return true
    }
}
