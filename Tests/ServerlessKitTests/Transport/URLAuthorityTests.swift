import Testing
@testable import ServerlessIO

@Suite struct URLAuthorityTests {
    @Test func findsHostAndPort() {
        #expect(URLAuthority("https://acct.blob.core.windows.net/c?x=1")?.endpoint == "acct.blob.core.windows.net:443")
        #expect(URLAuthority("http://127.0.0.1:8080/a")?.endpoint == "127.0.0.1:8080")
        #expect(URLAuthority("https://user:pw@[::1]:6443/api")?.endpoint == "[::1]:6443")
        #expect(URLAuthority("https://kube?x=a/b")?.endpoint == "kube:443")
        #expect(URLAuthority("not a url") == nil)
        #expect(URLAuthority("http://host:port/") == nil)
    }

    @Test func serverNameRouteSwapsTheHostOnly() {
        let route = ServerNameRoute(url: "https://10.0.0.1:6443/api/v1/%24x?sig=a", serverName: "kubernetes")
        #expect(route?.url == "https://kubernetes:6443/api/v1/%24x?sig=a")
        #expect(route?.connectTo == "kubernetes:6443:10.0.0.1:6443")
        #expect(route?.hostHeader == "10.0.0.1:6443")
        #expect(ServerNameRoute(url: "https://10.0.0.1/x", serverName: "k")?.hostHeader == "10.0.0.1")
        // Plain HTTP has no certificate; the same name needs no detour.
        #expect(ServerNameRoute(url: "http://10.0.0.1/x", serverName: "k") == nil)
        #expect(ServerNameRoute(url: "https://k/x", serverName: "k") == nil)
    }
}
