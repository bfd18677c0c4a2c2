import ServerlessDoctor

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

    package func flagCandidates(_ point: CompletionPoint) -> [CompletionReply.Candidate] {
        point.command.visibleArguments
            .filter { $0.kind != .positional }
            .filter { $0.isRepeating || !point.used.contains(CompletionPoint.key($0)) }
            .flatMap { argument in argument.spellings.map { CompletionReply.Candidate($0, description: argument.abstract) } }
            .filter { $0.value.hasPrefix(point.prefix) }
    }

    package func values(for argument: ArgumentInfo, at point: CompletionPoint, wordPrefix: String) async -> CompletionReply {
        // Comma lists (`--platform keda,fi`): complete the last item, keep the ones before it.
        let items = point.prefix.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let last = items.last ?? ""
        let earlier = Array(items.dropLast())
        let head = wordPrefix + earlier.map { $0 + "," }.joined()

        func offer(_ values: [String], commaList: Bool = true, describe: (String) -> String = { _ in "" }) -> CompletionReply {
            if !commaList && !earlier.isEmpty { return .nothing }
            let fresh = values.filter { $0.hasPrefix(last) && !earlier.contains($0) }
            return CompletionReply(fresh.map { .init(head + $0, description: describe($0)) }, directive: .noFileCompletion)
        }

        switch ValueKind(argument: argument) {
        case .live(let kind, let commaList):
            if !commaList && !earlier.isEmpty { return .nothing }
            return offer(await liveNames.names(kind, scope: LiveNameScope(point)), commaList: commaList)
        case .objectReference:
            let candidates = await objectReferences(point.prefix, scope: LiveNameScope(point))
            return CompletionReply(candidates.filter { $0.value.hasPrefix(point.prefix) }.map { .init(wordPrefix + $0.value, description: $0.description) },
                                   directive: .noFileCompletion)
        case .checkIDs:
            let titles = Dictionary(Catalogue.descriptions.map { ($0.id, $0.title) }) { first, _ in first }
            return offer(Catalogue.descriptions.map(\.id)) { titles[$0] ?? "" }
        case .custom:
            return offer(await custom(point, argument))
        case .paths(let extensions):
            return extensions.isEmpty
                ? CompletionReply([], directive: .default)
                : CompletionReply(extensions.map { .init($0) }, directive: .filterFileExtensions)
        case .directories:
            return CompletionReply([], directive: .filterDirectories)
        case .known(let values, let commaList):
            return offer(values, commaList: commaList) { argument.allValueDescriptions[$0] ?? "" }
        case .free:
            return .nothing
        }
    }

    /// ScaledObjects as plain names and ScaledJobs as `sj/NAME`; after a kind word and `/`
    /// (`so/`, `scaledjob/`, `scaledobject.keda.sh/`), that kind's names in that spelling.
    package func objectReferences(_ prefix: String, scope: LiveNameScope) async -> [CompletionReply.Candidate] {
        if let slash = prefix.firstIndex(of: "/") {
            let word = String(prefix[..<slash])
            guard let kind = ObjectReferenceKind.kind(of: word) else { return [] }
            return await liveNames.names(kind, scope: scope).map { .init(word + "/" + $0, description: kind.title) }
        }
        async let objects = liveNames.names(.scaledObjects, scope: scope)
        async let jobs = liveNames.names(.scaledJobs, scope: scope)
        return await objects.map { .init($0, description: LiveNameKind.scaledObjects.title) }
            + jobs.map { .init("sj/" + $0, description: LiveNameKind.scaledJobs.title) }
    }
}
