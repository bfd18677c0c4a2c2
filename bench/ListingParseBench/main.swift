import Foundation
import ServerlessIO

// Parser-only List Blobs benchmark: builds the pages a container of checkpoint blobs lists as (the
// shape of Tests/Support/azure_blob_store.py, which follows the service), then times the real page
// parser over them. No HTTP, no process start: what is left is libxml2 plus our handler.
//
// Usage: ListingParseBench [--blobs 100000] [--page 5000] [--rounds 5]
// Prints one JSON line: bytes, pages, blobs, median/best MB/s, RSS before parsing and at peak, and a
// digest of every field parsed (equal digests = equal results, across builds of the parser).

func option(_ name: String, _ fallback: Int) -> Int {
    let args = CommandLine.arguments
    guard let index = args.firstIndex(of: name), index + 1 < args.count, let value = Int(args[index + 1]) else {
        return fallback
    }
    return value
}

let blobCount = option("--blobs", 100_000)
let pageSize = option("--page", 5000)
let rounds = option("--rounds", 5)
let partitions = 32
let namespace = "benchns.servicebus.windows.net", hub = "telemetry"

/// The Event Hubs SDKs' checkpoint blobs (blobMetadata layout): one consumer group per 32 partitions.
func blobXML(_ index: Int, created: Int) -> String {
    let group = index < partitions ? "$default" : String(format: "cg%04d", index / partitions)
    let name = "\(namespace)/\(hub)/\(group)/checkpoint/\(index % partitions)"
    let created = Date(timeIntervalSince1970: TimeInterval(created))
    let modified = created.addingTimeInterval(TimeInterval(index % 86_400))
    return "<Blob><Name>\(name)</Name><Properties>"
        + "<Creation-Time>\(AzureTime.rfc1123(created))</Creation-Time>"
        + "<Last-Modified>\(AzureTime.rfc1123(modified))</Last-Modified>"
        + "<Etag>0x\(String(0x8DE2A0000000000 + index, radix: 16, uppercase: true))</Etag>"
        + "<Content-Length>0</Content-Length><Content-Type>application/octet-stream</Content-Type>"
        + "<Content-Encoding /><Content-Language /><Content-CRC64 /><Content-MD5>1B2M2Y8AsgTpgAmY7PhCfg==</Content-MD5>"
        + "<Cache-Control /><Content-Disposition /><BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier>"
        + "<AccessTierInferred>true</AccessTierInferred><LeaseStatus>unlocked</LeaseStatus>"
        + "<LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted></Properties>"
        + "<Metadata><sequencenumber>\(990 + index % partitions)</sequencenumber><offset>\(4096 * index)</offset>"
        + "</Metadata><OrMetadata /></Blob>"
}

func pageXML(_ range: Range<Int>, marker: String?, nextMarker: String?) -> [UInt8] {
    var xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<EnumerationResults ServiceEndpoint=\"http://127.0.0.1:10000/devstoreaccount1/\" ContainerName=\"busy-checkpoints\">"
    if let marker { xml += "<Marker>\(marker)</Marker>" }
    xml += "<MaxResults>\(pageSize)</MaxResults><Blobs>"
    for index in range { xml += blobXML(index, created: 1_763_715_600) }
    xml += "</Blobs>" + (nextMarker.map { "<NextMarker>\($0)</NextMarker>" } ?? "<NextMarker />") + "</EnumerationResults>"
    return Array(xml.utf8)
}

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // KiB on Linux
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// FNV-1a over every field of every blob, so a faster parser must give the same results.
struct Digest {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ text: String?) {
        for byte in (text ?? "\u{0}nil").utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        value = (value ^ 0xff) &* 0x100_0000_01b3
    }
    mutating func add(_ blob: BlobItem) {
        add(blob.name)
        let p = blob.properties
        add(p.contentLength.map { "\($0)" }); add(p.lastModified.map { "\($0.timeIntervalSince1970)" })
        add(p.creationTime.map { "\($0.timeIntervalSince1970)" }); add(p.etag); add(p.contentType)
        add(p.blobType); add(p.leaseState)
        for key in blob.metadata.keys.sorted() { add(key); add(blob.metadata[key]) }
    }
}

// Marker strings shaped like the service's (opaque base64 after a version and length).
func marker(_ index: Int) -> String {
    let raw = "000\(index)!checkpoint/\(index)!9999-12-31T23:59:59.9999999Z!"
    return "2!\(raw.utf8.count)!" + Data(raw.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "-")
}

var pages: [[UInt8]] = []
for start in stride(from: 0, to: blobCount, by: pageSize) {
    let end = min(start + pageSize, blobCount)
    pages.append(pageXML(start..<end, marker: start == 0 ? nil : marker(start), nextMarker: end < blobCount ? marker(end) : nil))
}
let totalBytes = pages.reduce(0) { $0 + $1.count }
let rssBefore = peakRSSMiB()
let source = "the List Blobs response for container 'busy-checkpoints' of storage account 'devstoreaccount1'"

var seconds: [Double] = []
var digest = Digest()
for round in 0..<rounds {
    let start = now()
    // As BlobContainerClient.listBlobs: every page parsed, the items kept, the XML's results dropped.
    var blobs: [BlobItem] = []
    var marker: String?
    for page in pages {
        let parsed = try ListBlobsPage(listBlobsXML: page, source: source)
        blobs += parsed.blobs
        marker = parsed.nextMarker
    }
    seconds.append(now() - start)
    precondition(blobs.count == blobCount && marker == nil, "parsed \(blobs.count) blobs, marker \(marker ?? "nil")")
    if round == 0 { for blob in blobs { digest.add(blob) } }
}

let sorted = seconds.sorted()
let median = sorted[sorted.count / 2]
let result: [String: Any] = [
    "bytes": totalBytes, "pages": pages.count, "blobs": blobCount, "rounds": rounds,
    "median_s": median, "best_s": sorted[0],
    "median_mb_s": Double(totalBytes) / 1e6 / median, "best_mb_s": Double(totalBytes) / 1e6 / sorted[0],
    "rss_before_mib": rssBefore, "peak_rss_mib": peakRSSMiB(),
    "digest": String(digest.value, radix: 16),
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
