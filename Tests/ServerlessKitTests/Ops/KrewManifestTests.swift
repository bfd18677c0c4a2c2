import Foundation
import Testing
@testable import ServerlessSupport

/// krew's manifest rules (krew's `ValidatePlugin`, the supported-platform match and overlap checks, the license check).
enum KrewRules {
    static let apiVersion = "krew.googlecontainertools.github.com/v1alpha2"
    static let supported: [(os: String, arch: String)] = [
        ("windows", "386"), ("windows", "amd64"), ("windows", "arm64"),
        ("linux", "386"), ("linux", "amd64"), ("linux", "arm"), ("linux", "arm64"), ("linux", "ppc64le"),
        ("darwin", "386"), ("darwin", "amd64"), ("darwin", "arm64"),
    ]
    static let licenseNames: Set<String> = ["license", "license.txt", "license.md", "licenses", "licenses.txt",
                                            "licenses.md", "copying", "copying.txt"]

    /// Every rule broken, in words; `allowPlaceholders` accepts `SHA256_<OS>_<ARCH>` (the committed
    /// manifest, before scripts/release fills it in).
    static func problems(_ manifest: Value, fileName: String, allowPlaceholders: Bool = false) -> [String] {
        var problems: [String] = []
        if manifest["apiVersion"].string != apiVersion { problems.append("apiVersion") }
        if manifest["kind"].string != "Plugin" { problems.append("kind") }
        let name = manifest["metadata"]["name"].string ?? ""
        if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) { problems.append("unsafe name") }
        let reserved = ["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] }
        if reserved.contains(name.lowercased()) { problems.append("reserved name") }
        if !fileName.hasSuffix(".yaml") || String(fileName.dropLast(5)) != name { problems.append("name != file name") }
        let spec = manifest["spec"]
        if !isSemverWithV(spec["version"].string ?? "") { problems.append("version") }
        let short = spec["shortDescription"].string ?? ""
        if short.isEmpty || short.contains("\n") || short.contains("\r") { problems.append("shortDescription") }
        if (spec["description"].string ?? "").isEmpty { problems.append("description") }
        let platforms = spec["platforms"].array
        if platforms.isEmpty { problems.append("no platforms") }
        var matchedBy: [String: Int] = [:]
        for (index, platform) in platforms.enumerated() {
            if (platform["uri"].string ?? "").isEmpty { problems.append("platform \(index): uri") }
            let sha = platform["sha256"].string ?? ""
            let placeholder = allowPlaceholders && sha.range(of: "^SHA256_[A-Z0-9]+_[A-Z0-9]+$", options: .regularExpression) != nil
            if !placeholder && sha.range(of: "^[a-f0-9]{64}$", options: .regularExpression) == nil {
                problems.append("platform \(index): sha256 \(sha)")
            }
            if (platform["bin"].string ?? "").isEmpty { problems.append("platform \(index): bin") }
            if case .array(let files) = platform["files"] {
                if files.isEmpty { problems.append("platform \(index): empty files") }
                for file in files where file["from"].string == nil || file["to"].string == nil {
                    problems.append("platform \(index): file without from/to")
                }
            }
            let selector = platform["selector"]
            let labels = selector["matchLabels"]
            if selector.members.isEmpty || selector.members.contains(where: { !["matchLabels", "matchExpressions"].contains($0.key) }) {
                problems.append("platform \(index): selector")
            }
            if case .object(let members) = labels, members.isEmpty { problems.append("platform \(index): empty matchLabels") }
            if labels.members.contains(where: { !["os", "arch"].contains($0.key) }) { problems.append("platform \(index): selector keys") }
            if case .array(let expressions) = selector["matchExpressions"] {
                if expressions.isEmpty || expressions.contains(where: { !["os", "arch"].contains($0["key"].string ?? "") }) {
                    problems.append("platform \(index): matchExpressions")
                }
            }
            let matches = supported.filter { pair in
                labels.members.allSatisfy { ($0.key == "os" ? pair.os : pair.arch) == $0.value.string }
                    && selector["matchExpressions"].array.allSatisfy { expression in
                        let value = expression["key"].string == "os" ? pair.os : pair.arch
                        let values = expression["values"].array.compactMap(\.string)
                        return expression["operator"].string == "NotIn" ? !values.contains(value) : values.contains(value)
                    }
            }
            if matches.isEmpty { problems.append("platform \(index): matches no supported os/arch") }
            for pair in matches { matchedBy["\(pair.os)/\(pair.arch)", default: 0] += 1 }
        }
        for (pair, count) in matchedBy where count > 1 { problems.append("\(pair) matched by \(count) platforms") }
        return problems
    }

    static func isSemverWithV(_ version: String) -> Bool {
        version.range(of: #"^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$"#,
                      options: .regularExpression) != nil
    }
}

@Suite("Ops: the krew manifest")
struct KrewManifestTests {
    static let path = Ops.repository.appendingPathComponent("plugin.yaml")

    func manifest(_ path: URL = path) throws -> Value {
        try #require(try YAML.documents(String(contentsOf: path, encoding: .utf8)).first).value
    }

