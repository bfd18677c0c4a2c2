extension CommandInfo {
    /// `--name=` with nothing after the `=` is how scripts pass an empty value, and kubectl (pflag)
    /// reads it so. swift-argument-parser drops an empty value after `=` and then takes the next
    /// word as the value, so `--checkpoint-strategy=` was refused as a missing value (or swallowed the
    /// next argument). Each such word, for an option that takes a value, becomes the two words
    /// `--name` and `""`, which the parser reads as the empty value. Flags, values, positionals and
    /// everything after `--` stay as typed; short options are left alone, as pflag reads `-n=` as
    /// `-n` followed by the next word.
    public func splittingEmptyOptionValues(_ arguments: [String]) -> [String] {
        var command = self
        var result: [String] = []
        result.reserveCapacity(arguments.count + 1)
        var nextIsValue = false
        for (index, word) in arguments.enumerated() {
            if nextIsValue {
                nextIsValue = false
                result.append(word)
                continue
            }
            if word == "--" {
                result += arguments[index...]
                break
            }
            if let subcommand = command.subcommand(named: word) {
                command = subcommand
            } else if word.hasPrefix("--") {
                let spelled = word.dropFirst(2)
                if let equals = spelled.firstIndex(of: "=") {
                    let name = String(spelled[..<equals])
                    if spelled.index(after: equals) == spelled.endIndex, command.option(long: name)?.kind == .option {
                        result += ["--" + name, ""]
                        continue
                    }
                } else {
                    nextIsValue = command.option(long: String(spelled))?.kind == .option
                }
            } else if word.count == 2, word.first == "-", let short = word.last {
                nextIsValue = command.option(short: short)?.kind == .option
            }
            result.append(word)
        }
        return result
    }
}
