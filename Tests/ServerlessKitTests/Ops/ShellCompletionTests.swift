import Foundation
import Testing
@testable import ServerlessDoctor

/// One engine: the committed bash, zsh and fish scripts, loaded into the real shells, and
/// kubectl's own plugin completion (through the committed helper) all ask the built binary's
/// `__complete`, so they must offer the same candidates. Live names come from the fake API
/// server through the real kubectl; file names from a scratch directory.
@Suite("Completion: bash, zsh, fish and kubectl offer the same candidates",
       .enabled(if: Ops.binary != nil && Ops.which("kubectl") != nil))
final class ShellCompletionTests {
    static let scripts = Ops.repository.appendingPathComponent("completions")
    let cluster: FakeCluster
    let environment: [String: String]
    /// Where the shells run: a manifest, a text file and a directory, for the path flags.
    let workingDirectory: URL

    init() throws {
        cluster = try FakeCluster()
        environment = Ops.environment(path: try Ops.pluginPath(), extra: ["KUBECONFIG": cluster.kubeconfig])
        workingDirectory = try Ops.temporaryDirectory()
        try FileManager.default.createDirectory(at: workingDirectory.appendingPathComponent("k8s"), withIntermediateDirectories: true)
        for file in ["orders.yaml", "notes.txt"] {
            try Data().write(to: workingDirectory.appendingPathComponent(file))
        }
    }

    /// Calls the bash completion function as `complete -F` does, for the words of `line`
    /// (the last one being completed; a trailing space means an empty word).
    func bash(_ line: String) throws -> Set<String> {
        var words = line.split(separator: " ").map(String.init)
        if line.hasSuffix(" ") { words.append("") }
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source "\(Self.scripts.path)/kubectl-serverless.bash"
            COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(\(quoted)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _kubectl_serverless kubectl-serverless "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try Ops.run("/bin/bash", ["--norc", "--noprofile", "-c", program], environment: environment,
                                 directory: workingDirectory)
        #expect(result.status == 0, "\(result.stderr)")
        // Readline would put back what precedes the last word-break character (`--output=`).
        let current = words.last ?? ""
        let kept = current.range(of: "[=:][^=:]*$", options: .regularExpression).map { String(current[..<$0.lowerBound]) + String(current[$0].prefix(1)) } ?? ""
        return Set(result.stdout.split(separator: "\n").map { kept + $0 })
    }

