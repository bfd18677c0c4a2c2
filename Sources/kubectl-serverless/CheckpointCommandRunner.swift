import Foundation
import ServerlessIO
import ServerlessInspect
import ServerlessKEDA
import ServerlessKubernetes
import ServerlessSupport

/// `checkpoints`: flags -> the ScaledObject or ScaledJob they name, read from the cluster or -f manifests ->
/// a `CheckpointRequest` -> `CheckpointInspector.prepare` and `read` -> the report.
struct CheckpointCommandRunner {
    let global: GlobalOptions
    let source: CheckpointSourceOptions
    /// Counts the Azure requests, for the progress line and the command's deadline.
    var tracker: RequestTracker?
    /// Set when a listing found the object (`-A`, `-l`, `-n`, `-f` without a name): read it from there, in its
    /// own namespace. nil: the cluster or the `-f` manifests, in `-n`'s namespace.
    var listed: ListedObject?
    /// Set when this trigger is one of many (`-A`, `-l`, `--watch`): KEDA's version, the transport and the
    /// reads all triggers share.
    var shared: SharedCheckpointRun.Slot?

    /// Where a listing found an object.
    struct ListedObject: Sendable {
        let objects: ScalableObjectSource
        let namespace: String
    }

    func report() async throws -> CheckpointReport {
        try await inspect(prepare())
    }

    /// Everything before the checkpoints are read: the trigger resolved, KEDA's settings, the clients.
    func prepare() async throws -> PreparedCheckpoint {
        let environment = ProcessInfo.processInfo.environment
        let flagVersion = try kedaVersionFlag()
        let object = try CheckpointRequest.object(scaledObject: source.scaledObject, scaledJob: source.scaledJob, trigger: source.trigger)
        var read: (inputs: TriggerInputs, keda: KEDAVersionChoice)?
        if let object { read = try await inputs(kind: object.kind, name: object.name, flagVersion: flagVersion, environment: environment) }
        // Flags only: no cluster or manifests to find KEDA in.
        let keda = read?.keda ?? KEDAVersionDetector.choose(flag: flagVersion, sightings: [], from: .default)
        let request = CheckpointRequest(object: read?.inputs, keda: keda, flags: source.requestFlags, access: source.access,
                                        environment: environment)
        if let line = request.kedaWarning { warn(line, own: false) }
        for warning in request.warnings { warn(warning) }
        return try await CheckpointInspector.prepare(request, transport: transport(for:), log: global.requestLog)
    }

    /// Reads the checkpoints of a prepared trigger; a `--watch` round calls only this.
    func inspect(_ prepared: PreparedCheckpoint) async throws -> CheckpointReport {
        try await CheckpointInspector.read(prepared)
    }

    /// libcurl for storage and Event Hubs, counted by the tracker; among many triggers, the run's shared one.
    private func transport(for settings: EventHubScalerSettings) throws -> any HTTPClient {
        if let shared { return shared.run.transport(for: settings) }
        let curl = try CurlTransport(options: azureTransportOptions())
        return tracker.map { TrackedHTTPClient(curl, tracker: $0) } ?? curl
    }

    /// A warning; among many triggers it names the object when it is the object's `own`, and is said once.
    private func warn(_ line: String, own: Bool = true) {
        guard let shared else { return Terminal.warning(line) }
        shared.run.warn(own ? "\(shared.object): \(line)" : line)
    }

    /// `--keda-version`: a release (`2.15.1`) or `main`; nil when not given.
    private func kedaVersionFlag() throws -> KEDAVersion? {
        guard let text = source.kedaVersion else { return nil }
        guard let version = KEDAVersion(text) else {
            throw CommandInputError(message: "invalid --keda-version \"\(text)\": want a release such as 2.15.1, or main")
        }
        return version
    }

    /// The named object's trigger inputs, from the cluster or from -f manifests, resolved the way KEDA resolves
    /// them; with them, which KEDA to model: the flag, else the operator found where the object was read.
    private func inputs(kind: ScalableKind, name: String, flagVersion: KEDAVersion?, environment: [String: String]) async throws
        -> (inputs: TriggerInputs, keda: KEDAVersionChoice) {
        let objects = try listed?.objects ?? source.objects(global: global)
        let ref = ScalableObjectRef(kind: kind, namespace: listed?.namespace ?? objects.namespace, name: name)
        let inputs = try await objects.inputs(ref, trigger: source.trigger,
                                              clusterObjectNamespace: CheckpointRequest.clusterObjectNamespace(environment: environment))
        var found: (sightings: [KEDAOperatorSighting], unavailable: String?) = (sightings: [], unavailable: nil)
        if flagVersion == nil {
            // Several triggers ask which KEDA runs there once between them.
            if let shared { found = await shared.run.kedaOperators() } else { found = await objects.kedaOperators() }
        }
        return (inputs, KEDAVersionDetector.choose(flag: flagVersion, sightings: found.sightings, from: objects.versionSource,
                                                   unavailable: found.unavailable))
    }

    func azureTransportOptions() throws -> TransportOptions {
        if source.azureInsecureSkipTLSVerify {
            Terminal.warning("not verifying the TLS certificates of storage and Event Hubs (--azure-insecure-skip-tls-verify)")
        }
        return TransportOptions(
            tls: TLSOptions(verify: !source.azureInsecureSkipTLSVerify, caFile: source.azureCAFile),
            requestTimeout: try global.timeout(),
            log: global.requestLog)
    }
}

extension CheckpointSourceOptions {
    /// Where the objects are read: the cluster, or the `-f` manifests (read now), placed as `kubectl apply -f`
    /// places them (`-n`, else the context's namespace, else `default`).
    func objects(global: GlobalOptions) throws -> ScalableObjectSource {
        if filenames.isEmpty { return .cluster(try global.apiClient()) }
        let placement = try global.manifestPlacement()
        return .manifests(TriggerInputsSource(try ManifestInput.load(paths: filenames, recursive: recursive), placement: placement))
    }
}

/// A flag or input the command cannot use: exit 2.
struct CommandInputError: UserFacingError {
    let message: String
    var category: FailureCategory { .input }
}

/// Files named on the command line, `-` meaning stdin.
enum InputFile {
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandInputError(message: "cannot read \(path): no such file or not readable")
        }
        return Array(data)
    }
}
