import Testing
@testable import ServerlessKEDA

/// Each refusal of KEDA's azure-eventhub scaler carries its code beside KEDA's own text
/// (kedacore/keda pkg/scalers/azure_eventhub_scaler.go, pkg/scalers/azure/azure_cloud_environment.go),
/// so the doctor's rules hand problems to each other by code, never by reading the text.
@Suite struct KEDAConfigErrorCodeTests {
    static let connection = "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=a2V5;EntityPath=orders"
    static let storage = "DefaultEndpointsProtocol=https;AccountName=ordersfn;AccountKey=RVhBTVBMRQ==;EndpointSuffix=core.windows.net"

    static func withStrings(_ connection: String = connection, _ metadata: [String: String] = [:]) -> EventHubTriggerMetadata {
        EventHubTriggerMetadata(metadata: metadata, authParams: ["connection": connection, "storageConnection": storage])
    }

    static func workload(_ metadata: [String: String]) -> EventHubTriggerMetadata {
        EventHubTriggerMetadata(metadata: metadata, podIdentityProvider: "azure-workload")
    }

    static let cases: [(EventHubTriggerMetadata, KEDAConfigError.Code, String)] = [
        (EventHubTriggerMetadata(metadata: [:]), .noStorageConnection, "no storage connection string given"),
        (EventHubTriggerMetadata(metadata: [:], authParams: ["storageConnection": storage]), .noEventHubConnection,
         "no event hub connection string given"),
        (withStrings("Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=a2V5"), .noEventHubName,
         "connection string does not contain event hub name, and parameter eventHubName not provided"),
        (workload([:]), .noStorageForPodIdentity,
         "no storage connection string or storage account name for pod identity based authentication given"),
        (workload(["storageAccountName": "ordersfn"]), .noEventHubNamespace, "no event hub namespace string given"),
        (workload(["storageAccountName": "ordersfn", "eventHubNamespace": "orders-ns"]), .noEventHubName,
         "no event hub name string given"),
        (EventHubTriggerMetadata(metadata: [:], podIdentityProvider: "aws"), .unsupportedPodIdentity,
         "event hub does not support pod identity aws"),
        (withStrings(connection, ["unprocessedEventThreshold": "0"]), .invalidMetadata,
         "error parsing azure eventhub metadata: \"unprocessedEventThreshold\" must be a positive number"),
        (withStrings(connection, ["cloud": "Mars"]), .invalidCloud, "invalid cloud environment Mars"),
        (withStrings(connection, ["cloud": "Private"]), .invalidCloud, "endpointSuffix must be provided for Private cloud type"),
    ]

    @Test(arguments: cases.indices)
    func everyRefusalCarriesItsCode(index: Int) {
        let (trigger, code, text) = Self.cases[index]
        let error = #expect(throws: KEDAConfigError.self) { try EventHubScalerSettings(parsing: trigger) }
        #expect(error?.code == code)
        #expect(error?.reason == text)
    }

    /// The settings a refusal names are what KD-EH-001 shows as evidence: never a credential.
    @Test func refusalsNameTheSettingsTheyAreAbout() throws {
        func settings(_ trigger: EventHubTriggerMetadata, _ version: KEDAVersion = .newest) -> [String]? {
            #expect(throws: KEDAConfigError.self) { try EventHubScalerSettings(parsing: trigger, version: version) }?.settings
        }
        #expect(settings(Self.withStrings(Self.connection, ["unprocessedEventThreshold": "1.5"])) == ["unprocessedEventThreshold", "unprocessedEventThreshold"])
        #expect(settings(Self.withStrings(Self.connection, ["stalePartitionInfoThreshold": "x"])) == ["stalePartitionInfoThreshold"])
        #expect(settings(Self.withStrings(Self.connection, ["unprocessedEventThreshold": "x"]), KEDAVersion(2, 15, 1))
            == ["unprocessedEventThreshold"])
        #expect(settings(Self.withStrings(Self.connection, ["cloud": "Private"])) == ["cloud", "endpointSuffix"])
        #expect(settings(Self.workload(["storageAccountName": "ordersfn"])) == ["eventHubNamespace"])
        #expect(settings(EventHubTriggerMetadata(metadata: [:])) == [])
        let noEntityPath = try EventHubScalerSettings(parsing: Self.withStrings(
            "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=a2V5", ["eventHubName": "orders"]),
            version: KEDAVersion(2, 18, 0))
        #expect(noEntityPath.clientCreationError?.settings == ["eventHubName"], "\(String(describing: noEntityPath.clientCreationError))")
    }

    @Test func anSDKRejectionIsACodeToo() throws {
        let settings = try EventHubScalerSettings(parsing: Self.withStrings(
            "Endpoint=orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=a2V5;EntityPath=orders"))
        let refusal = try #require(settings.clientCreationError)
        #expect(refusal.code == .connectionStringRejected && refusal.stage == .client)
        #expect(refusal.reason.hasPrefix("failed to create hub client: "))
        #expect(!refusal.code.isMissingInput)
    }

    @Test func missingInputsAreTheEmptyOnes() {
        let missing: [KEDAConfigError.Code] = [.noStorageConnection, .noEventHubConnection, .noEventHubName,
                                               .noEventHubNamespace, .noStorageForPodIdentity]
        let present: [KEDAConfigError.Code] = [.unsupportedPodIdentity, .invalidMetadata, .invalidCloud, .connectionStringRejected]
        #expect(missing.map(\.isMissingInput) == [true, true, true, true, true])
        #expect(present.map(\.isMissingInput) == [false, false, false, false])
    }
}
