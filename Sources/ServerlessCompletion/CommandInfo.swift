import Foundation

/// The command tree as swift-argument-parser describes it (`--experimental-dump-help`, ToolInfo
/// serialization version 0). Completion, man pages and their tests all read this one description,
/// so nothing about the commands is kept by hand. Our own mirror, because SAP's
/// `ArgumentParserToolInfo` module is not a library product.
public struct CommandInfo: Decodable, Sendable, Equatable {
    public var commandName: String
    public var superCommands: [String]
    public var aliases: [String]
    public var abstract: String
    public var discussion: String
    public var shouldDisplay: Bool
    public var defaultSubcommand: String?
    public var subcommands: [CommandInfo]
    public var arguments: [ArgumentInfo]

    /// Decodes the whole `--experimental-dump-help` document and returns its root command.
    public static func tree(fromDump json: String) throws -> CommandInfo {
        struct Document: Decodable {
            var serializationVersion: Int
            var command: CommandInfo
        }
        let document = try JSONDecoder().decode(Document.self, from: Data(json.utf8))
        guard document.serializationVersion == 0 else {
            throw UnsupportedDump(version: document.serializationVersion)
        }
        return document.command
    }

    public struct UnsupportedDump: Error, CustomStringConvertible {
        public let version: Int
        public var description: String { "unsupported command description version \(version)" }
    }

    package enum CodingKeys: String, CodingKey {
        case commandName, superCommands, aliases, abstract, discussion, shouldDisplay, defaultSubcommand,
             subcommands, arguments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        commandName = try c.decode(String.self, forKey: .commandName)
        superCommands = try c.decodeIfPresent([String].self, forKey: .superCommands) ?? []
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        abstract = try c.decodeIfPresent(String.self, forKey: .abstract) ?? ""
        discussion = try c.decodeIfPresent(String.self, forKey: .discussion) ?? ""
        shouldDisplay = try c.decodeIfPresent(Bool.self, forKey: .shouldDisplay) ?? true
        defaultSubcommand = try c.decodeIfPresent(String.self, forKey: .defaultSubcommand)
        subcommands = try c.decodeIfPresent([CommandInfo].self, forKey: .subcommands) ?? []
        arguments = try c.decodeIfPresent([ArgumentInfo].self, forKey: .arguments) ?? []
    }

    /// Subcommands a user sees: not hidden, and not SAP's `help` pseudo-command.
    public var visibleSubcommands: [CommandInfo] {
        subcommands.filter { $0.shouldDisplay && $0.commandName != "help" }
    }

    /// Arguments a user sees (hidden ones are still parsed, but never offered).
    public var visibleArguments: [ArgumentInfo] { arguments.filter(\.shouldDisplay) }

    public func subcommand(named word: String) -> CommandInfo? {
        subcommands.first { $0.commandName == word || $0.aliases.contains(word) }
    }

    /// The option or flag spelled `--name` (long) or `-n` (short) on this command.
    public func option(long name: String) -> ArgumentInfo? {
        arguments.first { $0.kind != .positional && $0.names.contains(.init(kind: .long, name: name)) }
    }

    public func option(singleDashLong name: String) -> ArgumentInfo? {
        arguments.first { $0.kind != .positional && $0.names.contains(.init(kind: .longWithSingleDash, name: name)) }
    }

    public func option(short name: Character) -> ArgumentInfo? {
        arguments.first { $0.kind != .positional && $0.names.contains(.init(kind: .short, name: String(name))) }
    }

    public var positionals: [ArgumentInfo] { arguments.filter { $0.kind == .positional } }

    /// Every command below this one, depth first, with the words that reach it (`["doctor"]`).
    public func descendants(path: [String] = []) -> [(path: [String], command: CommandInfo)] {
        visibleSubcommands.flatMap { sub -> [(path: [String], command: CommandInfo)] in
            let subPath = path + [sub.commandName]
            return [(subPath, sub)] + sub.descendants(path: subPath)
        }
    }
}

public struct ArgumentInfo: Decodable, Sendable, Equatable {
    public enum Kind: String, Decodable, Sendable { case positional, option, flag }

    public struct Name: Decodable, Sendable, Equatable {
        public enum Kind: String, Decodable, Sendable { case long, short, longWithSingleDash }
        public var kind: Kind
        public var name: String

        public init(kind: Kind, name: String) {
            self.kind = kind
            self.name = name
        }

