import ServerlessSupport

/// A storage or Event Hubs connection string we cannot use. Messages name keys and positions,
/// never values that could be secrets.
public struct ConnectionStringError: UserFacingError, Equatable {
    public enum Kind: String, Sendable {
        case storage = "storage connection string"
        case eventHubs = "Event Hubs connection string"
    }

    public enum Reason: Equatable, Sendable {
        case empty
        /// 1-based position of a `;`-separated part that has no `=`.
        case partWithoutEquals(position: Int)
        case emptyKey(position: Int)
        case missing(String)
        case emptyValue(key: String)
        case accountKeyNotBase64(Base64Error)
        case unsupportedProtocol(String)
        case invalidEndpoint(key: String, reason: String)
        case conflicting(String, String)
        case requiresBoth(String, String)
    }

    public let kind: Kind
    public let reason: Reason

    public init(_ kind: Kind, _ reason: Reason) {
        self.kind = kind
        self.reason = reason
    }

    public var category: FailureCategory { .input }

    public var message: String {
        let subject = "the \(kind.rawValue)"
        switch reason {
        case .empty:
            return "\(subject) is empty"
        case let .partWithoutEquals(position):
            return "\(subject) is malformed: part \(position) (counting ';'-separated parts) has no '='"
        case let .emptyKey(position):
            return "\(subject) is malformed: part \(position) has no key before '='"
        case let .missing(what):
            return "\(subject) has no \(what)"
        case let .emptyValue(key):
            return "\(subject) has an empty \(key)"
        case let .accountKeyNotBase64(error):
            return "\(subject) has an AccountKey that is not valid base64: \(error)"
        case let .unsupportedProtocol(value):
            return "\(subject) has DefaultEndpointsProtocol '\(value)'; use https or http"
        case let .invalidEndpoint(key, reason):
            return "\(subject) has an unusable \(key): \(reason)"
        case let .conflicting(first, second):
            return "\(subject) has both \(first) and \(second); give only one"
        case let .requiresBoth(first, second):
            return "\(subject) must have both \(first) and \(second)"
        }
    }

    public var hint: String? {
        switch kind {
        case .storage:
            "expected DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net"
        case .eventHubs:
            "expected Endpoint=sb://NAMESPACE.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...;EntityPath=HUB"
        }
    }
}

/// `Key=Value;Key=Value;...` split the way the SDKs do: on `;`, then on the first `=` only
/// (keys and signatures contain `=`). Keys are matched case-insensitively; the last one wins.
package struct ConnectionStringParts {
    private var values: [String: String] = [:]

    package init(_ text: String, kind: ConnectionStringError.Kind) throws {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.contains(where: { !$0.trimmingSpaces.isEmpty }) else { throw ConnectionStringError(kind, .empty) }
        for (index, part) in parts.enumerated() {
            let trimmed = part.trimmingSpaces.trimmingNewlines
            if trimmed.isEmpty { continue } // trailing or doubled ';'
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ConnectionStringError(kind, .partWithoutEquals(position: index + 1))
            }
            let key = trimmed[..<equals].trimmingSpaces.lowercased()
            guard !key.isEmpty else { throw ConnectionStringError(kind, .emptyKey(position: index + 1)) }
            values[key] = String(trimmed[trimmed.index(after: equals)...]).trimmingSpaces
        }
    }

    /// The value for `key` (any case); nil when absent or empty.
    package subscript(key: String) -> String? {
        guard let value = values[key.lowercased()], !value.isEmpty else { return nil }
        return value
    }

    package func isPresentButEmpty(_ key: String) -> Bool { values[key.lowercased()]?.isEmpty == true }
}

extension StringProtocol {
    package var trimmingNewlines: String {
        // A newline starts with 0x0A-0x0D, or 0xC2 (U+0085) or 0xE2 (U+2028, U+2029) and ends with 0x0A-0x0D,
        // 0x85, 0xA8 or 0xA9 in UTF-8: ends with neither have nothing to trim.
        let text = String(self)
        func starts(_ byte: UInt8) -> Bool { (0x0A...0x0D).contains(byte) || byte == 0xC2 || byte == 0xE2 }
        func ends(_ byte: UInt8) -> Bool { (0x0A...0x0D).contains(byte) || byte == 0x85 || byte == 0xA8 || byte == 0xA9 }
        let startsOne = text.utf8.first.map(starts) ?? false
        let endsOne = text.utf8.last.map(ends) ?? false
        if !startsOne, !endsOne { return text }
        return String(drop { $0.isNewline }.reversed().drop { $0.isNewline }.reversed())
    }
}
