@testable import ServerlessKit

/// `JSON.parse`: every JSON document we read from files, kubectl and REST bodies.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    if let value = try? JSON.parse(input.bytes) {
        // What we read we also print (-o json), and that text must read back.
        let text = JSON.text(value, pretty: false)
        fuzzExpect((try? JSON.parse(text)) != nil, "JSON.text output does not parse: \(text)")
    }
    return 0
}
