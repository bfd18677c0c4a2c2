/// The bash, zsh and fish completion scripts. Each is a thin caller of the binary's own
/// `__complete` (the protocol kubectl's plugin completion speaks), so `kubectl-serverless <TAB>`
/// and `kubectl serverless <TAB>` offer the same candidates from one engine. The shell only does
/// what the directive on the answer's last line asks for: file names, directories, no space.
public enum ShellScripts {
    public enum Shell: String, CaseIterable, Sendable { case bash, zsh, fish }

    public static func script(for shell: Shell) -> String {
        switch shell {
        case .bash: bash
        case .zsh: zsh
        case .fish: fish
        }
    }

    package static let bash = #"""
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

        """#

    package static let zsh = #"""
        #compdef kubectl-serverless
        # zsh completion for kubectl-serverless: every candidate comes from the binary itself
        # (`kubectl-serverless __complete WORD...`, last line `:DIRECTIVE` as in Cobra).
        _kubectl-serverless() {
            local out directive line
            local -a lines values described
            out=$("${words[1]}" __complete "${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
            lines=("${(@f)out}")
            directive=${lines[-1]#:}
            [[ $directive == <-> ]] || directive=0
            lines=("${(@)lines[1,-2]}")
            if (( directive & 16 )); then
                _files -/
                return
            elif (( directive & 8 )); then
                _files -g "*.(${(j:|:)lines})"
                return
            fi
            for line in $lines; do
                [[ -z $line ]] && continue
                values+=("${line%%$'\t'*}")
                if [[ $line == *$'\t'* ]]; then
                    described+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
                else
                    described+=("${line//:/\\:}")
                fi
            done
            if (( ${#values} == 0 )); then
                (( directive & 4 )) || _files
                return
            fi
            local -a suffix
            (( directive & 2 )) && suffix=(-S '')
            _describe -t values 'values' described "${(@)suffix}"
        }
        if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
            _kubectl-serverless "$@"
        else
            compdef _kubectl-serverless kubectl-serverless
        fi

        """#

    package static let fish = #"""
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

        """#
}
