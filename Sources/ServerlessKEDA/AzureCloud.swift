/// KEDA's `cloud` trigger setting and the endpoint suffixes it selects (`ParseEnvironmentProperty`).
package enum AzureCloud {
    package struct Suffixes: Equatable, Sendable {
        package let serviceBus: String
        package let storage: String
    }

    package static let known: [String: Suffixes] = [
        "AZURECLOUD": Suffixes(serviceBus: "servicebus.windows.net", storage: "core.windows.net"),
        "AZUREPUBLICCLOUD": Suffixes(serviceBus: "servicebus.windows.net", storage: "core.windows.net"),
        "AZUREUSGOVERNMENT": Suffixes(serviceBus: "servicebus.usgovcloudapi.net", storage: "core.usgovcloudapi.net"),
        "AZUREUSGOVERNMENTCLOUD": Suffixes(serviceBus: "servicebus.usgovcloudapi.net", storage: "core.usgovcloudapi.net"),
        "AZURECHINACLOUD": Suffixes(serviceBus: "servicebus.chinacloudapi.cn", storage: "core.chinacloudapi.cn"),
        "AZUREGERMANCLOUD": Suffixes(serviceBus: "servicebus.cloudapi.de", storage: "core.cloudapi.de"),
    ]

    package enum Property {
        case serviceBus, storage, activeDirectory

        /// The trigger metadata key that holds it for `cloud: Private`.
        package var privateKey: String {
            switch self {
            case .serviceBus: "endpointSuffix"
            case .storage: "storageEndpointSuffix"
            case .activeDirectory: "activeDirectoryEndpoint"
            }
        }
    }

    /// The property for the trigger's raw metadata (KEDA reads `cloud` untrimmed, in every version).
    package static func resolve(_ property: Property, metadata: [String: String]) throws -> String {
        guard let cloud = metadata["cloud"], !cloud.isEmpty else {
            return value(property, of: known["AZUREPUBLICCLOUD"]!)
        }
        if GoText.equalFold(cloud, "Private") {
            if let suffix = metadata[property.privateKey], !suffix.isEmpty { return suffix }
            throw KEDAConfigError(.invalidCloud, "\(property.privateKey) must be provided for Private cloud type",
                                  settings: ["cloud", property.privateKey])
        }
        // AzureStackCloud: KEDA reads the endpoints from the file its operator's AZURE_ENVIRONMENT_FILEPATH
        // names (EnvironmentFromName in pkg/scalers/azure/cloud_config.go, go-autorest before v2.18); a
        // stock install sets none, and the failed read is reported like an unknown name.
        guard !GoText.equalFold(cloud, "AZURESTACKCLOUD"), let suffixes = known[GoText.toUpper(cloud)] else {
            throw KEDAConfigError(.invalidCloud, "invalid cloud environment \(cloud)", settings: ["cloud"])
        }
        return value(property, of: suffixes)
    }

    private static func value(_ property: Property, of suffixes: Suffixes) -> String {
        switch property {
        case .serviceBus: suffixes.serviceBus
        case .storage: suffixes.storage
        case .activeDirectory: "https://login.microsoftonline.com/"
        }
    }
}
