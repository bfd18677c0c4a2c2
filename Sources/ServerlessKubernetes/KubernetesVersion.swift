import ServerlessSupport

/// The API server's Kubernetes version, as `GET /version` (`kubectl version`) reports it: what the
/// platforms' tested and minimum Kubernetes versions are compared with.
public struct KubernetesVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// `v1.30.2-eks-1a2b3c`, as the server says it (or `v1.30` when only major/minor were given).
    public var gitVersion: String

    public init(major: Int, minor: Int, patch: Int = 0, gitVersion: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.gitVersion = gitVersion ?? "v\(major).\(minor).\(patch)"
    }

    /// `v1.30.2`, `1.30.2-eks-1a2b3c`, `v1.29.4+k3s1`; nil when there is no `major.minor`.
    public init?(gitVersion: String) {
        let trimmed = gitVersion.hasPrefix("v") ? gitVersion.dropFirst() : Substring(gitVersion)
        let core = trimmed.prefix { $0.isNumber || $0 == "." }
        let numbers = core.split(separator: ".").map { Int($0) }
        guard numbers.count >= 2, let major = numbers[0], let minor = numbers[1] else { return nil }
        self.init(major: major, minor: minor, patch: numbers.count > 2 ? (numbers[2] ?? 0) : 0, gitVersion: gitVersion)
    }

    /// The body of `GET /version`: `gitVersion` first, else `major`/`minor` (managed clusters write `"30+"`).
    public init?(versionInfo: Value) {
        if let text = versionInfo["gitVersion"].string, let parsed = KubernetesVersion(gitVersion: text) {
            self = parsed
            return
        }
        func number(_ key: String) -> Int? { versionInfo[key].string.flatMap { Int($0.prefix { $0.isNumber }) } }
        guard let major = number("major"), let minor = number("minor") else { return nil }
        self.init(major: major, minor: minor, gitVersion: "v\(major).\(minor)")
    }

    /// `1.30`: the granularity release windows are written in.
    public var minorVersion: String { "\(major).\(minor)" }
    public var description: String { gitVersion }

    public static func < (lhs: KubernetesVersion, rhs: KubernetesVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

extension KubeAPIClient {
    /// `GET /version`. A server that refuses or lacks it (403, 404, a body without a version) yields nil:
    /// a fact the doctor could not read, not a failed run. Unreachable or 401 still throw.
    public func serverVersion() async throws -> KubernetesVersion? {
        do {
            return KubernetesVersion(versionInfo: try await getJSON(path: "/version"))
        } catch let error as KubeAPIError {
            switch error {
            case .forbidden, .notFound, .status, .badResponse: return nil
            case .unreachable, .unauthorized: throw error
            }
        }
    }
}
