import Foundation
import Testing

/// The repository stands alone: what its code comments, tests, README, docs and man pages cite is in it
/// (or upstream, by repository and path), never a note outside it.
@Suite struct RepositoryReferencesTests {
    static let roots = ["Sources", "Tests", "README.md", "docs", "man", "Fuzz", "bench", "scripts"]
    /// Names of the workspace's own notes, which a clone does not have (spelled in pieces so this file does
    /// not name them). `CHECKS.md` is ours: the match is case-sensitive.
    static let outside = ["cli", "checks", "doctor-checks"].map { $0 + ".md" } + ["../" + "shared", "research" + "/", "research" + " §"]

    static func files() -> [URL] {
        var found: [URL] = []
        for root in roots {
            let url = Ops.repository.appendingPathComponent(root)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            guard isDirectory.boolValue else { found.append(url); continue }
            let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
            while let file = walker?.nextObject() as? URL {
                // Fuzz seeds are inputs, copied as found; they are not the project's words.
                if file.lastPathComponent == "corpus" { walker?.skipDescendants(); continue }
                if ["swift", "py", "md", "1", "yaml", "sh", ""].contains(file.pathExtension) { found.append(file) }
            }
        }
        return found
    }

    @Test func nothingCitesNotesOutsideTheRepository() throws {
        let files = Self.files()
        #expect(files.count > 300, "read \(files.count) files under \(Ops.repository.path)")
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for name in Self.outside where text.contains(name) {
                Issue.record("\(file.path) cites \(name), which is not in the repository")
            }
        }
    }

    /// Every relative link of README.md and docs/*.md leads to a file of the repository.
    @Test func markdownLinksResolve() throws {
        let link = try Regex(#"\]\(([^)#:]+)(#[^)]*)?\)"#)
        let documents = [Ops.repository.appendingPathComponent("README.md")]
            + (try FileManager.default.contentsOfDirectory(at: Ops.repository.appendingPathComponent("docs"), includingPropertiesForKeys: nil))
        for document in documents where document.pathExtension == "md" {
            let text = try String(contentsOf: document, encoding: .utf8)
            for match in text.matches(of: link) {
                let target = String(try #require(match.output[1].substring))
                let resolved = document.deletingLastPathComponent().appendingPathComponent(target).standardized
                #expect(FileManager.default.fileExists(atPath: resolved.path), "\(document.lastPathComponent) links \(target)")
            }
        }
    }
}
