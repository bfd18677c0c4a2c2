import Foundation
import Testing
@testable import ServerlessCompletion

/// completions/ and man/ are generated from the command tree by scripts/generate; these tests
/// regenerate them from the built binary and fail when the committed copies are stale.
@Suite("Ops: generated completions and man pages are current and clean", .enabled(if: Ops.binary != nil))
struct GeneratedFilesTests {
    static let completions = Ops.repository.appendingPathComponent("completions")
    static let man = Ops.repository.appendingPathComponent("man/man1")

    func committed(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func completionScriptsAreCurrent() throws {
        let binary = try Ops.requireBinary()
        for (shell, file) in [("bash", "kubectl-serverless.bash"), ("zsh", "_kubectl-serverless"), ("fish", "kubectl-serverless.fish")] {
            let result = try Ops.run(binary, ["completion", shell])
            #expect(result.status == 0)
            let onDisk = try String(contentsOf: Self.completions.appendingPathComponent(file), encoding: .utf8)
            #expect(onDisk == result.stdout, "completions/\(file) is stale: run scripts/generate")
        }
        #expect(try committed(Self.completions) == ["_kubectl-serverless", "kubectl-serverless.bash", "kubectl-serverless.fish",
                                                    KubectlCompletionHelper.fileName])
    }

    @Test func kubectlHelperIsTheScriptTheBinaryInstalls() throws {
        let path = Self.completions.appendingPathComponent(KubectlCompletionHelper.fileName).path
        #expect(try String(contentsOfFile: path, encoding: .utf8) == KubectlCompletionHelper.script)
        #expect(FileManager.default.isExecutableFile(atPath: path))
        #expect(KubectlCompletionHelper.script.hasPrefix("#!/bin/sh\n"))
        #expect(KubectlCompletionHelper.script.contains(#"exec kubectl-serverless __complete "$@""#))
    }

    @Test func manPagesAreCurrentOnePerVisibleCommand() throws {
        let binary = try Ops.requireBinary()
        let fresh = try Ops.temporaryDirectory()
        let result = try Ops.run(binary, ["__manual", fresh.path])
        #expect(result.status == 0, "\(result.stderr)")
        let tree = try Ops.tree()
        let expected = (["kubectl-serverless.1"] + tree.descendants().map { "kubectl-serverless-\($0.path.joined(separator: "-")).1" }).sorted()
        #expect(try committed(fresh) == expected)
        #expect(try committed(Self.man) == expected, "man/ is stale: run scripts/generate")
        for page in expected {
            let generated = try String(contentsOf: fresh.appendingPathComponent(page), encoding: .utf8)
            let onDisk = try? String(contentsOf: Self.man.appendingPathComponent(page), encoding: .utf8)
            #expect(onDisk == generated, "man/\(page) is stale: run scripts/generate")
        }
    }

    @Test func manPagesHaveTheSectionsAndSynopsisUsersType() throws {
        let tree = try Ops.tree()
        for (path, command) in [([String](), tree)] + tree.descendants() {
            let name = (["kubectl-serverless"] + path).joined(separator: "-")
            let page = try String(contentsOf: Self.man.appendingPathComponent(name + ".1"), encoding: .utf8)
            var last = page.startIndex
            for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
                let range = try #require(page.range(of: "\n.Sh \(section)\n"), "\(name): no \(section)")
                #expect(range.lowerBound >= last, "\(name): \(section) out of order")
                last = range.lowerBound
            }
            #expect(page.contains("\n.Nm \((["kubectl", "serverless"] + path).joined(separator: " "))\n"))
            for code in 0...3 { #expect(page.contains("\n.It \(code)\n"), "\(name): exit status \(code)") }
            for argument in command.visibleArguments where argument.kind != .positional {
                for spelling in argument.spellings {
                    #expect(page.contains("Fl \(spelling.dropFirst())"), "\(name): \(spelling)")
                }
            }
        }
    }

    /// Examples are commands users will paste: every flag in them must exist on that command.
    @Test func manPageExamplesUseRealFlags() throws {
        let tree = try Ops.tree()
        for page in try committed(Self.man) {
            let text = try String(contentsOf: Self.man.appendingPathComponent(page), encoding: .utf8)
            for line in Self.exampleCommands(in: text) {
                var words = line.replacingOccurrences(of: "\\&", with: "").split(separator: " ").map(String.init)
                if let pipe = words.firstIndex(of: "|") { words = Array(words[(pipe + 1)...]) }
                if words.first == "source" { words = Array(words.dropFirst()) }
                let command = words.prefix { !["|", ">", ">>", "<"].contains($0) }.map { $0.replacingOccurrences(of: "<(", with: "") }
                let start = command.starts(with: ["kubectl", "serverless"]) ? 2 : command.first == "kubectl-serverless" ? 1 : nil
                guard let start else { continue }
                var node = tree
                for word in command.dropFirst(start) {
                    if !word.hasPrefix("-"), let sub = node.subcommand(named: word) {
                        node = sub
                    } else if word.hasPrefix("--") {
                        let name = String(word.dropFirst(2).split(separator: "=").first ?? "")
                        #expect(node.option(long: name) != nil, "\(page): \(word) in \(line)")
                    } else if word.hasPrefix("-") && word.count == 2 {
                        #expect(node.option(short: word.last!) != nil, "\(page): \(word) in \(line)")
                    }
                }
            }
        }
    }

    /// The example commands of a page: `.Dl` lines, and `.Bd -literal` blocks with their `\`
    /// continuations joined into one command.
    static func exampleCommands(in page: String) -> [String] {
        var commands: [String] = []
        var block: String?
        for line in page.split(separator: "\n").map(String.init) {
            if line.hasPrefix(".Dl ") { commands.append(String(line.dropFirst(4))) }
            else if line.hasPrefix(".Bd -literal") { block = "" }
            else if line == ".Ed", let text = block { commands.append(text); block = nil }
            else if let text = block {
                let part = line.trimmingCharacters(in: .whitespaces)
                block = text + (part.hasSuffix("\\e") ? String(part.dropLast(2)) : part + " ")
            }
        }
        return commands
    }

    /// Every example command appears whole on one display line or in one literal block.
    @Test func manPageExamplesKeepContinuedCommandsTogether() throws {
        let page = try String(contentsOf: Self.man.appendingPathComponent("kubectl-serverless-checkpoints.1"), encoding: .utf8)
        let commands = Self.exampleCommands(in: page)
        #expect(commands.contains { $0.contains("--eventhub-connection") && $0.contains("--checkpoint-strategy blobMetadata") })
        #expect(!page.contains("\n.Dl --"), "a continuation line became an example of its own")
    }

    /// Each flag's help says "May be repeated." at most once, whatever the help text says itself.
    @Test func manPagesDoNotRepeatThemselves() throws {
        for page in try committed(Self.man) {
            let text = try String(contentsOf: Self.man.appendingPathComponent(page), encoding: .utf8)
            let items = text.components(separatedBy: "\n.It ")
            for item in items {
                let lowered = item.lowercased()
                let mentions = lowered.components(separatedBy: "repeat").count - 1
                #expect(mentions <= 1, "\(page): \(item.prefix(60))")
            }
            #expect(!text.contains("CHECKS.md"), "\(page) points at CHECKS.md, which the release archive does not ship")
        }
    }

    /// mandoc -Tlint reports nothing, apart from cross references to our own pages and kubectl(1)
    /// (mandoc looks those up in the installed manual database, which ours are not in).
    @Test(.enabled(if: Ops.which("mandoc") != nil)) func manPagesAreLintClean() throws {
        let pages = try committed(Self.man)
        let ours = Set(pages.map { String($0.dropLast(2)) } + ["kubectl"])
        for page in pages {
            let result = try Ops.run("mandoc", ["-Tlint", Self.man.appendingPathComponent(page).path])
            let messages = (result.stdout + result.stderr).split(separator: "\n").filter { message in
                guard let range = message.range(of: "referenced manual not found: Xr ") else { return true }
                let referenced = message[range.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                return !ours.contains(referenced)
            }
            #expect(messages.isEmpty, "\(page): \(messages.joined(separator: "\n"))")
        }
    }

    /// `MANPATH=<repo>/man man kubectl-serverless...` finds every page (they sit in man/man1/).
    @Test(.enabled(if: Ops.which("man") != nil)) func manFindsEveryPageThroughMANPATH() throws {
        for page in try committed(Self.man) {
            let result = try Ops.run("man", [String(page.dropLast(2))], environment: [
                "PATH": "/usr/bin:/bin", "MANPATH": Ops.repository.appendingPathComponent("man").path,
                "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80", "LANG": "C.UTF-8"])
            #expect(result.status == 0 && result.stdout.contains("NAME"), "\(page): \(result.stderr)")
        }
    }

    @Test(.enabled(if: Ops.which("man") != nil)) func manPagesRender() throws {
        for page in try committed(Self.man) {
            let result = try Ops.run("man", ["-l", Self.man.appendingPathComponent(page).path],
                                     environment: ["PATH": "/usr/bin:/bin", "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80", "LANG": "C.UTF-8"])
            #expect(result.status == 0, "\(page): \(result.stderr)")
            #expect(result.stdout.contains("NAME") && result.stdout.contains("EXIT STATUS"), "\(page)")
            #expect(result.stdout.contains("kubectl serverless"), "\(page)")
        }
    }
}
