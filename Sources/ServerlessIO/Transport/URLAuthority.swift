/// The host and port of an absolute http(s) URL, found without re-encoding anything
/// (the URL must reach the wire exactly as given).
package struct URLAuthority: Equatable {
    package var scheme: String
    /// As written: a name, an IPv4 address, or a bracketed IPv6 address.
    package var host: String
    package var port: Int
    /// Where the host sits in the URL string, to swap it for another name.
    package var hostRange: Range<String.Index>

    package init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        let afterScheme = schemeEnd.upperBound
        let authorityEnd = url[afterScheme...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        var hostStart = afterScheme
        if let at = url[afterScheme..<authorityEnd].lastIndex(of: "@") { hostStart = url.index(after: at) }
        var hostEnd = authorityEnd
        if url[hostStart...].hasPrefix("[") {
            guard let close = url[hostStart..<authorityEnd].firstIndex(of: "]") else { return nil }
            hostEnd = url.index(after: close)
        } else if let colon = url[hostStart..<authorityEnd].firstIndex(of: ":") {
            hostEnd = colon
        }
        guard hostStart < hostEnd else { return nil }
        host = String(url[hostStart..<hostEnd])
        hostRange = hostStart..<hostEnd
        let defaultPort = scheme == "https" ? 443 : 80
        if hostEnd < authorityEnd, url[hostEnd] == ":" {
            let digits = url[url.index(after: hostEnd)..<authorityEnd]
            guard digits.isEmpty || Int(digits) != nil else { return nil }
            port = Int(digits) ?? defaultPort
        } else {
            port = defaultPort
        }
    }

    /// "host:port", as error messages name the place we could not reach.
    package var endpoint: String { "\(host):\(port)" }
}

/// How a certificate is checked against a name other than the URL's host (kubeconfig `tls-server-name`):
/// the URL names `serverName` (so libcurl sends it as SNI and verifies against it), CURLOPT_CONNECT_TO
/// sends the connection to the real host, and the Host header keeps the real authority.
package struct ServerNameRoute: Equatable {
    package var url: String
    package var connectTo: String
    package var hostHeader: String

    package init?(url original: String, serverName: String) {
        guard let authority = URLAuthority(original), authority.scheme == "https",
              !serverName.isEmpty, serverName != authority.host else { return nil }
        var url = original
        url.replaceSubrange(authority.hostRange, with: serverName)
        self.url = url
        connectTo = "\(serverName):\(authority.port):\(authority.host):\(authority.port)"
        hostHeader = authority.port == 443 ? authority.host : authority.endpoint
    }
}
