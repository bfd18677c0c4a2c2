import Testing
@testable import ServerlessIO
@testable import ServerlessKEDA
@testable import ServerlessSupport

/// KEDA's client-creation stage (issue #20): after the metadata, `NewAzureEventHubScaler`
/// (kedacore/keda pkg/scalers/azure_eventhub_scaler.go) calls `azure.GetEventHubClient`
/// (pkg/scalers/azure/azure_eventhub.go: azeventhubs `NewProducerClientFromConnectionString`) and then
/// `azure.GetStorageBlobClient` (pkg/scalers/azure/azure_storage.go: azblob `NewClientFromConnectionString`),
/// both wrapping as "failed to create hub client: %w". The texts below are the SDKs' own:
/// azeventhubs internal/exported/connection_string_properties.go `ParseConnectionString` (v1.2.1+),
/// producer_client.go `parseConn`, azblob internal/shared/shared.go `ParseConnectionString`, and
/// internal/exported/shared_key_credential.go `SetAccountKey` ("decode account key: %w") with Go's
/// encoding/base64 `CorruptInputError`.
@Suite("KEDA azure-eventhub client creation")
struct ClientCreationTests {
    static let eventHubs = "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=k3y;EntityPath=orders"
    static let storage = "DefaultEndpointsProtocol=https;AccountName=ordersfn;AccountKey=a2V5;EndpointSuffix=core.windows.net"
    static let released = [KEDAVersion(2, 15, 1), KEDAVersion(2, 17, 0), KEDAVersion(2, 20, 2), .newest]
    static let prefix = "unable to get eventhub client: failed to create hub client: "

    /// KEDA's full error for this trigger at `version`, or nil when it builds the scaler. Metadata errors fail the test.
    func kedaError(_ eventHubs: String = Self.eventHubs, storage: String = Self.storage, _ extra: [String: String] = [:],
                   at version: KEDAVersion) throws -> String? {
        var metadata = ["connectionFromEnv": "EH", "storageConnectionFromEnv": "ST", "blobContainer": "c"]
        metadata.merge(extra) { $1 }
        let trigger = EventHubTriggerMetadata(metadata: metadata, resolvedEnv: ["EH": eventHubs, "ST": storage])
        return try EventHubScalerSettings(parsing: trigger, version: version).clientCreationError?.kedaText
    }

    @Test func wellFormedStringsCreateBothClients() throws {
        for version in Self.released { #expect(try kedaError(at: version) == nil) }
        let sas = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=x&sig=y&se=1&skn=listen;EntityPath=h"
        let storageSAS = "BlobEndpoint=https://ordersfn.blob.core.windows.net/;SharedAccessSignature=sv=2021-08-06&sig=abc"
        for version in Self.released { #expect(try kedaError(sas, storage: storageSAS, at: version) == nil) }
    }

    @Test func endpointWithoutSchemeHasNoHost() throws {
        let noScheme = "Endpoint=orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=k3y;EntityPath=orders"
        for version in Self.released {
            #expect(try kedaError(noScheme, at: version) == Self.prefix + #"key "Endpoint" must not be empty"#)
        }
        // An Endpoint Go's url.Parse refuses (`invalid URL escape "%zz"`).
        let escape = "Endpoint=sb://orders-ns.servicebus.windows.net/%zz;SharedAccessKeyName=listen;SharedAccessKey=k3y;EntityPath=orders"
        #expect(try kedaError(escape, at: .newest)
                == Self.prefix + "failed parsing connection string due to an incorrectly formatted Endpoint value")
    }

    @Test func missingKeyNameOrKey() throws {
        let noName = "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKey=k3y;EntityPath=orders"
        let noKey = "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;EntityPath=orders"
        for version in Self.released {
            #expect(try kedaError(noName, at: version) == Self.prefix + #"key "SharedAccessKeyName" must not be empty"#)
            #expect(try kedaError(noKey, at: version)
                    == Self.prefix + #"key "SharedAccessKey" or "SharedAccessSignature" cannot both be empty"#)
        }
    }

    @Test func partWithoutEquals() throws {
        for version in Self.released {
            #expect(try kedaError(Self.eventHubs + ";orders", at: version)
                    == Self.prefix + "failed parsing connection string due to unmatched key value separated by '='")
        }
        // Empty parts (a trailing or doubled ';') are skipped.
        #expect(try kedaError(Self.eventHubs + ";;", at: .newest) == nil)
    }

