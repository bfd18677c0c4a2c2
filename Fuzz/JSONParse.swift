@testable import ServerlessKEDA
@testable import ServerlessSupport


/// `JSON.parse`: every JSON document we read from files, kubectl and REST bodies.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    do {
        let value = try JSON.parse(input.bytes)
        // Strict RFC 8259 both ways: our reader and Go's scanner (KEDA/GoJSON) must agree on what is JSON.
        fuzzExpect(GoJSON.syntaxError(input.bytes) == nil,
                   "JSON.parse accepted what Go rejects (\(GoJSON.syntaxError(input.bytes) ?? ""))")
        // What we read we also print (-o json), and that text must read back.
        let text = JSON.text(value, pretty: false)
        fuzzExpect((try? JSON.parse(text)) != nil, "JSON.text output does not parse: \(text)")
    } catch let error as JSON.SyntaxError {
        // Our depth cap (512) is far below Go's (10000).
        if !error.reason.hasPrefix("nested deeper") {
            fuzzExpect(GoJSON.syntaxError(input.bytes) != nil, "JSON.parse rejected what Go accepts: \(error.message)")
        }
    } catch {
        fuzzExpect(false, "JSON.parse threw \(type(of: error)), not JSON.SyntaxError")
    }
    return 0
}
