@testable import ServerlessIO


/// `--partition-info FILE`: runtime information the user gives instead of asking Event Hubs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? PartitionInfoFile.parse(FuzzInput(data, size).bytes)
    return 0
}
