import ArgumentParser
import Foundation
import ServerlessIO
import ServerlessInspect
import ServerlessKEDA
import ServerlessKubernetes
import ServerlessSupport

struct Checkpoints: AsyncParsableCommand {
    // Named here, not derived: swift-argument-parser would print the type's name by reflection at every parse.
    static let configuration = CommandConfiguration(
        commandName: "checkpoints",
        abstract: "Show the Event Hub checkpoints KEDA reads, and its unprocessed-event count, partition by partition.",
        discussion: """
            Reads an Event Hub consumer's checkpoints from Azure Blob Storage over REST, shows which blob KEDA's \
            azure-eventhub scaler reads for every partition and whether it exists, and computes the unprocessed \
            event count, the metric and the replica count exactly as KEDA does.

            Settings come from a ScaledObject (or ScaledJob) in the cluster or in -f manifests, then from flags \
            (a flag overrides what the object says), then from AZURE_STORAGE_CONNECTION_STRING and \
            AZURE_EVENTHUB_CONNECTION_STRING. Only GET and HEAD requests are sent, and the token requests of \
            Entra ID.

            The table starts with a line naming the object, trigger, hub, consumer group, account and \
            container, and ends with the summary and the near misses; with --no-headers only the rows go to \
            stdout. A failure that hits every partition is said once, with what fixes it. Without \
            --request-timeout no request stalls longer than 30 seconds and the command ends within 2 minutes, \
            naming what was still pending; on a terminal a progress line shows after a second.

            Several triggers: with -A, with -l SELECTOR, or with -n NS and no name, every azure-eventhub trigger \
            of the ScaledObjects and ScaledJobs in scope is read, one row each (NAMESPACE with -A, NAME, TRIGGER, \
            HUB, CONSUMER GROUP, the partitions per status, UNPROCESSED, METRIC, DESIRED, KEDA), each resolved \
            exactly as naming it would (its own Secrets, env, TriggerAuthentication, KEDA version). A trigger that \
            cannot be read is a row with its error; -o json is a CheckpointReportList. Triggers sharing a container \
            or a hub share the requests: a container is listed once per round, Event Hubs asked once per hub and \
            consumer group, with at most 64 requests in flight. The exit status is the worst trigger's.

            Manifests: -f PATH without a name reads every azure-eventhub trigger in the files (-R: in the \
            directories below too), one row each, each resolved through the Secrets, ConfigMaps, \
            TriggerAuthentications and workloads of the same files exactly as naming it with -f would; no cluster \
            is read. Manifests without a namespace go where kubectl apply -f would put them (-n, else the \
            context's namespace, else default). Without -n every namespace in the files is read, as with -A; -n \
            keeps that namespace's triggers, -l those whose labels match. When the files hold exactly one trigger \
            (and neither -A nor -l is given), its own report is printed, as naming it would. Under -w the files are \
            read once and each round reads the checkpoints again.

            Watching: -w reads again every --interval (10s) until interrupted, like kubectl get -w: the table \
            again for one object, new rows for several, with IN/S (events arriving per second), DONE/S (events \
            checkpointed per second) and DRAIN (time until nothing is unprocessed at those rates, - when not \
            draining). -o json prints one document per round per line, -o yaml documents separated by ---. Later \
            rounds reuse the connections and resolve an object again only when it changed. Ctrl-C or SIGTERM \
            ends it with the last round's exit status.

            Entra ID / workload identity: when the trigger's TriggerAuthentication has podIdentity provider \
            azure-workload (or with --pod-identity azure-workload), KEDA reaches storage by storageAccountName \
            (https://ACCOUNT.blob.<storage suffix>) and Event Hubs by eventHubNamespace.<suffix> with tokens. This \
            command then reads with a token of its own, from the first configured source in DefaultAzureCredential's \
            order: a client secret (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET), workload identity \
            (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE), a managed identity (IDENTITY_ENDPOINT \
            and IDENTITY_HEADER, else IMDS), the Azure CLI ('az login'). --azure-credential names one, which is \
            then used even where connection strings exist; AZURE_AUTHORITY_HOST sets the authority of other \
            clouds. The identity needs the Storage Blob Data Reader role on the account and Azure Event Hubs Data \
            Receiver on the hub. A token is asked for once per service and run, sent only over HTTPS, and never \
            shown; -v names its source.

            Examples:
              # A ScaledObject's trigger, as read from the cluster
              kubectl serverless checkpoints orders-scaler -n fn
              # Every setting from flags, no cluster
              kubectl serverless checkpoints --eventhub-connection "$EH" \\
                --storage-connection "$ST" --blob-container checkpoints \\
                --checkpoint-strategy blobMetadata
              # As KEDA 2.15.1 computes it, for a script
              kubectl serverless checkpoints orders-scaler -n fn \\
                --keda-version 2.15.1 -o json
              # Every Event Hub consumer in the cluster, largest backlog first
              kubectl serverless checkpoints -A --sort-by unprocessed
              # A team's consumers, live, with their rates
              kubectl serverless checkpoints -n fn -l team=orders -w --interval 5s
              # Every Event Hub consumer of a GitOps repository, KEDA's view of each
              kubectl serverless checkpoints -f k8s/ -R
              # A ScaledJob's trigger
              kubectl serverless checkpoints sj/billing-job -n billing
              # Workload identity (podIdentity azure-workload), read with your 'az login'
              kubectl serverless checkpoints wi-scaler -n fn --azure-credential azure-cli
              # From flags, signed in as a service principal (AZURE_CLIENT_SECRET)
              kubectl serverless checkpoints --pod-identity azure-workload \\
                --storage-account ordersstore --eventhub-namespace orders-ns \\
                --eventhub-name orders --blob-container checkpoints

            Exit status: 0 all partitions ok; 1 a partition is missing, mismatched or invalid; \
            2 usage or configuration error; 3 a request failed.
            """)

