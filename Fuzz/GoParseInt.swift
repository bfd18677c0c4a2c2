@testable import ServerlessKEDA


/// Go's `strconv.ParseInt(s, 10, 64)`, used on blob metadata and typed trigger metadata.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    let parsed = GoParseInt.parse(text)
    // Whatever Swift's own parser accepts (plain decimal, in range) ParseInt must give the same value.
    if let swift = Int64(text), text.utf8.allSatisfy({ $0 != UInt8(ascii: "_") }) {
        fuzzExpect(parsed == .success(swift), "ParseInt(\(text)) = \(parsed), Swift says \(swift)")
    }
    if case .failure(let failure) = parsed { _ = failure.message }
    return 0
}
