@testable import ServerlessIO


/// The dates servers send: RFC 1123 (List Blobs `Last-Modified`, `Creation-Time`) and ISO 8601
/// (Event Hubs `LastEnqueuedTimeUtc`, `--partition-info`), and the text we print them back as.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    for date in [AzureTime.parseRFC1123(text), AzureTime.parseISO8601(text)].compactMap({ $0 }) {
        _ = AzureTime.rfc1123(date)
        let printed = AzureTime.iso8601(date)
        fuzzExpect(AzureTime.parseISO8601(printed) != nil, "iso8601 printed \(printed), which does not parse back")
    }
    return 0
}
