@testable import ServerlessKEDA


/// KEDA's `encoding/json` decoder, into each checkpoint struct and into int64.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let shapes = [CheckpointShapes.checkpoint(false), CheckpointShapes.checkpoint(true),
                  CheckpointShapes.pythonCheckpoint(true), CheckpointShapes.goCheckpoint(false),
                  CheckpointShapes.goCheckpoint(true)]
    let (shape, rest) = input.choosing(shapes)
    let decoded = GoJSON.decode(rest.bytes, into: shape)
    // Go's decoder only reaches type errors on input its scanner accepted.
    if case .failure(.type) = decoded {
        fuzzExpect(GoJSON.syntaxError(rest.bytes) == nil, "type error on syntactically invalid input")
    }
    _ = GoJSON.decodeInt64(rest.bytes)
    return 0
}
