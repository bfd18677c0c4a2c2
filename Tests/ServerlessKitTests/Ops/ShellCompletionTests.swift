import Foundation
import Testing
@testable import ServerlessKit

/// The committed standalone scripts (swift-argument-parser's), loaded into the real shells with
/// the built binary on PATH.
@Suite("Completion: the bash, zsh and fish scripts in real shells", .enabled(if: Ops.binary != nil))
struct ShellCompletionTests {
    static let script = Ops.repository.appendingPathComponent("completions")

    func environment() throws -> [String: String] {
        Ops.environment(path: try Ops.pluginPath())
    }

    /// Calls the bash completion function the way `complete -F` does, for the words of `line`
    /// (the last one being completed; a trailing space means an empty word).
    func bash(_ line: String) throws -> [String] {
        var words = line.split(separator: " ").map(String.init)
        if line.hasSuffix(" ") { words.append("") }
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source "\(Self.script.path)/kubectl-serverless.bash"
            COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(\(quoted)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _kubectl-serverless kubectl-serverless "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try Ops.run("/bin/bash", ["--norc", "--noprofile", "-c", program], environment: try environment())
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// Drives an interactive zsh in a pseudo-terminal (zsh/zpty): compinit with the script on
    /// fpath, then TAB after `line`; a compadd wrapper reports every match it is given.
    func zsh(_ line: String) throws -> [String] {
        let harness = try Ops.temporaryDirectory().appendingPathComponent("capture.zsh")
        try #"""
            zmodload zsh/zpty
            zpty z 'zsh -f -i'
            zpty -w z "PS1='' PROMPT='' RPROMPT=''; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
            zpty -w z 'compadd() { if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -O __m "$@"; print -rl -- ${${__m/#/MATCH<}/%/>} >/dev/tty; builtin compadd "$@"; }'
            zpty -w z "$2"$'\t'
            zpty -w z $'\C-u print -r -- "END"\n'
            local out chunk
            integer tries=0
            while (( tries++ < 400 )); do
              if zpty -r -t z chunk; then out+=$chunk; [[ $out == *END$'\r'* ]] && break; else sleep 0.05; fi
            done
            print -r -- "$out" | tr -d '\r' | grep -av compadd | grep -ao 'MATCH<[^>]*>' | sed 's/^MATCH<//; s/>$//' | sort -u
            zpty -d z
            """#.write(to: harness, atomically: true, encoding: .utf8)
        let result = try Ops.run("/usr/bin/env", ["zsh", "-f", harness.path, Self.script.path, line], environment: try environment())
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func fish(_ line: String) throws -> [String] {
        let program = "source '\(Self.script.path)/kubectl-serverless.fish'; complete -C '\(line)'"
        let result = try Ops.run("/usr/bin/env", ["fish", "--no-config", "-c", program], environment: try environment())
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
    }

    func expectCompletes(_ complete: (String) throws -> [String]) throws {
        let tree = try Ops.tree()
        let root = try complete("kubectl-serverless ")
        for sub in tree.visibleSubcommands { #expect(root.contains(sub.commandName), "\(sub.commandName) in \(root)") }
        #expect(!root.contains("__complete") && !root.contains("__manual"))
        #expect(Set(try complete("kubectl-serverless completion ")).isSuperset(of: ["bash", "zsh", "fish", "install-kubectl-helper"]))
        #expect(Set(try complete("kubectl-serverless version -o ")) == ["text", "json"])
        #expect(try complete("kubectl-serverless completion install-kubectl-helper --").contains("--dir"))
    }

    @Test(.enabled(if: Ops.which("bash") != nil)) func bashScript() throws { try expectCompletes(bash) }
    @Test(.enabled(if: Ops.which("zsh") != nil)) func zshScript() throws { try expectCompletes(zsh) }
    @Test(.enabled(if: Ops.which("fish") != nil)) func fishScript() throws { try expectCompletes(fish) }
}
