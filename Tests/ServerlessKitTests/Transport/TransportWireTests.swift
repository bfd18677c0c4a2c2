import Foundation
import Testing
@testable import ServerlessIO

/// Exactly what is asked goes on the wire, and the response comes back as received.
@Suite struct TransportWireTests {
    @Test func headersAndBodyRoundTripInOrderWithNothingAdded() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let sent: [(name: String, value: String)] = [
            ("x-ms-version", "2021-08-06"), ("Content-Type", "application/xml"), ("X-Custom", "A b  c"),
            ("x-ms-date", "Tue, 01 Jul 2025 10:00:00 GMT"),
        ]
        let response = try await transport.send(HTTPRequest(
            method: .post, url: server.url("ok", id, "header=x-ms-meta-CamelCase:v1"), headers: sent,
            body: Array("<hello/>".utf8)))

        #expect(response.status == 200)
        #expect(response.echo["method"] as? String == "POST")
        #expect(response.echo["body"] as? String == "<hello/>")
        let received = response.echoedHeaders
        // Only Host and Content-Length join what we asked for: no Date, Expect, Accept, User-Agent.
        #expect(received.map(\.0) == ["Host"] + sent.map(\.name) + ["Content-Length"])
        #expect(received.filter { $0.0 != "Host" && $0.0 != "Content-Length" }.map(\.1) == sent.map(\.value))
        #expect(received.first { $0.0 == "Content-Length" }?.1 == "8")
        // Response header names as the server wrote them.
        #expect(response.headers.contains { $0.name == "x-ms-meta-CamelCase" && $0.value == "v1" })
        #expect(response.header("X-MS-META-camelcase") == "v1")
    }

    @Test func postWithoutContentTypeAndLargeBodyGetsNoDefaultsNoExpect() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        // libcurl adds "Expect: 100-continue" above 1 MiB and a form Content-Type to every POST.
        let body = [UInt8](repeating: 0x61, count: 1_100_000)
        let response = try await transport.send(HTTPRequest(method: .post, url: server.url("ok", FaultServers.id()), body: body))
        let names = response.echoedHeaders.map { $0.0.lowercased() }
        #expect(names.sorted() == ["content-length", "host"])
        #expect((response.echo["body"] as? String)?.count == body.count)
    }

    @Test func emptyPostSendsZeroContentLength() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let response = try await transport.send(HTTPRequest(method: .post, url: server.url("ok", FaultServers.id())))
        #expect(response.echoedHeaders.first { $0.0 == "Content-Length" }?.1 == "0")
        #expect(response.echo["body"] as? String == "")
    }

    @Test func headHasNoBody() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let response = try await transport.send(HTTPRequest(method: .head, url: server.url("ok", id)))
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(Int(response.header("Content-Length") ?? "") ?? 0 > 0)
        let requests = try await server.stats(id)["requests"] as? [[String: Any]]
        #expect(requests?.first?["method"] as? String == "HEAD")
    }

    @Test func pathGoesOutExactlyAsGiven() async throws {
        let server = try FaultServers.plain()
        let id = FaultServers.id()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        // Shared Key signs the path as sent: no decoding of %24, no dot-segment removal, query untouched.
        let path = "/fault/ok/\(id)/%24default/a/../b%2Fc?restype=container&comp=list&prefix=a%2Fb"
        let response = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)\(path)"))
        #expect(response.echo["path"] as? String == path)
    }

    @Test func emptyHeaderValueIsSentEmpty() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let response = try await transport.send(HTTPRequest(url: server.url("ok", FaultServers.id()),
                                                            headers: [("x-ms-empty", "")]))
        #expect(response.echoedHeaders.contains { $0.0 == "x-ms-empty" && $0.1 == "" })
    }

    @Test func statusesAreReturnedNotThrown() async throws {
        let server = try FaultServers.plain()
        let transport = try CurlTransport(options: TransportOptions(retry: .none))
        let response = try await transport.send(HTTPRequest(url: server.url("ok", FaultServers.id(), "statuses=404")))
        #expect(response.status == 404)
        #expect(!response.isSuccess)
    }

    @Test func verboseLogHasOneLinePerAttempt() async throws {
        let server = try FaultServers.plain()
        let lines = LogLines()
        let transport = try CurlTransport(options: TransportOptions(retry: .none, log: lines.log))
        let url = server.url("ok", FaultServers.id())
        _ = try await transport.send(HTTPRequest(url: url))
        #expect(lines.lines.count == 1)
        let line = try #require(lines.lines.first)
        #expect(line.hasPrefix("GET \(url) -> 200 ("))
        #expect(line.hasSuffix("ms)") || line.hasSuffix(" s)"))
    }
}
