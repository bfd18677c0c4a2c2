#!/bin/bash

__kubectl-serverless_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__kubectl-serverless_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__kubectl-serverless_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__kubectl-serverless_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_kubectl-serverless() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __kubectl-serverless_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    checkpoints|doctor|version|completion|help)
        # Offer subcommand argument completions
        "_kubectl-serverless_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'checkpoints doctor version completion help' -- "${cur}"))
        ;;
    esac
}

_kubectl-serverless_checkpoints() {
    repeating_flags=(--verbose -v)
    non_repeating_flags=(--insecure-skip-tls-verify --no-headers --no-color -R --recursive --azure-insecure-skip-tls-verify --version -h --help)
    repeating_options=(--as-group -f --filename)
    non_repeating_options=(--kubeconfig --context --cluster --user --namespace -n --server -s --token --certificate-authority --client-certificate --client-key --tls-server-name --as --request-timeout --scaled-job --trigger --eventhub-connection --eventhub-namespace --eventhub-name --consumer-group --storage-connection --storage-account --blob-container --checkpoint-strategy --cloud --endpoint-suffix --storage-endpoint-suffix --eventhub-endpoint --storage-endpoint --pod-identity --azure-credential --partition-info --unprocessed-event-threshold --activation-unprocessed-event-threshold --stale-partition-info-threshold --min-replicas --max-replicas --keda-version --azure-ca-file --output -o)
    __kubectl-serverless_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--kubeconfig')
        return
        ;;
    '--context')
        return
        ;;
    '--cluster')
        return
        ;;
    '--user')
        return
        ;;
    '--namespace'|'-n')
        return
        ;;
    '--server'|'-s')
        return
        ;;
    '--token')
        return
        ;;
    '--certificate-authority')
        return
        ;;
    '--client-certificate')
        return
        ;;
    '--client-key')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--as')
        return
        ;;
    '--as-group')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--scaled-job')
        return
        ;;
    '--trigger')
        return
        ;;
    '-f'|'--filename')
        return
        ;;
    '--eventhub-connection')
        return
        ;;
    '--eventhub-namespace')
        return
        ;;
    '--eventhub-name')
        return
        ;;
    '--consumer-group')
        return
        ;;
    '--storage-connection')
        return
        ;;
    '--storage-account')
        return
        ;;
    '--blob-container')
        return
        ;;
    '--checkpoint-strategy')
        return
        ;;
    '--cloud')
        return
        ;;
    '--endpoint-suffix')
        return
        ;;
    '--storage-endpoint-suffix')
        return
        ;;
    '--eventhub-endpoint')
        return
        ;;
    '--storage-endpoint')
        return
        ;;
    '--pod-identity')
        __kubectl-serverless_add_completions -W 'azure-workload'$'\n''none'
        return
        ;;
    '--azure-credential')
        __kubectl-serverless_add_completions -W 'auto'$'\n''client-secret'$'\n''workload-identity'$'\n''managed-identity'$'\n''azure-cli'
        return
        ;;
    '--partition-info')
        return
        ;;
    '--unprocessed-event-threshold')
        return
        ;;
    '--activation-unprocessed-event-threshold')
        return
        ;;
    '--stale-partition-info-threshold')
        return
        ;;
    '--min-replicas')
        return
        ;;
    '--max-replicas')
        return
        ;;
    '--keda-version')
        return
        ;;
    '--azure-ca-file')
        return
        ;;
    '--output'|'-o')
        __kubectl-serverless_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'
        return
        ;;
    esac
}

_kubectl-serverless_doctor() {
    repeating_flags=(--verbose -v)
    non_repeating_flags=(--insecure-skip-tls-verify --no-headers --no-color -R --recursive -A --all-namespaces --list-checks --version -h --help)
    repeating_options=(--as-group -f --filename --helm-values)
    non_repeating_options=(--kubeconfig --context --cluster --user --namespace -n --server -s --token --certificate-authority --client-certificate --client-key --tls-server-name --as --request-timeout --platform --only --skip --fail-on --config --output -o)
    __kubectl-serverless_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--kubeconfig')
        return
        ;;
    '--context')
        return
        ;;
    '--cluster')
        return
        ;;
    '--user')
        return
        ;;
    '--namespace'|'-n')
        return
        ;;
    '--server'|'-s')
        return
        ;;
    '--token')
        return
        ;;
    '--certificate-authority')
        return
        ;;
    '--client-certificate')
        return
        ;;
    '--client-key')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--as')
        return
        ;;
    '--as-group')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '-f'|'--filename')
        return
        ;;
    '--helm-values')
        return
        ;;
    '--platform')
        return
        ;;
    '--only')
        return
        ;;
    '--skip')
        return
        ;;
    '--fail-on')
        __kubectl-serverless_add_completions -W 'error'$'\n''warning'$'\n''info'$'\n''none'
        return
        ;;
    '--config')
        return
        ;;
    '--output'|'-o')
        __kubectl-serverless_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''sarif'$'\n''junit'
        return
        ;;
    esac
}

_kubectl-serverless_version() {
    repeating_flags=(--verbose -v)
    non_repeating_flags=(--insecure-skip-tls-verify --no-headers --no-color --version -h --help)
    repeating_options=(--as-group)
    non_repeating_options=(--output -o --kubeconfig --context --cluster --user --namespace -n --server -s --token --certificate-authority --client-certificate --client-key --tls-server-name --as --request-timeout)
    __kubectl-serverless_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        __kubectl-serverless_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--context')
        return
        ;;
    '--cluster')
        return
        ;;
    '--user')
        return
        ;;
    '--namespace'|'-n')
        return
        ;;
    '--server'|'-s')
        return
        ;;
    '--token')
        return
        ;;
    '--certificate-authority')
        return
        ;;
    '--client-certificate')
        return
        ;;
    '--client-key')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--as')
        return
        ;;
    '--as-group')
        return
        ;;
    '--request-timeout')
        return
        ;;
    esac
}

_kubectl-serverless_completion() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __kubectl-serverless_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    bash|zsh|fish|install-kubectl-helper)
        # Offer subcommand argument completions
        "_kubectl-serverless_completion_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'bash zsh fish install-kubectl-helper' -- "${cur}"))
        ;;
    esac
}

_kubectl-serverless_completion_bash() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __kubectl-serverless_offer_flags_options 0
}

_kubectl-serverless_completion_zsh() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __kubectl-serverless_offer_flags_options 0
}

_kubectl-serverless_completion_fish() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __kubectl-serverless_offer_flags_options 0
}

_kubectl-serverless_completion_install-kubectl-helper() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--dir)
    __kubectl-serverless_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--dir')
        __kubectl-serverless_add_completions -d
        return
        ;;
    esac
}

_kubectl-serverless_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __kubectl-serverless_offer_flags_options -1
}

complete -o filenames -F _kubectl-serverless kubectl-serverless
