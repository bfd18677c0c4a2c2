@testable import ServerlessKEDA


/// Go's `url.Parse` failures, checked on every checkpoint blob path KEDA would build.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let failure = GoURLParse.validate(FuzzInput(data, size).text) { _ = failure.message }
    return 0
}
