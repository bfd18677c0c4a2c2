import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessInspect
@testable import ServerlessKEDA
@testable import ServerlessRender
@testable import ServerlessSupport

/// The report's bytes in every format, for a hub shaped like the benchmark's (blobMetadata, SDK-style
/// checkpoints) with a few partitions that are not ok: speed work must not change one byte. The golden
/// files are written with `UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests` when the output is
/// meant to change, and the diff is reviewed like code.
@Suite struct ReportGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let namespace = "benchns.servicebus.windows.net"
    static let partitions = 64

    /// 0-59 checkpointed where KEDA reads; 60-61 written verbatim (`$Default`), which KEDA's lower-cased
    /// path misses; 62 without a sequence number; 63 never checkpointed; another consumer group's
    /// checkpoints beside them.
    static func listing() -> String {
        var blobs: [String] = []
        for id in 0..<60 {
            blobs.append(ListBlobsFixtures.checkpoint("\(namespace)/telemetry/$default/checkpoint/\(id)",
                                                      sequenceNumber: 990 + id, offset: 4096 * id))
        }
        for id in 60..<62 {
            blobs.append(ListBlobsFixtures.checkpoint("\(namespace)/telemetry/$Default/checkpoint/\(id)",
                                                      sequenceNumber: 900 + id, offset: 4096 * id))
        }
        blobs.append(ListBlobsFixtures.checkpoint("\(namespace)/telemetry/$default/checkpoint/62",
                                                  sequenceNumber: 5, offset: 0, metadataKey: "sequence"))
        for id in 0..<4 {
            blobs.append(ListBlobsFixtures.checkpoint("\(namespace)/telemetry/analytics/checkpoint/\(id)",
                                                      sequenceNumber: 10 + id, offset: 0))
        }
        return ListBlobsFixtures.page(blobs.sorted())
    }

    static func report() async throws -> CheckpointReport {
        let trigger = EventHubTriggerMetadata(
            metadata: ["checkpointStrategy": "blobMetadata", "blobContainer": "checkpoints"],
            authParams: [
                "connection": "Endpoint=sb://\(namespace)/;SharedAccessKeyName=listen;SharedAccessKey=a2V5;EntityPath=telemetry",
                "storageConnection": "DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=a2V5;EndpointSuffix=core.windows.net",
            ])
        let settings = try EventHubScalerSettings(parsing: trigger, version: .newestRelease)
        let storage = try StorageConnectionString.parse(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1")
        let page = listing()
        let http = ScriptedHTTPClient { request in
            .xml(200, request.url.contains("/checkpoints?") ? page : ListBlobsFixtures.page([]))
        }
        let partitions = (0..<Self.partitions).map { id in
            PartitionRuntimeInfo(partitionId: String(id), beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: Int64(1000 + id))
        }
        return await CheckpointInspector(trigger: trigger, settings: settings, target: .scaledObject(minReplicas: 0, maxReplicas: 10),
                                         storage: storage, http: http).inspect(partitions: partitions)
    }

    static func outputs(_ report: CheckpointReport) -> [(file: String, text: String)] {
        let style = Style(enabled: false)
        return [
            ("report.json", JSON.text(report.value()) + "\n"),
            ("report.yaml", YAML.text(report.value())),
            ("report.table", report.table(wide: false, showHeaders: true, style: style) + report.notes(style: style).joined(separator: "\n") + "\n"),
            ("report.wide", report.table(wide: true, showHeaders: true, style: style)),
        ]
    }

    @Test func everyFormatIsByteForByteTheGoldenOne() async throws {
        let report = try await Self.report()
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        for (file, text) in Self.outputs(report) {
            let url = Self.golden.appendingPathComponent(file)
            if update {
                try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            #expect(text == expected, "\(file) differs from Tests/ServerlessKitTests/Inspect/Golden/\(file)")
        }
        // The scene is what it says: every status is there.
        #expect(Set(report.partitions.map(\.status)) == [.ok, .mismatch, .invalid, .missing])
    }
}
