@testable import ServerlessIO


/// The Event Hubs runtime's Atom bodies: the hub's partition ids and one partition's description.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).bytes
    _ = try? EventHubsAtom.partitionIds(bytes, source: "fuzz")
    _ = try? EventHubsAtom.partition(bytes, partitionId: "0", source: "fuzz")
    return 0
}
