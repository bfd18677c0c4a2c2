import Foundation
import Testing
@testable import ServerlessSupport

/// scripts/release's steps that run without a release build: packing (reproducible with GNU tar
/// and with bsdtar, macOS's tar), the archive as krew installs it (man pages through MANPATH),
/// and the stamp a release build compiles in.
@Suite("Ops: scripts/release")
struct ReleaseScriptTests {
    static let script = Ops.repository.appendingPathComponent("scripts/release").path

    /// Packs a stand-in binary (packing does not look inside it) into a fresh directory.
    func pack(tar: String, binary: URL) throws -> URL {
        let dist = try Ops.temporaryDirectory()
        var environment = ProcessInfo.processInfo.environment
        environment["TAR"] = tar
        let result = try Ops.run(Self.script, ["pack", binary.path, "linux", "amd64", dist.path],
                                 environment: environment, directory: Ops.repository)
        #expect(result.status == 0, "\(result.stderr)")
        return dist.appendingPathComponent("kubectl-serverless_linux_amd64.tar.gz")
    }

    func standIn() throws -> URL {
        let binary = try Ops.temporaryDirectory().appendingPathComponent("kubectl-serverless")
        try Data("#!/bin/sh\necho stand-in\n".utf8).write(to: binary)
        return binary
    }

    @Test(arguments: ["tar", "bsdtar"]) func archivesAreReproducible(tar: String) throws {
        try #require(Ops.which(tar) != nil, "\(tar) is not installed")
        let binary = try standIn()
        let first = try Data(contentsOf: try pack(tar: tar, binary: binary))
        // Other times and permissions on the inputs must not matter.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1e9), .posixPermissions: 0o700],
                                              ofItemAtPath: binary.path)
        let second = try Data(contentsOf: try pack(tar: tar, binary: binary))
        #expect(first == second)
        let listing = try Ops.run(tar, ["-tvzf", try pack(tar: tar, binary: binary).path]).stdout
        let names = listing.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
        #expect(names == names.sorted())
        #expect(names.contains("man/man1/kubectl-serverless.1") && names.contains("LICENSE")
                && names.contains("completions/kubectl_complete-serverless") && names.contains("kubectl-serverless"))
        #expect(listing.split(separator: "\n").allSatisfy { $0.contains(" 0/0 ") || $0.contains(" 0 0 ") }, "\(listing)")
        #expect(listing.split(separator: "\n").allSatisfy { $0.contains("1970") }, "\(listing)")
    }

    /// Unpack as krew does and apply plugin.yaml's `files` (krew's move rules: a glob's matches
    /// go into `to` under their own names); then `man` finds every page through MANPATH.
    @Test(.enabled(if: Ops.which("man") != nil)) func unpackedArchiveServesManPagesThroughMANPATH() throws {
        let archive = try pack(tar: "tar", binary: try standIn())
        let unpacked = try Ops.temporaryDirectory(), install = try Ops.temporaryDirectory()
        #expect(try Ops.run("tar", ["-xzf", archive.path, "-C", unpacked.path]).status == 0)
        let manifest = try #require(try YAML.documents(String(contentsOf: Ops.repository.appendingPathComponent("plugin.yaml"), encoding: .utf8)).first).value
        let files = manifest["spec"]["platforms"][0]["files"].array
        #expect(!files.isEmpty)
        let fm = FileManager.default
        for operation in files {
            let from = operation["from"].string ?? "", to = operation["to"].string ?? ""
            let matches: [String]
            if from.hasSuffix("/*") {
                let directory = String(from.dropLast(2))
                matches = try fm.contentsOfDirectory(atPath: unpacked.appendingPathComponent(directory).path).map { directory + "/" + $0 }
            } else {
                matches = [from]
            }
            for match in matches {
                let target = install.appendingPathComponent(to).appendingPathComponent((match as NSString).lastPathComponent)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.moveItem(at: unpacked.appendingPathComponent(match), to: target)
            }
        }
        let pages = try fm.contentsOfDirectory(atPath: install.appendingPathComponent("man/man1").path).filter { $0.hasSuffix(".1") }
        #expect(pages.count >= 5)
        for page in pages {
            let result = try Ops.run("man", [String(page.dropLast(2))], environment: [
                "PATH": "/usr/bin:/bin", "MANPATH": install.appendingPathComponent("man").path,
                "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80", "LANG": "C.UTF-8"])
            #expect(result.status == 0 && result.stdout.contains("EXIT STATUS"), "\(page): \(result.stderr)")
        }
    }

    /// What a release build compiles in: the commit (marked when the tree has changes) and the
    /// commit's time in UTC, in the committed BuildStamp.swift's shape.
    @Test(.enabled(if: Ops.which("git") != nil)) func stampNamesTheCommitAndItsTime() throws {
        let stamp = try Ops.run(Self.script, ["stamp"], directory: Ops.repository)
        #expect(stamp.status == 0, "\(stamp.stderr)")
        let head = try Ops.run("git", ["-C", Ops.repository.path, "rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(stamp.stdout.contains(#"static let commit = "\#(head)"#))
        #expect(stamp.stdout.range(of: #"static let buildDate = "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ""#, options: .regularExpression) != nil)
        let committed = try String(contentsOf: Ops.repository.appendingPathComponent("Sources/ServerlessSupport/BuildStamp.swift"), encoding: .utf8)
        #expect(committed.contains(#"static let commit = "unknown""#) && committed.contains(#"static let buildDate = "unknown""#))
        #expect(stamp.stdout.split(separator: "\n").count == committed.split(separator: "\n").count)
    }
}
