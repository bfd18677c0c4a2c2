@testable import ServerlessKEDA


/// `CheckpointValue.read`: a checkpoint blob's body (or metadata) as each reader and KEDA version reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let (version, afterVersion) = input.choosing([KEDAVersion.newest, KEDAVersion(2, 13, 0), KEDAVersion(2, 14, 0),
                                                  KEDAVersion(2, 15, 1), KEDAVersion(2, 9, 0)])
    let (reader, body) = afterVersion.choosing(CheckpointReader.allCases)
    // For blobMetadata the body doubles as `key=value` lines, the blob's metadata.
    var metadata: [String: String] = [:]
    for line in body.text.split(separator: "\n") {
        let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        metadata[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
    }
    _ = CheckpointValue.read(reader: reader, body: body.bytes, metadata: metadata, partitionID: "0", version: version)
    return 0
}