    @Test func developmentEmulatorFlag() throws {
        let emulator = "Endpoint=sb://eventhubs-emulator:5672;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=orders"
        for version in Self.released {
            #expect(try kedaError(emulator + ";UseDevelopmentEmulator=yes", at: version)
                    == Self.prefix + #"strconv.ParseBool: parsing "yes": invalid syntax"#)
            // Since azeventhubs v1.2.1 (#22898, KEDA 2.15 on) any host may be an emulator, only sb:// is required.
            #expect(try kedaError(emulator + ";UseDevelopmentEmulator=true", at: version) == nil)
            #expect(try kedaError(emulator + ";UseDevelopmentEmulator=True", at: version) == nil)
        }
        let http = "Endpoint=http://localhost:5672;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=orders;UseDevelopmentEmulator=1"
        #expect(try kedaError(http, at: .newest) == Self.prefix
                + "UseDevelopmentEmulator=true can only be used with sb://<emulator hostname> or sb://<emulator hostname>:<port number>, not http://localhost:5672")
    }

    /// The versions whose vendored azblob (v1.3.2 to v1.7.0) holds the same `ParseConnectionString`,
    /// `NewClientFromConnectionString` and `SetAccountKey`: kedacore/keda tags v2.15.0 to v2.20.2,
    /// vendor/github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/internal/shared/shared.go.
    static let vendoredAzblob = [KEDAVersion(2, 15, 0), KEDAVersion(2, 15, 1), KEDAVersion(2, 17, 0),
                                 KEDAVersion(2, 18, 0), KEDAVersion(2, 19, 0), KEDAVersion(2, 20, 2)]

    @Test func accountKeyThatIsNotBase64() throws {
        for version in Self.vendoredAzblob {
            #expect(try kedaError(storage: Self.storage.replacingOccurrences(of: "a2V5", with: "EXAMPLE"), at: version)
                    == Self.prefix + "decode account key: illegal base64 data at input byte 4")
            #expect(try kedaError(storage: Self.storage.replacingOccurrences(of: "a2V5", with: "a2V5!"), at: version)
                    == Self.prefix + "decode account key: illegal base64 data at input byte 4")
            // Go's decoder skips line breaks: a key with a trailing newline still decodes.
            #expect(try kedaError(storage: "AccountName=ordersfn;AccountKey=a2V5\n", at: version) == nil)
            // service/client.go builds a shared-key credential only when both are non-empty.
            #expect(try kedaError(storage: "AccountName=;AccountKey=EXAMPLE", at: version) == nil)
            #expect(try kedaError(storage: "AccountName=ordersfn;AccountKey=", at: version) == nil)
        }
    }

    /// azblob internal/shared/shared.go `ParseConnectionString`, the same at every vendored version; the
    /// only difference between KEDA versions is KEDA's own: from v2.18 the typed config
    /// (pkg/scalers/scalersconfig/typed_config.go `configParamValue`) trims the value with
    /// strings.TrimSpace before azblob sees it.
    @Test func storageStringsTheBlobParserRefuses() throws {
        let malformed = Self.prefix + SDKConnectionStrings.malformedStorage
        let noAccount = Self.prefix + "connection string needs either AccountName or BlobEndpoint"
        let noCredential = Self.prefix + "connection string needs either AccountKey or SharedAccessSignature"
        for version in Self.vendoredAzblob {
            // A newline after the last ';' is a part without '=' until KEDA trims it (v2.18 on).
            #expect(try kedaError(storage: Self.storage + ";\n", at: version) == (version.usesTypedConfig ? nil : malformed))
            // A newline after the last value is part of that value: accepted.
            #expect(try kedaError(storage: Self.storage + "\n", at: version) == nil)
            // Only trailing ';' are trimmed: an empty part inside is malformed, trailing ones are not.
            #expect(try kedaError(storage: "AccountName=ordersfn;;AccountKey=a2V5", at: version) == malformed)
            #expect(try kedaError(storage: Self.storage + ";;", at: version) == nil)
            // The development shortcut is just another key to azblob: no account, no endpoint.
            #expect(try kedaError(storage: "UseDevelopmentStorage=true", at: version) == noAccount)
            #expect(try kedaError(storage: "AccountKey=a2V5", at: version) == noAccount)
            // Keys are matched exactly.
            #expect(try kedaError(storage: "accountname=ordersfn;accountkey=a2V5", at: version) == noAccount)
            #expect(try kedaError(storage: "AccountName=ordersfn", at: version) == noCredential)
            #expect(try kedaError(storage: "BlobEndpoint=https://x.blob.core.windows.net", at: version) == noCredential)
            #expect(try kedaError(storage: "BlobEndpoint=https://x.blob.core.windows.net;SharedAccessSignature=sv=1&sig=s",
                                  at: version) == nil)
        }
    }

    /// KEDA checks in order: metadata, Event Hubs client, blob client; the first failure is reported.
    @Test func firstFailureInKEDAsOrder() throws {
        let badEndpoint = "Endpoint=orders-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=k3y;EntityPath=orders"
        let badStorage = Self.storage.replacingOccurrences(of: "a2V5", with: "EXAMPLE")
        #expect(try kedaError(badEndpoint, storage: badStorage, at: .newest) == Self.prefix + #"key "Endpoint" must not be empty"#)
        #expect(try kedaError(badEndpoint, storage: badStorage, at: KEDAVersion(2, 20, 2)) == Self.prefix + #"key "Endpoint" must not be empty"#)
        #expect(try kedaError(storage: badStorage, at: KEDAVersion(2, 20, 2)) == Self.prefix + "decode account key: illegal base64 data at input byte 4")
        // v2.18-2.20.2 hand eventHubName to the SDK next to an EntityPath: refused, but only after the string parsed.
        let named = ["eventHubName": "orders"]
        #expect(try kedaError(badEndpoint, named, at: KEDAVersion(2, 20, 2)) == Self.prefix + #"key "Endpoint" must not be empty"#)
        for version in [KEDAVersion(2, 18, 0), KEDAVersion(2, 20, 2)] {
            #expect(try kedaError(Self.eventHubs, named, at: version)
                    == Self.prefix + "connection string contains an EntityPath. eventHub must be an empty string")
        }
        #expect(try kedaError(Self.eventHubs, named, at: KEDAVersion(2, 17, 0)) == nil)
        #expect(try kedaError(Self.eventHubs, named, at: .newest) == nil)
    }

    /// Up to v2.20.2 KEDA looks for the text "EntityPath" anywhere and then passes no hub name; the SDK
    /// looks for the key, so a host named EntityPath leaves it without one.
    @Test func hubNameNobodyHandsTheSDK() throws {
        let host = "Endpoint=sb://EntityPath.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=k3y"
        for version in [KEDAVersion(2, 15, 1), KEDAVersion(2, 17, 0), KEDAVersion(2, 20, 2)] {
            #expect(try kedaError(host, ["eventHubName": "orders"], at: version) == (version.usesTypedConfig ? nil
                : Self.prefix + "connection string does not contain an EntityPath. eventHub cannot be an empty string"))
        }
        // The newest KEDA finds EntityPath by key, appends it, and the SDK is satisfied.
        #expect(try kedaError(host, ["eventHubName": "orders"], at: .newest) == nil)
    }

    @Test func notModelledWhereNothingIsParsed() throws {
        // Before v2.15 KEDA used azure-event-hubs-go; under workload identity no connection string is parsed.
        #expect(try kedaError(storage: "AccountName=a;AccountKey=EXAMPLE", at: KEDAVersion(2, 14, 1)) == nil)
        let workload = EventHubTriggerMetadata(
            metadata: ["eventHubNamespace": "ns", "eventHubName": "h", "storageAccountName": "acc"],
            podIdentityProvider: "azure-workload")
        #expect(try EventHubScalerSettings(parsing: workload).clientCreationError == nil)
        // Main after v2.20.2 (#8014) pins azblob v1.8.0, whose source was not read: its blob step is not judged.
        for storage in ["UseDevelopmentStorage=true", "AccountName=a;AccountKey=EXAMPLE", "AccountName=a;;AccountKey=a2V5"] {
            #expect(try kedaError(storage: storage, at: .main) == nil)
        }
    }

    /// Go's own table, encoding/base64 base64_test.go `TestDecodeCorrupt` (offset -1: no error).
    @Test func goBase64CorruptInputOffsets() throws {
        let cases: [(String, Int)] = [
            ("", -1), ("\n", -1), ("AAA=\n", -1), ("AAAA\n", -1), ("!!!!", 0), ("====", 0), ("x===", 1), ("=AAA", 0),
            ("A=AA", 1), ("AA=A", 2), ("AA==A", 4), ("AAA=AAAA", 4), ("AAAAA", 4), ("AAAAAA", 4), ("A=", 1), ("A==", 1),
            ("AA=", 3), ("AA==", -1), ("AAA=", -1), ("AAAA", -1), ("AAAAAA=", 7), ("YWJjZA=====", 8), ("A!\n", 1), ("A=\n", 1),
        ]
        for (input, offset) in cases {
            switch GoBase64.decodeStd(input) {
            case .success: #expect(offset == -1, "\(input.debugDescription) decoded")
            case .failure(let error): #expect(error.offset == offset, "\(input.debugDescription)")
            }
        }
        #expect(try GoBase64.decodeStd("YWJj\nZA==").get() == Array("abcd".utf8))
        #expect(try GoBase64.decodeStd(StorageConnectionString.developmentAccountKey.value).get()
                == (try Base64.decode(StorageConnectionString.developmentAccountKey.value)))
    }
}
