import Testing
@testable import ServerlessCompletion
@testable import ServerlessDoctor
@testable import ServerlessSupport

@Suite("Completion: kubectl's word protocol over the command tree")
struct WordCompleterTests {
    let names = RecordingNames([
        .namespaces: ["default", "fn", "kube-system"],
        .contexts: ["prod", "staging"],
        .scaledObjects: ["orders", "payments"],
        .scaledJobs: ["batch"],
    ])

    func complete(_ words: String...) async -> CompletionReply {
        let completer = WordCompleter(tree: CompletionFixture.tree, liveNames: names) { _, argument in
            argument.longName == "only" ? ["AF-LOCK-001", "KEDA-EH-001"] : []
        }
        return await completer.complete(words)
    }

    func values(_ reply: CompletionReply) -> [String] { reply.candidates.map(\.value) }

    @Test func subcommandsAtTheRootSkipHiddenAndHelp() async {
        let reply = await complete("")
        #expect(values(reply) == ["checkpoints", "doctor"])
        #expect(reply.candidates[1].description == "Find misconfigurations.")
        #expect(reply.directive == .noFileCompletion)
        #expect(values(await complete("d")) == ["doctor"])
        #expect(values(await complete("x")) == [])
    }

    @Test func flagsLongAndShortWithoutTheOnesAlreadyGiven() async {
        let all = values(await complete("checkpoints", "-"))
        #expect(all.contains("--namespace") && all.contains("-n") && all.contains("--checkpoint-strategy"))
        #expect(!all.contains("--token"))  // hidden
        #expect(values(await complete("checkpoints", "--n")) == ["--namespace"])
        let afterNamespace = values(await complete("checkpoints", "-n", "fn", "--"))
        #expect(!afterNamespace.contains("--namespace") && !afterNamespace.contains("-n"))
        // -v is repeatable, so still offered after -vv.
        #expect(values(await complete("checkpoints", "-vv", "-")).contains("-v"))
    }

    @Test func enumValuesFromListsCaseIterablesAndHelpText() async {
        #expect(values(await complete("checkpoints", "-o", "")) == ["table", "wide", "json", "yaml"])
        #expect(values(await complete("checkpoints", "--checkpoint-strategy", "")) == ["azureFunction", "blobMetadata", "goSdk", "dapr"])
        #expect(values(await complete("doctor", "--fail-on", "")) == ["error", "warning", "info", "none"])
        #expect(values(await complete("doctor", "-o", "s")) == ["sarif"])
        let failOn = await complete("doctor", "--fail-on", "e")
        #expect(failOn.candidates == [.init("error", description: "only errors fail")])
        #expect(failOn.directive == .noFileCompletion)
    }

    @Test func valuesGluedToTheirFlag() async {
        #expect(values(await complete("doctor", "--fail-on=w")) == ["--fail-on=warning"])
        #expect(values(await complete("checkpoints", "-oj")) == ["-ojson"])
        #expect(values(await complete("checkpoints", "--output=")) == ["--output=table", "--output=wide", "--output=json", "--output=yaml"])
    }

    @Test func commaListsCompleteTheLastItem() async {
        #expect(values(await complete("doctor", "--platform", "keda,")) == ["keda,azure-functions", "keda,fission", "keda,openwhisk"])
        #expect(values(await complete("doctor", "--platform", "keda,f")) == ["keda,fission"])
        #expect(values(await complete("doctor", "--platform=keda,o")) == ["--platform=keda,openwhisk"])
    }

    @Test func liveNamesWithTheKubeconfigSelectionAlreadyTyped() async {
        #expect(values(await complete("checkpoints", "-n", "")) == ["default", "fn", "kube-system"])
        #expect(values(await complete("checkpoints", "--namespace", "f")) == ["fn"])
        #expect(values(await complete("checkpoints", "--context", "")) == ["prod", "staging"])
        #expect(values(await complete("checkpoints", "--kubeconfig", "/k", "--context", "prod", "-nfn", "")) == ["orders", "payments", "sj/batch"])
        #expect(values(await complete("checkpoints", "--scaled-job", "")) == ["batch"])
        let asked = await names.asked
        #expect(asked.map(\.0).sorted { $0.rawValue < $1.rawValue }
                == [.contexts, .namespaces, .namespaces, .scaledJobs, .scaledJobs, .scaledObjects])
        #expect(asked.filter { $0.0 == .scaledObjects }.map(\.1) == [LiveNameScope(kubeconfig: "/k", context: "prod", namespace: "fn")])
    }

    /// `checkpoints` takes `so/NAME`, `scaledjob/NAME` and the other kubectl spellings; a
    /// `--context` list completes its last item (doctor runs several contexts at once).
    @Test func objectFormsAndContextLists() async {
        #expect(values(await complete("checkpoints", "so/")) == ["so/orders", "so/payments"])
        #expect(values(await complete("checkpoints", "scaledobject.keda.sh/p")) == ["scaledobject.keda.sh/payments"])
        #expect(values(await complete("checkpoints", "sj/")) == ["sj/batch"])
        #expect(values(await complete("checkpoints", "deployment/")) == [])
        #expect(values(await complete("checkpoints", "s")) == ["sj/batch"])
        #expect(values(await complete("doctor", "--context", "prod,")) == ["prod,staging"])
        #expect(values(await complete("doctor", "-n", "fn,")) == [])
    }

    @Test func positionalsAreCountedAndTheTerminatorRespected() async {
        #expect(values(await complete("checkpoints", "orders", "")) == [])
        #expect(values(await complete("checkpoints", "-n", "fn", "o")) == ["orders"])
        #expect(values(await complete("checkpoints", "--", "")) == ["orders", "payments", "sj/batch"])
        #expect(values(await complete("checkpoints", "--", "-")) == [])
    }

    @Test func filesDirectoriesAndCustomCompletions() async {
        let manifests = await complete("checkpoints", "-f", "")
        #expect(values(manifests) == ["yaml", "yml"])
        #expect(manifests.directive == .filterFileExtensions)
        #expect(await complete("doctor", "--config", "").directive == .filterDirectories)
        // Nothing known about the value: the shell's own (file) completion.
        #expect(await complete("doctor", "-f", "").directive == .default)
        #expect(values(await complete("doctor", "--only", "AF")) == ["AF-LOCK-001"])
    }

    @Test func theProtocolText() {
        let reply = CompletionReply([.init("json", description: "JSON\nsecond line"), .init("bad\tvalue"), .init("yaml")],
                                    directive: .noFileCompletion)
        #expect(reply.text == "json\tJSON\nyaml\n:4\n")
        #expect(CompletionReply.nothing.text == ":4\n")
    }

    @Test func alternativesInHelpText() {
        #expect(ArgumentInfo.alternatives(in: "Output format: text|json.") == ["text", "json"])
        #expect(ArgumentInfo.alternatives(in: "Severity (error|warning|info|none) to fail at") == ["error", "warning", "info", "none"])
        #expect(ArgumentInfo.alternatives(in: "Output format: text or json.") == [])
        #expect(ArgumentInfo.alternatives(in: "a || b") == [])
    }
}
