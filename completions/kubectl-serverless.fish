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
        case 'version'
            __kubectl-serverless_parse_subcommand 0 'o/output=' 'version' 'h/help'
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
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless" -eq 1' -fa 'version' -d 'Print the plugin\'s version.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless" -eq 1' -fa 'completion' -d 'Print a shell completion script, or install kubectl\'s completion helper.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_positional "kubectl-serverless" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'kubectl-serverless' -n '__kubectl-serverless_should_offer_completions_for_flags_or_options "kubectl-serverless version" o output' -l 'output' -s 'o' -d 'Output format: text|json.' -rfka 'text json'
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
