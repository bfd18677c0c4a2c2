import ServerlessIO
import ServerlessKEDA
import ServerlessSupport

/// What `version` reports beyond the build itself: the C libraries loaded and the KEDA modelled.
extension BuildInfo {
    /// The newest KEDA release whose behaviour the plugin reproduces.
    public static var newestKEDA: String {
        let newest = KEDAVersion.newestRelease
        return "\(newest.major).\(newest.minor).\(newest.patch)"
    }

    /// Everything `version -o json|yaml` prints, in its order. Asks the loaded libraries; no network.
    public static var details: Value {
        let libraries = RuntimeLibraries.loaded
        return .object([
            ("version", .string(version)),
            ("commit", .string(commit)),
            ("buildDate", .string(buildDate)),
            ("swiftVersion", .string(swiftVersion)),
            ("libcurl", .string(libraries.libcurl)),
            ("libxml2", .string(libraries.libxml2)),
            ("openssl", .string(libraries.openssl)),
            ("newestKEDA", .string(newestKEDA)),
        ])
    }
}
