/// The version users see in `version`, the krew manifest and the man pages. The release script checks
/// that its tag matches.
public enum BuildInfo {
    public static let version = "0.1.0"
}
