# fish completion for kubectl-serverless: every candidate comes from the binary itself
# (`kubectl-serverless __complete WORD...`, last line `:DIRECTIVE` as in Cobra).
function __kubectl_serverless_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l out ($tokens[1] __complete $tokens[2..-1] $current 2>/dev/null)
    or return
    set -l directive (string replace -r '^:' '' -- $out[-1])
    string match -qr '^[0-9]+$' -- $directive; or set directive 0
    set -e out[-1]
    if test (math "floor($directive / 16) % 2") -eq 1
        __fish_complete_directories $current
    else if test (math "floor($directive / 8) % 2") -eq 1
        __fish_complete_suffix .$out
    else if test (count $out) -gt 0
        printf '%s\n' $out
    else if test (math "floor($directive / 4) % 2") -eq 0
        __fish_complete_path $current
    end
end
complete -c kubectl-serverless -f -a '(__kubectl_serverless_complete)'
