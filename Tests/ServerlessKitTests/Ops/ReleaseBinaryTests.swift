import Foundation
import Testing
@testable import ServerlessSupport

/// The release binary (scripts/release: `swift build -c release --static-swift-stdlib`) must run
/// on a machine without the Swift toolchain. Skipped until a release build exists: it takes
/// about three minutes on two cores, too long to run on every `swift test`.
enum ReleaseBinary {
    static let path: String? = {
        let candidates: [String?] = [ProcessInfo.processInfo.environment["KUBECTL_SERVERLESS_RELEASE_BINARY"],
                                     Ops.repository.appendingPathComponent(".build/release/kubectl-serverless").path]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}

@Suite("Ops: the static release binary", .enabled(if: ReleaseBinary.path != nil))
struct ReleaseBinaryTests {

    /// Libraries that would mean the Swift runtime was linked dynamically.
    static let swiftRuntime = ["libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime", "libXCTest", "libTesting"]

    @Test func linksNoSwiftRuntimeLibraries() throws {
        let binary = try #require(ReleaseBinary.path)
        let result = try Ops.run("ldd", [binary])
        #expect(result.status == 0)
        let libraries = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!libraries.isEmpty)
        for library in libraries {
            #expect(!Self.swiftRuntime.contains { library.hasPrefix($0) }, "\(library)")
            #expect(!library.contains("not found") && !library.contains("/opt/swift"), "\(library)")
        }
        for wanted in ["libcurl", "libxml2", "libssl", "libcrypto"] {
            #expect(libraries.contains { $0.hasPrefix(wanted) }, "\(wanted) should be linked")
        }
    }

    @Test func runsWithoutTheToolchain() throws {
        let binary = try #require(ReleaseBinary.path)
        let result = try Ops.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", binary, "version", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let value = try JSON.parse(result.stdout)
        #expect(value["version"].string == BuildInfo.version)
        #expect(value.members.map(\.key) == VersionTests.fields)
    }
}
