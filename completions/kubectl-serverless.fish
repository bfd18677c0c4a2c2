function __kubectl-serverless_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kubectl-serverless_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kubectl-serverless_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kubectl-serverless_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kubectl-serverless_parse_tokens -S
    set -l unparsed_tokens (__kubectl-serverless_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kubectl-serverless'
        __kubectl-serverless_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'checkpoints'
            __kubectl-serverless_parse_subcommand 1 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 's/server=' 'token=' 'certificate-authority=' 'client-certificate=' 'client-key=' 'tls-server-name=' 'insecure-skip-tls-verify' 'as=' 'as-group=+' 'request-timeout=' 'no-headers' 'no-color' 'v/verbose' 'scaled-job=' 'trigger=' 'f/filename=+' 'R/recursive' 'eventhub-connection=' 'eventhub-namespace=' 'eventhub-name=' 'consumer-group=' 'storage-connection=' 'storage-account=' 'blob-container=' 'checkpoint-strategy=' 'cloud=' 'endpoint-suffix=' 'storage-endpoint-suffix=' 'eventhub-endpoint=' 'partition-info=' 'unprocessed-event-threshold=' 'activation-unprocessed-event-threshold=' 'stale-partition-info-threshold=' 'min-replicas=' 'max-replicas=' 'keda-version=' 'azure-ca-file=' 'azure-insecure-skip-tls-verify' 'o/output=' 'version' 'h/help'
        case 'doctor'
            __kubectl-serverless_parse_subcommand 0 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 's/server=' 'token=' 'certificate-authority=' 'client-certificate=' 'client-key=' 'tls-server-name=' 'insecure-skip-tls-verify' 'as=' 'as-group=+' 'request-timeout=' 'no-headers' 'no-color' 'v/verbose' 'f/filename=+' 'R/recursive' 'helm-values=+' 'A/all-namespaces' 'platform=' 'only=' 'skip=' 'fail-on=' 'config=' 'list-checks' 'o/output=' 'version' 'h/help'
        case 'version'
            __kubectl-serverless_parse_subcommand 0 'o/output=' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 's/server=' 'token=' 'certificate-authority=' 'client-certificate=' 'client-key=' 'tls-server-name=' 'insecure-skip-tls-verify' 'as=' 'as-group=+' 'request-timeout=' 'no-headers' 'no-color' 'v/verbose' 'version' 'h/help'
        case 'completion'
            __kubectl-serverless_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'bash'
                __kubectl-serverless_parse_subcommand 0 'version' 'h/help'
            case 'zsh'
                __kubectl-serverless_parse_subcommand 0 'version' 'h/help'
            case 'fish'
                __kubectl-serverless_parse_subcommand 0 'version' 'h/help'
            case 'install-kubectl-helper'
                __kubectl-serverless_parse_subcommand 0 'dir=' 'version' 'h/help'
            end
        case 'help'
            __kubectl-serverless_parse_subcommand -r 1 'version'
        end
    end
end

function __kubectl-serverless_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kubectl-serverless_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __kubectl-serverless_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kubectl-serverless_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kubectl-serverless_tokens -p)
    if test -z "$(__kubectl-serverless_tokens -t)"
        set -l index (count (__kubectl-serverless_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kubectl-serverless' -f
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless" -eq 1' -fa 'checkpoints' -d 'Show the Event Hub checkpoints KEDA reads, and its unprocessed-event count, partition by partition.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless" -eq 1' -fa 'doctor' -d 'Find the misconfigurations that break Azure Functions containers, KEDA, Fission and OpenWhisk.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless" -eq 1' -fa 'version' -d 'Print the plugin\'s version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless" -eq 1' -fa 'completion' -d 'Print a shell completion script, or install kubectl\'s completion helper.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" n namespace' -l 'namespace' -s 'n' -d 'The namespace scope for this request.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" s server' -l 'server' -s 's' -d 'The address and port of the Kubernetes API server.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" token' -l 'token' -d 'Bearer token for authentication to the API server.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" certificate-authority' -l 'certificate-authority' -d 'Path to a cert file for the certificate authority.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" client-certificate' -l 'client-certificate' -d 'Path to a client certificate file for TLS.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" client-key' -l 'client-key' -d 'Path to a client key file for TLS.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" tls-server-name' -l 'tls-server-name' -d 'Server name to use for server certificate validation.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the API server\'s certificate. This makes your HTTPS connections insecure.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" as' -l 'as' -d 'Username to impersonate for the operation.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints"' -l 'as-group' -d 'Group to impersonate for the operation (repeatable).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" request-timeout' -l 'request-timeout' -d 'Bound on every remote request (API server, storage, Event Hubs): 30s, 1m, 0 for none.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" no-headers' -l 'no-headers' -d 'Print tables without headers.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" no-color' -l 'no-color' -d 'Never colour the output (NO_COLOR does the same).'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints"' -l 'verbose' -s 'v' -d 'Log requests and timings to stderr; repeat for more detail. Never shows secrets.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" scaled-job' -l 'scaled-job' -d 'Inspect a ScaledJob\'s trigger instead of a ScaledObject\'s.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" trigger' -l 'trigger' -d 'Which azure-eventhub trigger, when there are several: its index (from 0) or its name.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints"' -s 'f' -l 'filename' -d 'Read the ScaledObject and what it refers to from manifest files or directories instead of the cluster (\'-\' for stdin; repeatable).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" R recursive' -s 'R' -l 'recursive' -d 'Read directories given with -f recursively.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" eventhub-connection' -l 'eventhub-connection' -d 'Event Hubs connection string (trigger: connection).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" eventhub-namespace' -l 'eventhub-namespace' -d 'Event Hubs namespace, short name (trigger: eventHubNamespace).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" eventhub-name' -l 'eventhub-name' -d 'Event hub name (trigger: eventHubName).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" consumer-group' -l 'consumer-group' -d 'Consumer group (trigger: consumerGroup; KEDA\'s default $Default).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" storage-connection' -l 'storage-connection' -d 'Storage connection string (trigger: storageConnection).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" storage-account' -l 'storage-account' -d 'Storage account name (trigger: storageAccountName).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" blob-container' -l 'blob-container' -d 'Checkpoint container (trigger: blobContainer).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" checkpoint-strategy' -l 'checkpoint-strategy' -d 'azureFunction|blobMetadata|goSdk|dapr, or "" (trigger: checkpointStrategy; any other value is passed on as KEDA would take it).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" cloud' -l 'cloud' -d 'Azure cloud: AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud, AzureGermanCloud or Private (trigger: cloud).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" endpoint-suffix' -l 'endpoint-suffix' -d 'Service Bus endpoint suffix for a Private cloud (trigger: endpointSuffix).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" storage-endpoint-suffix' -l 'storage-endpoint-suffix' -d 'Storage endpoint suffix for a Private cloud (trigger: storageEndpointSuffix).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" eventhub-endpoint' -l 'eventhub-endpoint' -d 'Base URL of the Event Hubs REST endpoint, for private clouds, proxies and tests.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" partition-info' -l 'partition-info' -d 'Partition runtime info as a JSON array from a file (\'-\' for stdin) instead of asking Event Hubs.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" unprocessed-event-threshold' -l 'unprocessed-event-threshold' -d 'Target events per replica (trigger: unprocessedEventThreshold; default 64).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" activation-unprocessed-event-threshold' -l 'activation-unprocessed-event-threshold' -d 'Events above which the workload is active (trigger: activationUnprocessedEventThreshold; default 0).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" stale-partition-info-threshold' -l 'stale-partition-info-threshold' -d 'KEDA\'s stalePartitionInfoThreshold (default 10000).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" min-replicas' -l 'min-replicas' -d 'Minimum replica count (ScaledObject minReplicaCount; default 0).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" max-replicas' -l 'max-replicas' -d 'Maximum replica count (ScaledObject maxReplicaCount).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" keda-version' -l 'keda-version' -d 'Reproduce this KEDA release (2.15.1), or main (unreleased). Default: the KEDA operator found in the cluster or -f inputs, else the newest release.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" azure-ca-file' -l 'azure-ca-file' -d 'Trust this CA bundle for storage and Event Hubs endpoints.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" azure-insecure-skip-tls-verify' -l 'azure-insecure-skip-tls-verify' -d 'Do not verify storage and Event Hubs certificates. This makes those connections insecure.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" o output' -l 'output' -s 'o' -d 'Output format: table, wide, json or yaml.' -rfka 'table wide json yaml'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless checkpoints" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" n namespace' -l 'namespace' -s 'n' -d 'The namespace scope for this request.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" s server' -l 'server' -s 's' -d 'The address and port of the Kubernetes API server.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" token' -l 'token' -d 'Bearer token for authentication to the API server.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" certificate-authority' -l 'certificate-authority' -d 'Path to a cert file for the certificate authority.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" client-certificate' -l 'client-certificate' -d 'Path to a client certificate file for TLS.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" client-key' -l 'client-key' -d 'Path to a client key file for TLS.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" tls-server-name' -l 'tls-server-name' -d 'Server name to use for server certificate validation.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the API server\'s certificate. This makes your HTTPS connections insecure.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" as' -l 'as' -d 'Username to impersonate for the operation.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor"' -l 'as-group' -d 'Group to impersonate for the operation (repeatable).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" request-timeout' -l 'request-timeout' -d 'Bound on every remote request (API server, storage, Event Hubs): 30s, 1m, 0 for none.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" no-headers' -l 'no-headers' -d 'Print tables without headers.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" no-color' -l 'no-color' -d 'Never colour the output (NO_COLOR does the same).'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor"' -l 'verbose' -s 'v' -d 'Log requests and timings to stderr; repeat for more detail. Never shows secrets.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor"' -s 'f' -l 'filename' -d 'Manifests or Helm values files to check instead of the cluster: files, directories, \'-\' for stdin (repeatable).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" R recursive' -s 'R' -l 'recursive' -d 'Read directories given with -f recursively.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor"' -l 'helm-values' -d 'A Helm values file of a known chart: CHART=FILE (openwhisk, fission, keda; repeatable).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'Check every namespace.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" platform' -l 'platform' -d 'Only these platforms, comma-separated: azure-functions|keda|fission|openwhisk|general (default: all that are found; general checks only what the platforms own).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" only' -l 'only' -d 'Run only these check ids (comma-separated).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" skip' -l 'skip' -d 'Skip these check ids (comma-separated).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at or above: error, warning, info or none (default error).' -rfka 'error warning info none'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" config' -l 'config' -d 'Config file (default: .kubectl-serverless.yaml when present).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" list-checks' -l 'list-checks' -d 'Print the check catalogue instead of checking.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" o output' -l 'output' -s 'o' -d 'Output format: table, wide, json, yaml, sarif or junit.' -rfka 'table wide json yaml sarif junit'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" o output' -l 'output' -s 'o' -d 'Output format: text|json.' -rfka 'text json'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" n namespace' -l 'namespace' -s 'n' -d 'The namespace scope for this request.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" s server' -l 'server' -s 's' -d 'The address and port of the Kubernetes API server.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" token' -l 'token' -d 'Bearer token for authentication to the API server.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" certificate-authority' -l 'certificate-authority' -d 'Path to a cert file for the certificate authority.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" client-certificate' -l 'client-certificate' -d 'Path to a client certificate file for TLS.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" client-key' -l 'client-key' -d 'Path to a client key file for TLS.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" tls-server-name' -l 'tls-server-name' -d 'Server name to use for server certificate validation.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the API server\'s certificate. This makes your HTTPS connections insecure.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" as' -l 'as' -d 'Username to impersonate for the operation.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version"' -l 'as-group' -d 'Group to impersonate for the operation (repeatable).' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" request-timeout' -l 'request-timeout' -d 'Bound on every remote request (API server, storage, Event Hubs): 30s, 1m, 0 for none.' -rfka ''
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" no-headers' -l 'no-headers' -d 'Print tables without headers.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" no-color' -l 'no-color' -d 'Never colour the output (NO_COLOR does the same).'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version"' -l 'verbose' -s 'v' -d 'Log requests and timings to stderr; repeat for more detail. Never shows secrets.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless completion" -eq 1' -fa 'bash' -d 'Print the bash completion script for kubectl-serverless.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless completion" -eq 1' -fa 'zsh' -d 'Print the zsh completion script for kubectl-serverless.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless completion" -eq 1' -fa 'fish' -d 'Print the fish completion script for kubectl-serverless.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless completion" -eq 1' -fa 'install-kubectl-helper' -d 'Install kubectl_complete-serverless, which kubectl 1.26+ runs to complete `kubectl serverless`.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion bash" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion bash" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion zsh" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion zsh" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion fish" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion fish" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion install-kubectl-helper" dir' -l 'dir' -d 'Directory to write kubectl_complete-serverless into (default: beside the plugin).' -rfa '(__kubectl-serverless_complete_directories)'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion install-kubectl-helper" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless completion install-kubectl-helper" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless help" version' -l 'version' -d 'Show the version.'
