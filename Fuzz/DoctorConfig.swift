@testable import ServerlessDoctor


/// The doctor's config file (`.kubectl-serverless.yaml`: failOn, skip, per-object suppressions).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? DoctorConfig.parse(FuzzInput(data, size).text)
    return 0
}
