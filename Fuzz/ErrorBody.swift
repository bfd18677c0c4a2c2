@testable import ServerlessIO


/// A failed request's `<Error>` body, and the redaction applied before we show its text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    if let body = ErrorBody.parse(input.bytes) {
        _ = displayableServerText(body.message)
        _ = displayableServerText(body.detail)
    }
    _ = displayableServerText(input.text)
    return 0
}