    @Test func committedManifestFollowsKrewsRules() throws {
        let manifest = try manifest()
        // krew-index keeps it as plugins/serverless.yaml.
        #expect(KrewRules.problems(manifest, fileName: "serverless.yaml", allowPlaceholders: true) == [])
        #expect(manifest["spec"]["version"].string == "v" + BuildInfo.version)
        #expect((manifest["spec"]["caveats"].string ?? "").contains("kubectl serverless completion install-kubectl-helper"))
        let platforms = manifest["spec"]["platforms"].array
        let pairs = platforms.map { "\($0["selector"]["matchLabels"]["os"].string ?? "")/\($0["selector"]["matchLabels"]["arch"].string ?? "")" }
        #expect(pairs == ["linux/amd64", "linux/arm64", "darwin/arm64"])
        for platform in platforms {
            let os = platform["selector"]["matchLabels"]["os"].string ?? "", arch = platform["selector"]["matchLabels"]["arch"].string ?? ""
            #expect(platform["bin"].string == "kubectl-serverless")
            #expect(platform["uri"].string?.hasSuffix("/v\(BuildInfo.version)/kubectl-serverless_\(os)_\(arch).tar.gz") == true)
            #expect(platform["sha256"].string == "SHA256_\(os.uppercased())_\(arch.uppercased())")
            let from = platform["files"].array.compactMap { $0["from"].string }
            #expect(from.contains("kubectl-serverless") && from.contains("completions/*") && from.contains("man/*"))
            #expect(from.contains { KrewRules.licenseNames.contains($0.lowercased()) }, "LICENSE must be installed")
        }
    }

    @Test func theRulesCatchWhatKrewRejects() throws {
        let good = try manifest()
        #expect(!KrewRules.problems(good, fileName: "serverless.yaml").isEmpty)  // placeholders are not shas
        #expect(KrewRules.problems(good, fileName: "plugin.yaml", allowPlaceholders: true) == ["name != file name"])
        #expect(!KrewRules.isSemverWithV("0.1.0") && !KrewRules.isSemverWithV("v0.1") && KrewRules.isSemverWithV("v1.2.3-rc.1"))
        let upper = try YAML.documents("""
            apiVersion: \(KrewRules.apiVersion)
            kind: Plugin
            metadata: {name: serverless}
            spec:
              version: v0.1.0
              shortDescription: "two\\nlines"
              description: x
              platforms:
              - {selector: {matchLabels: {os: linux}}, uri: u, bin: b, sha256: \(String(repeating: "A", count: 64))}
              - {selector: {matchLabels: {os: linux, arch: amd64}}, uri: u, bin: b, sha256: \(String(repeating: "a", count: 64))}
              - {selector: {matchLabels: {os: linux, arch: arm64, libc: musl}}, uri: u, bin: b, sha256: \(String(repeating: "a", count: 64))}
            """)[0].value
        let problems = KrewRules.problems(upper, fileName: "serverless.yaml")
        #expect(problems.contains("shortDescription"))
        #expect(problems.contains { $0.hasPrefix("platform 0: sha256") })
        #expect(problems.contains("platform 2: selector keys"))
        #expect(problems.contains("linux/amd64 matched by 2 platforms"))
    }

    /// scripts/release's manifest step, on stand-in archives: every sha256 filled, lowercase,
    /// equal to the archive's, and the result passes every rule.
    /// Both ways: with GNU coreutils' sha256sum, and with only `shasum` (macOS) on PATH.
    @Test(.enabled(if: Ops.which("sha256sum") != nil && Ops.which("shasum") != nil), arguments: [false, true])
    func releaseFillsTheManifest(macOSTools: Bool) throws {
        let dist = try Ops.temporaryDirectory()
        var sums: [String: String] = [:]
        for platform in ["linux_amd64", "linux_arm64", "darwin_arm64"] {
            let archive = dist.appendingPathComponent("kubectl-serverless_\(platform).tar.gz")
            try Data("stand-in archive for \(platform)".utf8).write(to: archive)
            sums[platform] = String(try Ops.run("sha256sum", [archive.path]).stdout.prefix(64))
        }
        var environment = ProcessInfo.processInfo.environment
        if macOSTools {
            // A PATH with the tools the script uses, shasum but no sha256sum.
            let tools = try Ops.temporaryDirectory()
            for tool in ["bash", "sed", "cp", "mv", "grep", "tr", "cut", "basename", "dirname", "cat", "rm", "mkdir", "shasum", "perl", "env"] {
                guard let path = Ops.which(tool) else { continue }
                try FileManager.default.createSymbolicLink(atPath: tools.appendingPathComponent(tool).path, withDestinationPath: path)
            }
            environment["PATH"] = tools.path
        }
        let result = try Ops.run(Ops.repository.appendingPathComponent("scripts/release").path, ["manifest", dist.path],
                                 environment: environment, directory: Ops.repository)
        #expect(result.status == 0, "\(result.stderr)")
        let filled = try manifest(dist.appendingPathComponent("plugin.yaml"))
        #expect(KrewRules.problems(filled, fileName: "serverless.yaml") == [])
        for platform in filled["spec"]["platforms"].array {
            let key = "\(platform["selector"]["matchLabels"]["os"].string ?? "")_\(platform["selector"]["matchLabels"]["arch"].string ?? "")"
            #expect(platform["sha256"].string == sums[key])
        }
        #expect(filled["spec"]["version"].string == "v" + BuildInfo.version)
        for (platform, sum) in sums { #expect(result.stdout.contains("\(sum)  kubectl-serverless_\(platform).tar.gz")) }
    }
}
