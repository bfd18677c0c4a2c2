/// A KEDA release, to reproduce what that release computes. `newestRelease` is the newest release the
/// tool models (any later release behaves the same); `main` is KEDA's unreleased main branch after it.
public struct KEDAVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int
    /// Unreleased main after this release.
    public let isMainAfterRelease: Bool

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.init(major: major, minor: minor, patch: patch, isMainAfterRelease: false)
    }

    package init(major: Int, minor: Int, patch: Int, isMainAfterRelease: Bool) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.isMainAfterRelease = isMainAfterRelease
    }

    /// The newest KEDA release modelled: v2.20.2 (kedacore/keda tag of 2026-07-31). What main changed
    /// since (#7926, EntityPath by key) is in no tag yet.
    public static let newestRelease = KEDAVersion(2, 20, 2)

    /// KEDA's unreleased main branch after `newestRelease` (`--keda-version main`, a `:main` operator image).
    public static let main = KEDAVersion(major: 2, minor: 20, patch: 2, isMainAfterRelease: true)

    /// The newest behaviour the tool models, released or not.
    public static let newest = main

    /// Parses `2.15.1`, `v2.15.1`, `2.15` (patch 0), or `main`.
    public init?(_ text: String) {
        var value = GoText.trimSpace(text)
        if value.lowercased() == "main" {
            self = .main
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

    /// Semver, or `main` for the unreleased branch: what the JSON's `kedaVersion` says.
    public var description: String {
        isMainAfterRelease ? "main" : "\(major).\(minor).\(patch)"
    }

    /// For people: `2.15.1`, or `main (unreleased, after 2.20.2)`.
    public var displayName: String {
        isMainAfterRelease ? "main (unreleased, after \(major).\(minor).\(patch))" : description
    }

    public static func < (lhs: KEDAVersion, rhs: KEDAVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch, lhs.isMainAfterRelease ? 1 : 0)
            < (rhs.major, rhs.minor, rhs.patch, rhs.isMainAfterRelease ? 1 : 0)
    }
}
