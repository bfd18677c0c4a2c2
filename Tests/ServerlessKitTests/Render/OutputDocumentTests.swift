import Foundation
import Testing
@testable import ServerlessDoctor
@testable import ServerlessInspect
@testable import ServerlessRender
@testable import ServerlessSupport

/// One render design for every command: each document names its `-o` formats, a format it lacks is a
/// usage error (exit 2), and the printout splits stdout from stderr as the commands always have.
@Suite struct OutputDocumentTests {
    /// The `-o` help each command had before the formats came from the documents.
    @Test func formatHelpIsTheCommandsOwnWords() {
        #expect(CheckpointReport.formatHelp == "Output format: table, wide, json or yaml.")
        #expect(DoctorReport.formatHelp == "Output format: table, wide, json, yaml, sarif or junit.")
        #expect(VersionReport.formatHelp == "Output format: text, json or yaml.")
        #expect(DoctorCatalogue.formats == [.table, .wide, .json, .yaml])
    }

    /// `doctor --list-checks -o sarif|junit` printed a table; a list of checks has no findings for SARIF
    /// results or JUnit test cases, so both are refused before anything is printed.
    @Test(arguments: [OutputFormat.sarif, .junit])
    func theCheckListRefusesFindingsFormats(format: OutputFormat) throws {
        let error = try #require(throws: UnsupportedOutputFormat.self) { try DoctorCatalogue().render(format) }
        #expect(error.category.exitCode == 2)
        #expect(error.message == "--list-checks cannot be printed as \(format.rawValue); -o takes table, wide, json or yaml")
        for supported in DoctorCatalogue.formats {
            #expect(try DoctorCatalogue().render(supported).stdout == DoctorCatalogue.render(format: supported))
        }
    }

    @Test func aCheckpointReportKeepsItsTableJSONAndStderrSplit() async throws {
        let report = try await ReportGoldenTests.report()
        let table = try report.render(.table)
        #expect(table.stdout == report.table(wide: false, showHeaders: true, style: .plain))
        #expect(table.exitCode == report.exitCode && report.exitCode == 1)
        #expect(try report.render(.wide).stdout == report.table(wide: true, showHeaders: true, style: .plain))
        #expect(try report.render(.json).stdout == JSON.text(report.value()) + "\n")
        #expect(try report.render(.yaml).stdout == YAML.text(report.value()))
        // --no-headers: only the rows on stdout, the notes (uncoloured) on stderr.
        let bare = try report.render(.table, PrintSettings(style: Style(enabled: true), showHeaders: false))
        #expect(bare.stdout == report.rows(wide: false, showHeaders: false, style: Style(enabled: true)))
        #expect(Array(bare.stderr.prefix(report.notes(style: .plain).count)) == report.notes(style: .plain))
        #expect(throws: UnsupportedOutputFormat.self) { try report.render(.sarif) }
    }

    @Test func versionTextNamesThePluginThenEachDetail() throws {
        let details: Value = .object([("version", .string("1.2.3")), ("commit", .string("abc"))])
        #expect(try VersionReport(details: details).render(.text).stdout == "kubectl-serverless \(BuildInfo.version)\ncommit: abc\n")
        #expect(try VersionReport(details: details).render(.json).stdout == JSON.text(details) + "\n")
        #expect(throws: UnsupportedOutputFormat.self) { try VersionReport(details: details).render(.table) }
    }
}
