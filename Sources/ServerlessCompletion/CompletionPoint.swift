/// Where the cursor is in a command line, worked out from the tree: which command the words
/// reach, what the word being completed is, and the flags already typed (so live names can use
/// the `--context`, `--kubeconfig` and `-n` the user chose). This is the argument resolution
/// SAP's shell scripts do, done once for kubectl's word-list protocol.
public struct CompletionPoint: Equatable, Sendable {
    public enum Target: Equatable, Sendable {
        /// A subcommand or a positional argument (or nothing) at this position.
        case subcommandOrPositional(positional: ArgumentInfo?)
        /// A flag name: the word starts with `-`.
        case flagName
        /// The value of an option; `wordPrefix` is what precedes the value in the same word
        /// (`--output=` or `-o`), to be kept in front of each candidate.
        case optionValue(ArgumentInfo, wordPrefix: String)
    }

    public var command: CommandInfo
    /// Subcommand words from the root to `command`.
    public var path: [String]
    public var target: Target
    /// The part of the current word that candidates must start with.
    public var prefix: String
    /// Options already typed, by long name (or short name when there is no long one).
    public var typed: [String: [String]]
    /// Flags already typed (their keys in `typed`), so they are not offered twice.
    public var used: Set<String>
    /// Every word given, the one being completed last.
    public var words: [String]
    /// How many positional words `command` has been given before the current word.
    public var positionalIndex: Int

    public init(tree root: CommandInfo, words: [String]) {
        let current = words.last ?? ""
        let before = words.dropLast()
        var command = root
        var path: [String] = []
        var positionalIndex = 0
        var typed: [String: [String]] = [:]
        var used: Set<String> = []
        var pending: ArgumentInfo?
        var afterTerminator = false

        func record(_ argument: ArgumentInfo, _ value: String?) {
            let key = Self.key(argument)
            used.insert(key)
            if let value { typed[key, default: []].append(value) }
        }

        for word in before {
            if let option = pending {
                record(option, word)
                pending = nil
                continue
            }
            if afterTerminator || word == "-" || !word.hasPrefix("-") {
                if !afterTerminator, positionalIndex == 0, let sub = command.subcommand(named: word) {
                    command = sub
                    path.append(sub.commandName)
                    continue
                }
                positionalIndex += 1
                continue
            }
            if word == "--" { afterTerminator = true; continue }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                guard let argument = command.option(long: name) else { continue }
                if argument.kind == .option {
                    if let eq = body.firstIndex(of: "=") { record(argument, String(body[body.index(after: eq)...])) }
                    else { pending = argument }
                } else {
                    record(argument, nil)
                }
                continue
            }
            // A cluster of short names: `-v`, `-vv`, `-njobs`, `-n`.
            if let argument = command.option(singleDashLong: String(word.dropFirst())) {
                if argument.kind == .option { pending = argument } else { record(argument, nil) }
                continue
            }
            var rest = Substring(word.dropFirst())
            while let letter = rest.first {
                rest = rest.dropFirst()
                guard let argument = command.option(short: letter) else { break }
                if argument.kind == .option {
                    if rest.isEmpty { pending = argument } else { record(argument, String(rest)) }
                    break
                }
                record(argument, nil)
            }
        }

        self.command = command
        self.path = path
        self.typed = typed
        self.used = used
        self.positionalIndex = positionalIndex
        self.words = words.isEmpty ? [""] : words

        if let option = pending {
            target = .optionValue(option, wordPrefix: "")
            prefix = current
        } else if !afterTerminator, current.hasPrefix("--"), let eq = current.firstIndex(of: "="),
                  let option = command.option(long: String(current[current.index(current.startIndex, offsetBy: 2)..<eq])),
                  option.kind == .option {
            let wordPrefix = String(current[...eq])
            target = .optionValue(option, wordPrefix: wordPrefix)
            prefix = String(current[current.index(after: eq)...])
        } else if !afterTerminator, current.count > 2, current.hasPrefix("-"), !current.hasPrefix("--"),
                  let option = command.option(short: current.dropFirst().first!), option.kind == .option {
            // `-ojs`: the value glued to a short option.
            target = .optionValue(option, wordPrefix: String(current.prefix(2)))
            prefix = String(current.dropFirst(2))
        } else if !afterTerminator, current.hasPrefix("-") {
            target = .flagName
            prefix = current
        } else {
            let positionals = command.positionals
            let positional = positionalIndex < positionals.count
                ? positionals[positionalIndex]
                : positionals.last.flatMap { $0.isRepeating ? $0 : nil }
            target = .subcommandOrPositional(positional: positional)
            prefix = current
        }
    }

    package static func key(_ argument: ArgumentInfo) -> String {
        argument.longName ?? argument.preferredName?.name ?? argument.valueName
    }

    /// The last value typed for an option, by its long name.
    public func value(of longName: String) -> String? { typed[longName]?.last }

    /// Whether subcommand words may still appear here (no positional typed yet).
    package var offersSubcommands: Bool {
        if case .subcommandOrPositional = target { return positionalIndex == 0 && !command.visibleSubcommands.isEmpty }
        return false
    }
}
