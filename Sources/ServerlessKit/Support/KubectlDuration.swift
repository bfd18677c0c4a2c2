/// kubectl's duration flags: a bare integer is seconds; otherwise Go's `time.ParseDuration`
/// (`1h30m`, `250ms`, `1.5s`); `0` means no bound.
public enum KubectlDuration {
    public struct Invalid: UserFacingError {
        public let flag: String
        public let text: String
        public var category: FailureCategory { .input }
        public var message: String {
            "invalid \(flag) \"\(text)\": want a duration such as 30s, 1m or 0 for none"
        }
    }

    public static func parse(_ text: String, flag: String) throws -> Duration? {
        let trimmed = text.trimmingSpaces
        if let seconds = Int64(trimmed) {
            guard seconds >= 0 else { throw Invalid(flag: flag, text: text) }
            return seconds == 0 ? nil : .seconds(seconds)
        }
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var rest = Substring(trimmed)
        var total = 0.0
        guard !rest.isEmpty else { throw Invalid(flag: flag, text: text) }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { throw Invalid(flag: flag, text: text) }
            rest = rest.dropFirst(number.count)
            // Longest unit first, so "ms" is not read as "m".
            guard let unit = units.sorted(by: { $0.0.count > $1.0.count }).first(where: { rest.hasPrefix($0.0) }) else {
                throw Invalid(flag: flag, text: text)
            }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
        }
        return total == 0 ? nil : .milliseconds(Int64((total * 1000).rounded()))
    }
}