        /// As typed: `--namespace`, `-n`.
        public var spelling: String {
            switch kind {
            case .long: "--" + name
            case .short, .longWithSingleDash: "-" + name
            }
        }
    }

    /// How SAP would complete the value, as far as the dump says.
    public enum Completion: Sendable, Equatable {
        case list([String])
        case file(extensions: [String])
        case directory
        case shellCommand(String)
        case custom
    }

    public var kind: Kind
    public var names: [Name]
    public var preferredName: Name?
    public var valueName: String
    public var defaultValue: String?
    public var allValues: [String]
    public var allValueDescriptions: [String: String]
    public var completion: Completion?
    public var abstract: String
    public var discussion: String
    public var isOptional: Bool
    public var isRepeating: Bool
    public var shouldDisplay: Bool
    public var sectionTitle: String?

    package enum CodingKeys: String, CodingKey {
        case kind, names, preferredName, valueName, defaultValue, allValues, allValueDescriptions,
             completionKind, abstract, discussion, isOptional, isRepeating, shouldDisplay, sectionTitle
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        names = try c.decodeIfPresent([Name].self, forKey: .names) ?? []
        preferredName = try c.decodeIfPresent(Name.self, forKey: .preferredName)
        valueName = try c.decodeIfPresent(String.self, forKey: .valueName) ?? ""
        defaultValue = try c.decodeIfPresent(String.self, forKey: .defaultValue)
        allValues = try c.decodeIfPresent([String].self, forKey: .allValues) ?? []
        allValueDescriptions = try c.decodeIfPresent([String: String].self, forKey: .allValueDescriptions) ?? [:]
        abstract = try c.decodeIfPresent(String.self, forKey: .abstract) ?? ""
        discussion = try c.decodeIfPresent(String.self, forKey: .discussion) ?? ""
        isOptional = try c.decodeIfPresent(Bool.self, forKey: .isOptional) ?? true
        isRepeating = try c.decodeIfPresent(Bool.self, forKey: .isRepeating) ?? false
        shouldDisplay = try c.decodeIfPresent(Bool.self, forKey: .shouldDisplay) ?? true
        sectionTitle = try c.decodeIfPresent(String.self, forKey: .sectionTitle)
        completion = try c.decodeIfPresent(CompletionKindDump.self, forKey: .completionKind)?.completion
    }

    /// The words that select this argument, long names first (`--namespace`, `-n`).
    public var spellings: [String] {
        names.sorted { ($0.kind == .short ? 1 : 0) < ($1.kind == .short ? 1 : 0) }.map(\.spelling)
    }

    public var longName: String? { names.first { $0.kind == .long }?.name }

    /// The values this argument accepts when the tree names them: SAP's list completion, the
    /// values of a CaseIterable type, or a `a|b|c` list in the help text (kubectl's own style).
    public var knownValues: [String] {
        if case let .list(values)? = completion, !values.isEmpty { return values }
        if !allValues.isEmpty { return allValues }
        return Self.alternatives(in: abstract)
    }

    /// `a|b|c` in help text, the way kubectl writes `-o json|yaml|wide`.
    public static func alternatives(in text: String) -> [String] {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_|."))
        for token in text.components(separatedBy: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "(),;:"))) {
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ".`'\""))
            guard word.contains("|"), word.unicodeScalars.allSatisfy(allowed.contains) else { continue }
            let values = word.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if values.count > 1, values.allSatisfy({ !$0.isEmpty }) { return values }
        }
        return []
    }
}

/// SAP encodes its completion kind as a one-key object: `{"list": {"values": [...]}}`.
private struct CompletionKindDump: Decodable {
    var completion: ArgumentInfo.Completion?

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct Values: Decodable { var values: [String]? }
    struct Extensions: Decodable { var extensions: [String]? }
    struct Command: Decodable { var command: String? }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        guard let key = c.allKeys.first else { return }
        switch key.stringValue {
        case "list": completion = .list(try c.decode(Values.self, forKey: key).values ?? [])
        case "file": completion = .file(extensions: try c.decode(Extensions.self, forKey: key).extensions ?? [])
        case "directory": completion = .directory
        case "shellCommand": completion = .shellCommand(try c.decode(Command.self, forKey: key).command ?? "")
        case "custom", "customAsync", "customDeprecated": completion = .custom
        default: completion = nil
        }
    }
}
