import CCurl

/// libcurl's process-wide setup. `curl_global_init` is not thread-safe and must run once before
/// any handle exists; a Swift `static let` initialiser runs exactly once, under a lock.
package enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    /// True when libcurl is ready; safe to call from any thread, any number of times.
    package static func ensureInitialized() -> Bool { initialized }
}
