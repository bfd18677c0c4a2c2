# bash completion for kubectl-serverless: every candidate comes from the binary itself
# (`kubectl-serverless __complete WORD...`, last line `:DIRECTIVE` as in Cobra).
_kubectl_serverless() {
    local line=${COMP_LINE:0:COMP_POINT} words out directive cur prefix i
    read -r -a words <<< "$line"
    [[ $line == *[[:space:]] || ${#words[@]} -eq 0 ]] && words+=("")
    cur=${words[${#words[@]}-1]}
    out=$("${words[0]}" __complete "${words[@]:1}" 2>/dev/null) || return 0
    directive=${out##*:}
    out=${out%:*}
    [[ $directive =~ ^[0-9]+$ ]] || directive=0
    # Readline replaces only the text after the last word-break character (= : ...).
    prefix=${cur%"${cur##*[${COMP_WORDBREAKS//[[:space:]]/}]}"}
    COMPREPLY=()
    if (( directive & 16 )); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "${cur#"$prefix"}")
    elif (( directive & 8 )); then
        compopt -o filenames 2>/dev/null
        local ext pattern=""
        while IFS= read -r ext; do [[ -n $ext ]] && pattern+="${pattern:+|}*.$ext"; done <<< "$out"
        mapfile -t COMPREPLY < <(compgen -d -- "${cur#"$prefix"}"; compgen -f -X "!@($pattern)" -- "${cur#"$prefix"}")
    else
        while IFS= read -r i; do
            i=${i%%$'\t'*}
            [[ -n $i && $i == "$cur"* ]] && COMPREPLY+=("${i#"$prefix"}")
        done <<< "$out"
        if (( ${#COMPREPLY[@]} == 0 && !(directive & 4) )); then
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "${cur#"$prefix"}")
        fi
    fi
    (( directive & 2 )) && compopt -o nospace 2>/dev/null
    return 0
}
shopt -s extglob
complete -F _kubectl_serverless kubectl-serverless