    /// Drives an interactive zsh in a pseudo-terminal (zsh/zpty): compinit with the script on
    /// fpath, then TAB after `line`; a compadd wrapper reports every match it is given.
    func zsh(_ line: String) throws -> Set<String> {
        let harness = try Ops.temporaryDirectory().appendingPathComponent("capture.zsh")
        try #"""
            zmodload zsh/zpty
            zpty z 'zsh -f -i'
            zpty -w z "PS1='' PROMPT='' RPROMPT=''; cd ${(q)3}; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
            zpty -w z 'compadd() { if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -O __m "$@"; print -rl -- ${${__m/#/MATCH<}/%/>} >/dev/tty; builtin compadd "$@"; }'
            zpty -w z "$2"$'\t'
            zpty -w z $'\C-u print -r -- "END"\n'
            local out chunk
            integer tries=0
            while (( tries++ < 400 )); do
              if zpty -r -t z chunk; then out+=$chunk; [[ $out == *END$'\r'* ]] && break; else sleep 0.05; fi
            done
            print -r -- "$out" | tr -d '\r' | grep -av compadd | grep -ao 'MATCH<[^>]*>' | sed 's/^MATCH<//; s/>$//' | sort -u
            zpty -d z
            """#.write(to: harness, atomically: true, encoding: .utf8)
        let result = try Ops.run("/usr/bin/env", ["zsh", "-f", harness.path, Self.scripts.path, line, workingDirectory.path],
                                 environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }

    func fish(_ line: String) throws -> Set<String> {
        let program = "source '\(Self.scripts.path)/kubectl-serverless.fish'; complete -C '\(line)'"
        let result = try Ops.run("/usr/bin/env", ["fish", "--no-config", "-c", program], environment: environment,
                                 directory: workingDirectory)
        #expect(result.status == 0, "\(result.stderr)")
        return Set(result.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") })
    }

    /// kubectl's answer for `kubectl serverless <words>`: candidates, and the directive that
    /// tells kubectl's shell script to complete file names itself (0) or not (4).
    func kubectl(_ line: String) throws -> (values: Set<String>, directive: Int?) {
        var words = line.split(separator: " ").dropFirst().map(String.init)
        if line.hasSuffix(" ") { words.append("") }
        let result = try Ops.run("kubectl", ["__complete", "serverless"] + words, environment: environment,
                                 directory: workingDirectory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("kubectl_complete-serverless"), "\(result.stderr)")
        let parsed = Ops.parse(result.stdout)
        return (Set(parsed.values), parsed.directive)
    }

    /// Every shell offers `expected` for `line`, and so does kubectl (for file names: kubectl is
    /// told to let its shell complete them).
    func expectEverywhere(_ line: String, _ expected: Set<String>, files: Bool = false) throws {
        for (shell, complete) in [("bash", bash), ("zsh", zsh), ("fish", fish)] where Ops.which(shell) != nil {
            let offered = try complete(line)
            let normalised = files ? Set(offered.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }) : offered
            #expect(normalised == expected, "\(shell): \(line)")
        }
        let viaKubectl = try kubectl(line)
        if files {
            #expect(viaKubectl.values.isEmpty && viaKubectl.directive == 0, "kubectl: \(line)")
        } else {
            #expect(viaKubectl.values == expected, "kubectl: \(line)")
            #expect(viaKubectl.directive == 4, "kubectl: \(line)")
        }
    }

    @Test func subcommandsAndFlagsFromTheTree() throws {
        let tree = try Ops.tree()
        try expectEverywhere("kubectl-serverless ", Set(tree.visibleSubcommands.map(\.commandName)))
        try expectEverywhere("kubectl-serverless completion ", ["bash", "zsh", "fish", "install-kubectl-helper"])
        // version offers only what it honours: -o (and help, version), not kubectl's cluster flags.
        try expectEverywhere("kubectl-serverless version --", ["--output", "--help", "--version"])
        try expectEverywhere("kubectl-serverless version -o ", ["text", "json", "yaml"])
        // A value glued with `=`: bash's readline replaces only what follows the `=`.
        try expectEverywhere("kubectl-serverless version --output=j", ["--output=json"])
    }

    @Test func enumeratedValuesCheckIdsAndStrategies() throws {
        try expectEverywhere("kubectl-serverless checkpoints --checkpoint-strategy ", ["azureFunction", "blobMetadata", "goSdk", "dapr"])
        try expectEverywhere("kubectl-serverless checkpoints -o ", ["table", "wide", "json", "yaml"])
        let keda = Set(Catalogue.descriptions.map(\.id).filter { $0.hasPrefix("KD-") })
        #expect(keda.count >= 3)
        try expectEverywhere("kubectl-serverless doctor --only KD-", keda)
        try expectEverywhere("kubectl-serverless doctor --skip AF-LOCK-001,KD-", Set(keda.map { "AF-LOCK-001," + $0 }))
    }

    @Test func liveNamesAndObjectForms() throws {
        // Context fake, namespace fn: ScaledObjects with an azure-eventhub trigger (not `web`,
        // a cpu scaler), and ScaledJobs as sj/NAME (not `nightly`, a cron one).
        try expectEverywhere("kubectl-serverless checkpoints ", ["orders", "payments", "sj/batch"])
        try expectEverywhere("kubectl-serverless checkpoints so/", ["so/orders", "so/payments"])
        try expectEverywhere("kubectl-serverless checkpoints scaledjob/", ["scaledjob/batch"])
        try expectEverywhere("kubectl-serverless checkpoints -n default ", ["hello"])
        try expectEverywhere("kubectl-serverless checkpoints --scaled-job ", ["batch"])
        try expectEverywhere("kubectl-serverless doctor -n ", ["default", "fn", "kube-system"])
        try expectEverywhere("kubectl-serverless doctor --context fake,f", ["fake,fake-default"])
    }

    @Test func fileNamesWithDirectoriesForPathFlags() throws {
        let here: Set<String> = ["k8s", "orders.yaml", "notes.txt"]
        for line in ["kubectl-serverless doctor -f ", "kubectl-serverless doctor --config ",
                     "kubectl-serverless checkpoints --kubeconfig ", "kubectl-serverless checkpoints --partition-info "] {
            try expectEverywhere(line, here, files: true)
        }
        let tree = try Ops.tree()
        if tree.subcommand(named: "checkpoints")?.option(long: "azure-ca-file") != nil {
            try expectEverywhere("kubectl-serverless checkpoints --azure-ca-file ", here, files: true)
        }
    }
}
