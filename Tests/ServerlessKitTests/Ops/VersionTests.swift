import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessSupport

/// `version -o json|yaml`: every field, the libraries' own run-time answers, no cluster needed.
@Suite("Ops: version", .enabled(if: Ops.binary != nil))
struct VersionTests {
    static let fields = ["version", "commit", "buildDate", "swiftVersion", "libcurl", "libxml2", "openssl", "newestKEDA"]

    @Test func jsonAndYamlCarryEveryField() throws {
        let binary = try Ops.requireBinary()
        let json = try Ops.run(binary, ["version", "-o", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let value = try JSON.parse(json.stdout)
        #expect(value.members.map(\.key) == Self.fields)
        for field in Self.fields { #expect(!(value[field].string ?? "").isEmpty, "\(field)") }
        #expect(value["version"].string == BuildInfo.version)
        #expect(value["newestKEDA"].string == "2.20.2")
        // A plain `swift build` is no release build: it says so instead of guessing a commit.
        #expect(value["commit"].string == "unknown" && value["buildDate"].string == "unknown")
        #expect(value["swiftVersion"].string?.range(of: #"^\d+\.\d+"#, options: .regularExpression) != nil)
        let yaml = try Ops.run(binary, ["version", "-o", "yaml"])
        #expect(try YAML.documents(yaml.stdout).first?.value == value)
        // kubectl's flags are accepted and change nothing; the context need not exist.
        let withFlags = try Ops.run(binary, ["version", "-o", "json", "--context", "nowhere", "-n", "x", "-v"],
                                    environment: ["PATH": "/usr/bin:/bin", "KUBECONFIG": "/nonexistent"])
        #expect(withFlags.status == 0 && withFlags.stdout == json.stdout, "\(withFlags.stderr)")
    }

    /// The versions are the loaded libraries' own answers: the same as the system's tools, which
    /// load the same shared libraries on this machine.
    @Test func libraryVersionsAreTheLoadedOnes() throws {
        let loaded = RuntimeLibraries.loaded
        if Ops.which("curl") != nil {
            let curl = try Ops.run("curl", ["--version"]).stdout
            #expect(curl.contains("libcurl/\(loaded.libcurl)"), "\(curl)")
        }
        if Ops.which("openssl") != nil {
            #expect(try Ops.run("openssl", ["version"]).stdout.hasPrefix("OpenSSL \(loaded.openssl) "))
        }
        if Ops.which("pkg-config") != nil {
            #expect(try Ops.run("pkg-config", ["--modversion", "libxml-2.0"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == loaded.libxml2)
        }
        #expect(RuntimeLibraries.dottedLibXML2("20914") == "2.9.14")
        #expect(RuntimeLibraries.dottedLibXML2("21207-GITv2.12.7") == "2.12.7-GITv2.12.7")
        #expect(RuntimeLibraries.openSSLVersion("OpenSSL 3.0.13 30 Jan 2024") == "3.0.13")
        #expect(RuntimeLibraries.openSSLVersion("LibreSSL 3.3.6") == "LibreSSL 3.3.6")
    }

    /// Help, man page and completion show only what `version` honours: -o, not the cluster flags.
    @Test func helpShowsOnlyTheFlagsVersionHonours() throws {
        let help = try Ops.run(try Ops.requireBinary(), ["version", "--help"]).stdout
        #expect(help.contains("--output"))
        for flag in ["--context", "--namespace", "--kubeconfig", "--request-timeout", "--token"] {
            #expect(!help.contains(flag + " "), "\(flag) in version --help")
        }
    }
}
