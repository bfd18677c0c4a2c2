/// The version users see in `version`, the krew manifest and the man pages. The release script checks
/// that its tag matches.
public enum BuildInfo {
    public static let version = "0.1.0"
    /// Every request names the plugin: server logs show who read, and the test suite tells our requests
    /// from the Azure SDK's when it proves we only read.
    public static let userAgent = "kubectl-serverless/\(version)"
    /// The git commit scripts/release built from; `unknown` in a development build.
    public static let commit = BuildStamp.commit
    /// When scripts/release built it (the commit's time, so rebuilding the same commit gives the
    /// same binary); `unknown` in a development build.
    public static let buildDate = BuildStamp.buildDate

    /// The compiler that built this binary, as `major.minor` (Swift has no run-time query for it).
    public static let swiftVersion: String = {
        #if compiler(>=7.0)
        return "7.0 or newer"
        #elseif compiler(>=6.5)
        return "6.5"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }()
}
