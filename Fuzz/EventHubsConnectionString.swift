@testable import ServerlessIO


/// The Event Hubs connection string as our runtime client reads it (not KEDA's view: see EventHubConnectionString).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? EventHubsConnectionString.parse(FuzzInput(data, size).text)
    return 0
}
