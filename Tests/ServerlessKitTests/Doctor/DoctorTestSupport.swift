import Foundation
@testable import ServerlessDoctor
@testable import ServerlessKubernetes

/// Stores from YAML text or from the fixture files (in Fixtures/: example manifests of each platform, from its charts and docs).
enum DoctorTestSupport {
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func store(_ yaml: String, file: String = "example.yaml") throws -> ObjectStore {
        try ManifestLoader.assemble([ManifestText(file: file, text: yaml)], paths: [file]).store
    }

    /// Fixture files by path under Fixtures/ (`azure-functions/orders-fixed.yaml`), extra YAML appended as another input.
    static func fixtureStore(_ names: [String], extra: String? = nil) throws -> ObjectStore {
        var inputs = try names.map { name in
            ManifestText(file: name, text: try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8))
        }
        if let extra { inputs.append(ManifestText(file: "extra.yaml", text: extra)) }
        return try ManifestLoader.assemble(inputs, paths: names).store
    }

    static func ids(_ report: DoctorReport) -> Set<String> { Set(report.findings.map(\.id)) }
}
