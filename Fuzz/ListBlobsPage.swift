@testable import ServerlessIO


/// A List Blobs response body (`<EnumerationResults>`), as the storage account or a proxy sends it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? ListBlobsPageParser.parse(FuzzInput(data, size).bytes, source: "fuzz")
    return 0
}
