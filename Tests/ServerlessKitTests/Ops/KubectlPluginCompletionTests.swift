import Foundation
import Testing
@testable import ServerlessCompletion

/// `kubectl __complete serverless ...`, as kubectl's own shell completion calls it: kubectl finds
/// the committed `kubectl_complete-serverless` helper on PATH, which execs the built plugin.
@Suite("Completion: kubectl serverless <TAB> through the real kubectl",
       .enabled(if: Ops.which("kubectl") != nil && Ops.binary != nil))
struct KubectlPluginCompletionTests {
    func kubectlComplete(_ words: [String], kubeconfig: String? = nil, noDescriptions: Bool = false) throws
        -> (values: [String], descriptions: [String: String], directive: Int?, stdout: String)
    {
        let path = try Ops.pluginPath()
        var extra: [String: String] = [:]
        if let kubeconfig { extra["KUBECONFIG"] = kubeconfig }
        let result = try Ops.run("kubectl", [noDescriptions ? "__completeNoDesc" : "__complete", "serverless"] + words,
                                 environment: Ops.environment(path: path, extra: extra))
        #expect(result.status == 0, "\(result.stderr)")
        // kubectl only reports what it ran on stderr; proves the helper, not a fallback, answered.
        #expect(result.stderr.contains("About to call: \(path.path)/kubectl_complete-serverless"), "\(result.stderr)")
        let parsed = Ops.parse(result.stdout)
        return (parsed.values, parsed.descriptions, parsed.directive, result.stdout)
    }

    @Test func subcommandsAreTheLiveTreesVisibleOnes() throws {
        let tree = try Ops.tree()
        let reply = try kubectlComplete([""])
        #expect(reply.values == tree.visibleSubcommands.map(\.commandName))
        #expect(reply.values.contains("completion") && reply.values.contains("version"))
        #expect(!reply.values.contains("__complete") && !reply.values.contains("__manual"))
        #expect(reply.descriptions["version"] == "Print the plugin's version.")
        #expect(reply.directive == 4)
        let bare = try kubectlComplete([""], noDescriptions: true)
        #expect(bare.values == reply.values && bare.descriptions.isEmpty)
    }

    @Test func nestedSubcommandsAndFlags() throws {
        let reply = try kubectlComplete(["completion", ""])
        #expect(reply.values == ["bash", "zsh", "fish", "install-kubectl-helper"])
        let flags = try kubectlComplete(["completion", "install-kubectl-helper", "--"])
        #expect(flags.values.contains("--dir") && flags.values.contains("--help"))
        #expect(flags.directive == 4)
        #expect(try kubectlComplete(["completion", "install-kubectl-helper", "--dir", ""]).directive == 16)
        #expect(try kubectlComplete(["version", "-o", ""]).values == ["text", "json", "yaml"])
    }

    /// Every option whose values the tree names completes to exactly those values, in every
    /// command: checkpoints, doctor and whatever comes next, with no list kept here.
    @Test func everyEnumeratedOptionOfTheLiveTree() throws {
        let tree = try Ops.tree()
        var checked = 0
        for (path, command) in [([String](), tree)] + tree.descendants() {
            for argument in command.visibleArguments where argument.kind == .option && LiveNameKind(argument: argument) == nil {
                let values = argument.knownValues
                guard !values.isEmpty, let spelling = argument.spellings.first else { continue }
                let reply = try kubectlComplete(path + [spelling, ""])
                #expect(reply.values == values, "\(path) \(spelling)")
                #expect(reply.directive == 4, "\(path) \(spelling)")
                checked += 1
            }
        }
        #expect(checked >= 1)
    }

    @Test(.enabled(if: (try? Ops.tree().subcommand(named: "doctor")) != nil))
    func doctorEnumsFromTheContract() throws {
        #expect(try kubectlComplete(["doctor", "--fail-on", ""]).values == ["error", "warning", "info", "none"])
        #expect(try kubectlComplete(["doctor", "-o", ""]).values == ["table", "wide", "json", "yaml", "sarif", "junit"])
        #expect(try kubectlComplete(["doctor", "--platform", "keda,f"]).values == ["keda,fission"])
    }

    @Test(.enabled(if: (try? Ops.tree().subcommand(named: "checkpoints")) != nil))
    func checkpointsEnumsAndObjectsFromTheContract() throws {
        #expect(try kubectlComplete(["checkpoints", "-o", ""]).values == ["table", "wide", "json", "yaml"])
        #expect(try kubectlComplete(["checkpoints", "--checkpoint-strategy", ""]).values
                == ["azureFunction", "blobMetadata", "goSdk", "dapr"])
        let cluster = try FakeCluster()
        // Only objects with an azure-eventhub trigger (not the cpu-scaled `web`, not the cron `nightly`).
        #expect(try kubectlComplete(["checkpoints", ""], kubeconfig: cluster.kubeconfig).values == ["orders", "payments", "sj/batch"])
        #expect(try kubectlComplete(["checkpoints", "sj/"], kubeconfig: cluster.kubeconfig).values == ["sj/batch"])
        #expect(try kubectlComplete(["doctor", "--only", "AF-LOCK"]).values == ["AF-LOCK-001"])
        #expect(try kubectlComplete(["checkpoints", "-n", "default", ""], kubeconfig: cluster.kubeconfig).values == ["hello"])
        #expect(try kubectlComplete(["checkpoints", "--scaled-job", ""], kubeconfig: cluster.kubeconfig).values == ["batch"])
    }

    /// `-n` and `--context` on whichever commands have them (all of them, once the kubectl
    /// global flags are in): live names from the cluster, nothing when it is down.
    @Test func liveNamesForTheKubectlFlags() throws {
        let tree = try Ops.tree()
        let withNamespace = tree.descendants().first { $0.command.option(long: "namespace") != nil }
        let withContext = tree.descendants().first { $0.command.option(long: "context") != nil }
        try #require(withNamespace != nil || withContext == nil)  // nothing to check before the flags exist
        let cluster = try FakeCluster()
        if let (path, _) = withNamespace {
            let reply = try kubectlComplete(path + ["-n", ""], kubeconfig: cluster.kubeconfig)
            #expect(reply.values == ["default", "fn", "kube-system"])
            #expect(reply.directive == 4)
            let down = try kubectlComplete(path + ["--context", "down", "-n", ""], kubeconfig: cluster.kubeconfig)
            #expect(down.stdout == ":4\n")
        }
        if let (path, _) = withContext {
            #expect(try kubectlComplete(path + ["--context", ""], kubeconfig: cluster.kubeconfig).values
                    == ["down", "fake", "fake-default"])
            #expect(try kubectlComplete(path + ["--kubeconfig", cluster.kubeconfig, "--context", "fake-"]).values
                    == ["fake-default"])
        }
    }
}
