/// Answers kubectl's plugin completion call: the words after `kubectl serverless` (the last one
/// being completed, possibly empty) in, a Cobra reply out. Pure apart from the two hooks it is
/// given: live names, and the app's own custom completion closures.
public struct WordCompleter: Sendable {
    public typealias CustomCompletion = @Sendable (CompletionPoint, ArgumentInfo) async -> [String]

    public var tree: CommandInfo
    public var liveNames: any LiveNameSource
    public var custom: CustomCompletion

    public init(tree: CommandInfo, liveNames: any LiveNameSource,
                custom: @escaping CustomCompletion = { _, _ in [] }) {
        self.tree = tree
        self.liveNames = liveNames
        self.custom = custom
    }

    public func complete(_ words: [String]) async -> CompletionReply {
        let point = CompletionPoint(tree: tree, words: words.isEmpty ? [""] : words)
        switch point.target {
        case .flagName:
            return CompletionReply(flagCandidates(point), directive: .noFileCompletion)
        case .optionValue(let option, let wordPrefix):
            return await values(for: option, at: point, wordPrefix: wordPrefix)
        case .subcommandOrPositional(let positional):
            var candidates: [CompletionReply.Candidate] = []
            if point.offersSubcommands {
                candidates += point.command.visibleSubcommands
                    .filter { $0.commandName.hasPrefix(point.prefix) }
                    .map { .init($0.commandName, description: $0.abstract) }
            }
            guard let positional, positional.shouldDisplay else {
                return CompletionReply(candidates, directive: .noFileCompletion)
            }
            let reply = await values(for: positional, at: point, wordPrefix: "")
            return CompletionReply(candidates + reply.candidates,
                                   directive: candidates.isEmpty ? reply.directive : .noFileCompletion)
        }
    }

    func flagCandidates(_ point: CompletionPoint) -> [CompletionReply.Candidate] {
        point.command.visibleArguments
            .filter { $0.kind != .positional }
            .filter { $0.isRepeating || !point.used.contains(CompletionPoint.key($0)) }
            .flatMap { argument in argument.spellings.map { CompletionReply.Candidate($0, description: argument.abstract) } }
            .filter { $0.value.hasPrefix(point.prefix) }
    }

    func values(for argument: ArgumentInfo, at point: CompletionPoint, wordPrefix: String) async -> CompletionReply {
        // Comma lists (`--platform keda,fi`): complete the last item, keep the ones before it.
        let items = point.prefix.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let last = items.last ?? ""
        let earlier = Array(items.dropLast())
        let head = wordPrefix + earlier.map { $0 + "," }.joined()

        func offer(_ values: [String], describe: (String) -> String = { _ in "" }) -> CompletionReply {
            let fresh = values.filter { $0.hasPrefix(last) && !earlier.contains($0) }
            return CompletionReply(fresh.map { .init(head + $0, description: describe($0)) }, directive: .noFileCompletion)
        }

        if let kind = LiveNameKind(argument: argument) {
            guard earlier.isEmpty else { return .nothing }
            return offer(await liveNames.names(kind, scope: LiveNameScope(point)))
        }
        switch argument.completion {
        case .custom?:
            return offer(await custom(point, argument))
        case .file(let extensions)?:
            return extensions.isEmpty
                ? CompletionReply([], directive: .default)
                : CompletionReply(extensions.map { .init($0) }, directive: .filterFileExtensions)
        case .directory?:
            return CompletionReply([], directive: .filterDirectories)
        case .list?, .shellCommand?, nil:
            break
        }
        let known = argument.knownValues
        if !known.isEmpty {
            return offer(known) { argument.allValueDescriptions[$0] ?? "" }
        }
        // Nothing known about the value: paths are the likeliest (`--kubeconfig`, `-f`), so let
        // the shell complete file names, as Cobra does by default.
        return CompletionReply([], directive: .default)
    }
}
