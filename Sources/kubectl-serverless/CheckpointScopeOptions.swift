import ArgumentParser
import ServerlessInspect
import ServerlessKubernetes

/// Which triggers `checkpoints` reads when it reads more than one, and `--watch`.
struct CheckpointScopeOptions: ParsableArguments {
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")],
          help: "Inspect every azure-eventhub trigger of the ScaledObjects and ScaledJobs in all namespaces (of the cluster, or of the -f manifests), one row each.")
    var allNamespaces = false

    @Option(name: [.customShort("l"), .customLong("selector")],
            help: "Inspect the azure-eventhub triggers of the ScaledObjects and ScaledJobs with these labels (key=value, key!=value, key in (a,b), !key), in the cluster or the -f manifests.")
    var selector: String?

    @Option(name: .customLong("sort-by"), help: "Row order when several triggers are read: name, namespace, or unprocessed (largest backlog first).")
    var sortBy: CheckpointReportList.SortKey = .name

    @Flag(name: [.customShort("w"), .customLong("watch")],
          help: "Read again every --interval until interrupted, adding the rates between rounds: IN/S, DONE/S and DRAIN.")
    var watch = false

    @Option(help: "Time between --watch rounds, as kubectl writes durations (10s, 1m); must be above zero.")
    var interval: String = "10s"

    /// No object named and `-A`, `-l`, `-f`, or `-n` without settings given as flags: every trigger in scope.
    func readsMany(source: CheckpointSourceOptions, global: GlobalOptions) -> Bool {
        guard source.scaledObject == nil, source.scaledJob == nil else { return false }
        if allNamespaces || selector != nil || !source.filenames.isEmpty { return true }
        return global.namespace != nil && source.eventHubConnection == nil
            && source.storageConnection == nil && source.storageAccount == nil && source.partitionInfo == nil
    }

    /// The flags that cannot go together, checked before anything is read.
    func validate(source: CheckpointSourceOptions, many: Bool) throws {
        if allNamespaces || selector != nil {
            if source.scaledObject != nil || source.scaledJob != nil {
                throw CommandInputError(message: "-A and -l select many objects: do not name one as well")
            }
        }
        if many, source.trigger != nil { throw CommandInputError(message: "--trigger picks a trigger of one object: name the object") }
        if let selector { try LabelSelector.validate(selector) }
        if watch { _ = try watchInterval() }
    }

    /// The namespace whose triggers are read; nil: every namespace. In a cluster `-n`, else the context's, as
    /// `kubectl get`; in manifests `-n` only, as the doctor reads them: without it, every namespace in the files
    /// (namespace-less manifests placed in `-n`'s, else the context's, else `default`).
    func namespace(in objects: ScalableObjectSource, global: GlobalOptions) -> String? {
        if allNamespaces { return nil }
        if case .manifests = objects { return global.namespace }
        return objects.namespace
    }

    /// `--interval` as a duration; zero, negative or unreadable is exit 2.
    func watchInterval() throws -> Duration {
        let parsed: Duration?
        do {
            parsed = try RequestTimeout.parse(interval)
        } catch {
            throw CommandInputError(message: "invalid --interval \"\(interval)\": want a duration above zero such as 10s or 1m")
        }
        guard let parsed, parsed > .zero else {
            throw CommandInputError(message: "invalid --interval \"\(interval)\": want a duration above zero such as 10s or 1m")
        }
        return parsed
    }
}

extension CheckpointReportList.SortKey: ExpressibleByArgument {}
