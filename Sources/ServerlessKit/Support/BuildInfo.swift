/// The version users see in `version`, the krew manifest and the man pages. The release script checks
/// that its tag matches.
public enum BuildInfo {
    public static let version = "0.1.0"
    /// Every request names the plugin: server logs show who read, and the test suite tells our requests
    /// from the Azure SDK's when it proves we only read.
    public static let userAgent = "kubectl-serverless/\(version)"
}
