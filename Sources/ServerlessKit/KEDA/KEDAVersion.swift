/// A KEDA release, to reproduce what that release computes. `newest` is KEDA's main branch after
/// v2.20.2 (the newest behaviour the research describes); any later version behaves the same.
public struct KEDAVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int
    /// Unreleased main after this release.
    public let isMainAfterRelease: Bool

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.init(major: major, minor: minor, patch: patch, isMainAfterRelease: false)
    }

    init(major: Int, minor: Int, patch: Int, isMainAfterRelease: Bool) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.isMainAfterRelease = isMainAfterRelease
    }

    /// KEDA main after v2.20.2.
    public static let newest = KEDAVersion(major: 2, minor: 20, patch: 2, isMainAfterRelease: true)

    /// Parses `2.15.1`, `v2.15.1`, `2.15` (patch 0), or `main`/`newest`/`latest`.
    public init?(_ text: String) {
        var value = GoText.trimSpace(text)
        if ["main", "newest", "latest"].contains(value.lowercased()) {
            self = .newest
            return
        }
        if value.first == "v" || value.first == "V" { value.removeFirst() }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 6, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else {
                return nil
            }
            numbers.append(n)
        }
        self.init(numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 0)
    }

    public var description: String {
        isMainAfterRelease ? "main (after \(major).\(minor).\(patch))" : "\(major).\(minor).\(patch)"
    }

    public static func < (lhs: KEDAVersion, rhs: KEDAVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch, lhs.isMainAfterRelease ? 1 : 0)
            < (rhs.major, rhs.minor, rhs.patch, rhs.isMainAfterRelease ? 1 : 0)
    }
}
