/// A value that must never be printed: account keys, SAS signatures, tokens, Secret data.
/// Its descriptions are fixed, so string interpolation, `print` and `dump` cannot leak it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
                      CustomReflectable {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
