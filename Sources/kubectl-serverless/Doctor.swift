import ArgumentParser
import Foundation
import ServerlessDoctor
import ServerlessKubernetes
import ServerlessRender
import ServerlessSupport

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Find the misconfigurations that break Azure Functions containers, KEDA, Fission and OpenWhisk.",
        discussion: """
            Reads a live cluster (read-only), or manifests and Helm values files with -f, and runs every check of \
            the platforms it finds. Checks that need a live cluster say so on manifests instead of guessing. \
            Documents no check reads (fission spec's DeploymentConfig and ArchiveUploadSpec, YAML that is neither \
            an object nor chart values) are skipped with a warning; Helm templates must be rendered with helm \
            template first. With -n, the KEDA, Fission and OpenWhisk control planes are still looked for in every \
            namespace the user may read.

            --all-contexts (or --context a,b,c) checks every context of the kubeconfig (or those) at once, one \
            section with its summary line each; a context that does not answer within --request-timeout (else 30 \
            seconds) is reported with its error and the others still are. -o json is a DoctorReportList.

            A config file (.kubectl-serverless.yaml in the current directory, or --config) can set failOn and \
            skip checks everywhere or per object; an object can also skip checks itself with the annotation \
            kubectl-serverless/skip-checks: "ID[,ID...]". Skipped findings are counted in the summary.

            Examples:
              kubectl serverless doctor -A
              kubectl serverless doctor -A --all-contexts -o json
              kubectl serverless doctor -f k8s/ -R --fail-on warning
              helm template fn ./chart | \\
                kubectl serverless doctor -f - -o sarif > doctor.sarif
              kubectl serverless doctor --list-checks --platform keda

            Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or input error; \
            3 the cluster could not be read.
            """)

    @OptionGroup(title: "Kubernetes") var global: GlobalOptions

    @OptionGroup var manifests: ManifestFlags<DoctorCommand>

    @Option(name: .customLong("helm-values"), help: "A Helm values file of a known chart: CHART=FILE (openwhisk, fission, keda; repeatable).")
    var helmValues: [String] = []

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Check every namespace.")
    var allNamespaces = false

    @Flag(name: .customLong("all-contexts"),
          help: "Check every context of the kubeconfig at once, one section each (--context a,b,c checks those).")
    var allContexts = false

    @Option(help: ArgumentHelp("Only these platforms, comma-separated: \(Platform.choices) (default: all that are found; general checks only what the platforms own)."))
    var platform: String?

    @Option(help: "Run only these check ids (comma-separated).")
    var only: String?

    @Option(help: "Skip these check ids (comma-separated).")
    var skip: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above: error, warning, info or none (default error).")
    var failOn: FailOn?

    @Option(help: "Config file (default: .kubectl-serverless.yaml when present).")
    var config: String?

    @Flag(name: .customLong("list-checks"), help: "Print the check catalogue instead of checking.")
    var listChecks = false

    @Option(name: .shortAndLong, help: ArgumentHelp(DoctorReport.formatHelp))
    var output: OutputOption<DoctorReport> = .init()

    func run() async throws {
        let settings = Terminal.printSettings(global)
        let platforms = try platform.map(Platform.parseList)
        if listChecks {
            let catalogue = DoctorCatalogue(Catalogue.descriptions.filter { platforms?.contains($0.platform) ?? true })
            return try Terminal.show(catalogue, as: output.format, settings)
        }
        let options = DoctorOptions(
            platforms: platforms,
            only: try only.map { try DoctorOptions.parseIDs($0, flag: "--only") } ?? [],
            skip: try skip.map { try DoctorOptions.parseIDs($0, flag: "--skip") } ?? [],
            failOn: failOn,
            namespace: allNamespaces ? nil : global.namespace,
            defaultNamespace: readsManifests ? try global.manifestPlacement().namespace : global.namespace ?? "default",
            config: try loadConfig())
        if let contexts = try DoctorContexts.names(global: global, allContexts: allContexts) {
            if readsManifests { throw CommandInputError(message: "--all-contexts and --context a,b read clusters, not -f manifests") }
            return try await DoctorContexts(global: global, allNamespaces: allNamespaces, options: options, output: output.format).run(contexts)
        }
        let store = try await loadStore(options: options)
        try Terminal.show(Doctor.run(store: store, options: options), as: output.format, settings)
    }

    private var readsManifests: Bool { !manifests.filenames.isEmpty || !helmValues.isEmpty }

    /// Manifests when -f is given, else the cluster; stderr says which.
    private func loadStore(options: DoctorOptions) async throws -> ObjectStore {
        if readsManifests {
            // --context still chooses the namespace of objects without one, as for kubectl apply -f.
            if global.server != nil {
                Terminal.warning("checking manifests from -f; --server is not used")
            }
            return try manifests.load(helmValues: helmValues)
        }
        let client = try global.apiClient()
        let namespace = allNamespaces ? nil : client.config.namespace
        if Terminal.stderrIsTerminal || global.verbose > 0 {
            Terminal.error("checking cluster \(client.config.sourceName), \(namespace.map { "namespace \($0)" } ?? "all namespaces")")
        }
        let store = try await DoctorLive.load(client: client, namespace: namespace)
        if let unseen = store.controlPlanesUnseen, let namespace {
            Terminal.warning("cannot look for KEDA, Fission or OpenWhisk control planes outside namespace \(namespace): \(unseen)")
        }
        for unreadable in store.unreadable {
            Terminal.warning("cannot read \(unreadable.kind)\(unreadable.namespace.map { " in \($0)" } ?? ""): \(unreadable.reason)")
        }
        return store
    }

    private func loadConfig() throws -> DoctorConfig {
        let path = config ?? DoctorConfig.fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            if config != nil { throw CommandInputError(message: "cannot read config file \(path)") }
            return DoctorConfig()
        }
        return try DoctorConfig.parse(String(decoding: data, as: UTF8.self), file: path)
    }
}

extension DoctorCommand: ManifestReadingCommand {
    static let filenameHelp = "Manifests or Helm values files to check instead of the cluster: files, directories, '-' for stdin (repeatable)."
}

extension FailOn: ExpressibleByArgument {}
