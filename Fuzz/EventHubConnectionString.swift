@testable import ServerlessKEDA


/// How KEDA reads an Event Hubs connection string, per version, then creates its clients from it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (version, rest) = FuzzInput(data, size).choosing([KEDAVersion.newest, KEDAVersion(2, 20, 2), KEDAVersion(2, 15, 1)])
    let text = rest.text
    _ = EventHubConnectionString.namespaceAndHub(text, version: version)
    _ = EventHubConnectionString.hasEntityPath(text, version: version)
    _ = ClientCreation.firstError(eventHubConnection: text, eventHubName: "hub", storageConnection: text, version: version)
    return 0
}