    @OptionGroup(title: "Kubernetes") var global: GlobalOptions
    @OptionGroup(title: "Checkpoint source") var source: CheckpointSourceOptions
    @OptionGroup(title: "Several triggers, watching") var scope: CheckpointScopeOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(CheckpointReport.formatHelp))
    var output: OutputOption<CheckpointReport> = .init()

    func run() async throws {
        let source = try self.source.normalizingObjectForm()
        let many = scope.readsMany(source: source, global: global)
        try scope.validate(source: source, many: many)
        let tracker = RequestTracker()
        let target = try await CheckpointTarget.choose(global: global, source: source, scope: scope, many: many, tracker: tracker)
        guard case let .one(runner) = target, !scope.watch else {
            return try await CheckpointWatch(global: global, scope: scope, output: output.format, tracker: tracker).run(target)
        }
        // A progress line only for people at a terminal, never in a document meant for a program.
        let progress = output.format.isForPeople ? ProgressLine.start(tracker) : nil
        defer { progress?.stop() }
        // Without --request-timeout the whole command is bounded, saying what was still pending.
        let report = try await global.timeout() == nil
            ? CommandDeadline(limit: CommandDeadline.withoutRequestTimeout, tracker: tracker).run { try await runner.report() }
            : runner.report()
        progress?.stop()
        try Terminal.show(report, as: output.format, Terminal.printSettings(global))
    }
}

extension Checkpoints: ManifestReadingCommand {
    static let filenameHelp = "Read the ScaledObject and what it refers to from manifest files or directories instead of the cluster ('-' for stdin; repeatable); without a name, every azure-eventhub trigger in them."
}

/// Where the trigger's settings come from, and every setting as a flag with KEDA's metadata name behind it.
struct CheckpointSourceOptions: ParsableArguments {
    @Argument(help: "The ScaledObject whose azure-eventhub trigger to inspect: NAME, so/NAME or sj/NAME (a ScaledJob); none with -A, -l, -n or -f reads them all.")
    var scaledObject: String?

    @Option(name: .customLong("scaled-job"), help: "Inspect a ScaledJob's trigger instead of a ScaledObject's.")
    var scaledJob: String?

    @Option(help: "Which azure-eventhub trigger, when there are several: its index (from 0) or its name.")
    var trigger: String?

    @OptionGroup var manifests: ManifestFlags<Checkpoints>
    // The runner's names for them.
    var filenames: [String] { manifests.filenames }
    var recursive: Bool { manifests.recursive }

    @Option(name: .customLong("eventhub-connection"), help: "Event Hubs connection string (trigger: connection).")
    var eventHubConnection: String?

    @Option(name: .customLong("eventhub-namespace"), help: "Event Hubs namespace, short name (trigger: eventHubNamespace).")
    var eventHubNamespace: String?

    @Option(name: .customLong("eventhub-name"), help: "Event hub name (trigger: eventHubName).")
    var eventHubName: String?

    @Option(name: .customLong("consumer-group"), help: "Consumer group (trigger: consumerGroup; KEDA's default $Default).")
    var consumerGroup: String?

    @Option(name: .customLong("storage-connection"), help: "Storage connection string (trigger: storageConnection).")
    var storageConnection: String?

    @Option(name: .customLong("storage-account"), help: "Storage account name (trigger: storageAccountName).")
    var storageAccount: String?

    @Option(name: .customLong("blob-container"), help: "Checkpoint container (trigger: blobContainer).")
    var blobContainer: String?

    @Option(name: .customLong("checkpoint-strategy"),
            help: ArgumentHelp(CheckpointStrategy.helpText))
    var checkpointStrategy: String?

    @Option(help: "Azure cloud: AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud, AzureGermanCloud or Private (trigger: cloud).")
    var cloud: String?

    @Option(name: .customLong("endpoint-suffix"), help: "Service Bus endpoint suffix for a Private cloud (trigger: endpointSuffix).")
    var endpointSuffix: String?

