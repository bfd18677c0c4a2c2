@testable import ServerlessIO


/// `--storage-connection` and the storage connection a trigger names.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let connection = try? StorageConnectionString.parse(FuzzInput(data, size).text) {
        _ = connection.displayAccount
    }
    return 0
}
