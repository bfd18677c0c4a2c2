/// How bad a finding is: `error` means the platform will not work as intended.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// `--fail-on`: the lowest severity that makes the doctor exit 1.
public enum FailOn: String, Sendable, CaseIterable {
    case error, warning, info, none

    public var threshold: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        case .none: nil
        }
    }
}