    @Option(name: .customLong("storage-endpoint-suffix"), help: "Storage endpoint suffix for a Private cloud (trigger: storageEndpointSuffix).")
    var storageEndpointSuffix: String?

    @Option(name: .customLong("eventhub-endpoint"), help: "Base URL of the Event Hubs REST endpoint, for private clouds, proxies and tests.")
    var eventHubEndpoint: String?

    @Option(name: .customLong("storage-endpoint"), help: "Base URL of the blob endpoint when reading with an Entra ID token (default https://ACCOUNT.blob.<storage suffix>), for private endpoints and tests.")
    var storageEndpoint: String?

    @Option(name: .customLong("pod-identity"),
            help: "KEDA's podIdentity provider for flags-only use: azure-workload reaches storage by --storage-account and Event Hubs by --eventhub-namespace with Entra ID tokens.",
            completion: .list(["azure-workload", "none"]))
    var podIdentity: String?

    @Option(name: .customLong("azure-credential"),
            help: "Where this command's own Entra ID token comes from: auto (the first configured: client secret, workload identity, managed identity, Azure CLI), client-secret, workload-identity, managed-identity or azure-cli. A named source is used even where a connection string exists.",
            completion: .list(AzureCredentialChoice.names))
    var azureCredential: String = "auto"

    @Option(name: .customLong("partition-info"),
            help: "Partition runtime info as a JSON array from a file ('-' for stdin) instead of asking Event Hubs.")
    var partitionInfo: String?

    @Option(name: .customLong("unprocessed-event-threshold"), help: "Target events per replica (trigger: unprocessedEventThreshold; default 64).")
    var unprocessedEventThreshold: String?

    @Option(name: .customLong("activation-unprocessed-event-threshold"),
            help: "Events above which the workload is active (trigger: activationUnprocessedEventThreshold; default 0).")
    var activationUnprocessedEventThreshold: String?

    @Option(name: .customLong("stale-partition-info-threshold"),
            help: "KEDA's stalePartitionInfoThreshold (default 10000).")
    var stalePartitionInfoThreshold: String?

    @Option(name: .customLong("min-replicas"), help: "Minimum replica count (ScaledObject minReplicaCount; default 0).")
    var minReplicas: Int64?

    @Option(name: .customLong("max-replicas"), help: "Maximum replica count (ScaledObject maxReplicaCount).")
    var maxReplicas: Int64?

    @Option(name: .customLong("keda-version"), help: "Reproduce this KEDA release (2.15.1), or main (unreleased). Default: the KEDA operator found in the cluster or -f inputs, else the newest release.")
    var kedaVersion: String?

    @Option(name: .customLong("azure-ca-file"), help: "Trust this CA bundle for storage and Event Hubs endpoints.")
    var azureCAFile: String?

    @Flag(name: .customLong("azure-insecure-skip-tls-verify"),
          help: "Do not verify storage and Event Hubs certificates. This makes those connections insecure.")
    var azureInsecureSkipTLSVerify = false

    /// What the flags set, for the request: they override the ScaledObject's settings.
    var requestFlags: CheckpointRequest.Flags {
        CheckpointRequest.Flags(metadata: metadataOverrides, podIdentity: podIdentity, eventHubConnection: eventHubConnection,
                                storageConnection: storageConnection, minReplicas: minReplicas.map { Int($0) },
                                maxReplicas: maxReplicas.map { Int($0) })
    }

    /// How storage and Event Hubs are reached; `--partition-info` is read when the inspection asks for it.
    var access: CheckpointAccessOptions {
        let path = partitionInfo
        return CheckpointAccessOptions(
            azureCredential: azureCredential, storageEndpoint: storageEndpoint, eventHubEndpoint: eventHubEndpoint,
            partitionInfo: path.map { path in
                { @Sendable in try PartitionInfoFile.parse(try InputFile.read(path), source: path == "-" ? "--partition-info (stdin)" : path) }
            })
    }

    /// Trigger metadata the flags set, under KEDA's names; these override the ScaledObject's.
    var metadataOverrides: [String: String] {
        let pairs: [(String, String?)] = [
            ("eventHubNamespace", eventHubNamespace), ("eventHubName", eventHubName),
            ("consumerGroup", consumerGroup), ("storageAccountName", storageAccount),
            ("blobContainer", blobContainer), ("checkpointStrategy", checkpointStrategy),
            ("cloud", cloud), ("endpointSuffix", endpointSuffix), ("storageEndpointSuffix", storageEndpointSuffix),
            ("unprocessedEventThreshold", unprocessedEventThreshold),
            ("activationUnprocessedEventThreshold", activationUnprocessedEventThreshold),
            ("stalePartitionInfoThreshold", stalePartitionInfoThreshold),
        ]
        var map: [String: String] = [:]
        for (key, value) in pairs { if let value { map[key] = value } }
        return map
    }
}
