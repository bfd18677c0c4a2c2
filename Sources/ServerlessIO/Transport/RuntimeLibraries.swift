import CCurl
import CLibXML2
import COpenSSL

/// The versions of the C libraries actually loaded at run time (a release binary links them
/// dynamically, so the system's copies may be newer than the headers it was built against).
public struct RuntimeLibraries: Equatable, Sendable {
    public var libcurl: String
    public var libxml2: String
    public var openssl: String

    public static var loaded: RuntimeLibraries {
        RuntimeLibraries(
            libcurl: String(cString: ccurl_runtime_version()),
            libxml2: dottedLibXML2(String(cString: clibxml2_runtime_version())),
            openssl: openSSLVersion(String(cString: OpenSSL_version(Int32(OPENSSL_VERSION)))))
    }

    /// libxml2 says `20914` (plus any extra suffix) for 2.9.14.
    package static func dottedLibXML2(_ raw: String) -> String {
        let digits = raw.prefix { $0.isASCII && $0.isNumber }
        guard let number = Int(digits), digits.count >= 5 else { return raw }
        return "\(number / 10000).\(number / 100 % 100).\(number % 100)" + raw.dropFirst(digits.count)
    }

    /// `OpenSSL 3.0.13 30 Jan 2024` -> `3.0.13`; other builds (LibreSSL) keep their name.
    package static func openSSLVersion(_ text: String) -> String {
        let words = text.split(separator: " ")
        guard words.count >= 2 else { return text }
        return words[0] == "OpenSSL" ? String(words[1]) : "\(words[0]) \(words[1])"
    }
}

