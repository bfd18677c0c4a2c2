import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessSupport

/// TLS against the fault server with certificates made by `openssl` for this run.
@Suite struct TransportTLSTests {
    private func get(_ server: TestServerProcess, tls: TLSOptions, retry: RetryPolicy = .none) async throws -> HTTPResponse {
        let transport = try CurlTransport(options: TransportOptions(tls: tls, retry: retry))
        return try await transport.send(HTTPRequest(url: server.url("ok", FaultServers.id(), scheme: "https")))
    }

    @Test func trustsTheCAFromAFile() async throws {
        let pki = try TestCertificates.shared()
        let response = try await get(try FaultServers.tls(), tls: TLSOptions(caFile: pki.caFile))
        #expect(response.status == 200)
    }

    @Test func trustsTheCAFromPEMBytesAndReusesTheConnection() async throws {
        let pki = try TestCertificates.shared()
        let server = try FaultServers.tls()
        let id = FaultServers.id()
        let tls = TLSOptions(caPEM: try pki.bytes("ca.crt"))
        let transport = try CurlTransport(options: TransportOptions(tls: tls, retry: .none))
        for _ in 0..<3 {
            let response = try await transport.send(HTTPRequest(url: server.url("ok", id, scheme: "https")))
            #expect(response.status == 200)
        }
        let stats = try await server.stats(id, scheme: "https", tls: tls)
        #expect(stats["attempts"] as? Int == 3)
        #expect(stats["connections"] as? Int == 1)
    }

    @Test func localhostMatchesTheCertificateToo() async throws {
        let pki = try TestCertificates.shared()
        let server = try FaultServers.tls()
        let transport = try CurlTransport(options: TransportOptions(tls: TLSOptions(caFile: pki.caFile), retry: .none))
        let response = try await transport.send(HTTPRequest(url: "https://localhost:\(server.port)/fault/ok/\(FaultServers.id())"))
        #expect(response.status == 200)
    }

    @Test func wrongCAFailsWithAClearMessage() async throws {
        let pki = try TestCertificates.shared()
        let server = try FaultServers.tls()
        let transport = try CurlTransport(options: TransportOptions(tls: TLSOptions(caFile: pki.otherCAFile), retry: quickRetry()))
        let url = server.url("ok", FaultServers.id(), scheme: "https")
        let error = await #expect(throws: TransportError.self) { try await transport.send(HTTPRequest(url: url)) }
        guard case .tlsVerificationFailed = error?.reason else {
            Issue.record("expected a verification failure, got \(String(describing: error))")
            return
        }
        // Not retried: another attempt cannot fix trust.
        #expect(error?.attempts == 1)
        #expect(error?.message.hasPrefix("GET \(url): TLS verification failed (") == true)
        #expect(error?.message.contains("--certificate-authority") == true)
        #expect(error?.message.contains("--azure-ca-file") == true)
        #expect(error?.category == .remote)
    }

    @Test func wrongCAAsPEMFailsToo() async throws {
        let pki = try TestCertificates.shared()
        let error = await #expect(throws: TransportError.self) {
            try await get(try FaultServers.tls(), tls: TLSOptions(caPEM: try pki.bytes("other-ca.crt")))
        }
        guard case .tlsVerificationFailed = error?.reason else {
            Issue.record("expected a verification failure, got \(String(describing: error))")
            return
        }
    }

    @Test func systemBundleDoesNotTrustTheTestCA() async throws {
        let error = await #expect(throws: TransportError.self) { try await get(try FaultServers.tls(), tls: TLSOptions()) }
        guard case .tlsVerificationFailed = error?.reason else {
            Issue.record("expected a verification failure, got \(String(describing: error))")
            return
        }
    }

    @Test func sslCertFileStandsInForTheSystemBundle() async throws {
        let pki = try TestCertificates.shared()
        let server = try FaultServers.tls()
        let options = TransportOptions(retry: .none)
        let transport = try CurlTransport(options: options, schedule: RetrySchedule(policy: .none),
                                          environment: ["SSL_CERT_FILE": pki.caFile])
        let response = try await transport.send(HTTPRequest(url: server.url("ok", FaultServers.id(), scheme: "https")))
        #expect(response.status == 200)
    }

    @Test func verifyOffAcceptsAnyCertificate() async throws {
        let response = try await get(try FaultServers.tls(), tls: TLSOptions(verify: false))
        #expect(response.status == 200)
    }

    @Test func clientCertificateFromFiles() async throws {
        let pki = try TestCertificates.shared()
        let tls = TLSOptions(caFile: pki.caFile, clientCertificateFile: pki.clientCertificate, clientKeyFile: pki.clientKey)
        let response = try await get(try FaultServers.mutualTLS(), tls: tls)
        #expect(response.status == 200)
    }

    @Test func clientCertificateFromPEMBytes() async throws {
        let pki = try TestCertificates.shared()
        let key = String(decoding: try pki.bytes("client.key"), as: UTF8.self)
        let tls = TLSOptions(caPEM: try pki.bytes("ca.crt"), clientCertificatePEM: try pki.bytes("client.crt"),
                             clientKeyPEM: Secret(key))
        let response = try await get(try FaultServers.mutualTLS(), tls: tls)
        #expect(response.status == 200)
    }

    @Test func missingClientCertificateIsRefused() async throws {
        let pki = try TestCertificates.shared()
        let server = try FaultServers.mutualTLS()
        let transport = try CurlTransport(options: TransportOptions(tls: TLSOptions(caFile: pki.caFile), retry: .none))
        let url = server.url("ok", FaultServers.id(), scheme: "https")
        let error = await #expect(throws: TransportError.self) { try await transport.send(HTTPRequest(url: url)) }
        // TLS 1.3 reports the refusal after the handshake: libcurl sees the server's alert, or, when the
        // server's close overtakes it, a reset.
        switch error?.reason {
        case .tlsHandshakeFailed(let detail)?: #expect(detail.contains("certificate required"))
        case .connectionReset?: break
        default: Issue.record("expected a refused handshake, got \(String(describing: error))")
        }
        #expect(error?.message.hasPrefix("GET \(url): ") == true)
    }

    @Test func unreadableClientKeyIsAnInputError() async throws {
        let pki = try TestCertificates.shared()
        let tls = TLSOptions(caFile: pki.caFile, clientCertificateFile: pki.clientCertificate,
                             clientKeyPEM: Secret("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"))
        let error = await #expect(throws: TransportError.self) { try await get(try FaultServers.mutualTLS(), tls: tls) }
        #expect(error?.category == .input)
        #expect(error?.message.contains("not a key") == false)
    }

    @Test func serverNameIsWhatTheCertificateIsCheckedAgainst() async throws {
        let pki = try TestCertificates.shared()
        let server = try FaultServers.named()
        let id = FaultServers.id()
        let url = server.url("ok", id, scheme: "https")
        let named = TLSOptions(caFile: pki.caFile, serverName: TestCertificates.namedHost)
        let response = try await CurlTransport(options: TransportOptions(tls: named, retry: .none)).send(HTTPRequest(url: url))
        #expect(response.status == 200)
        // The request still names the real host; only the certificate check uses serverName.
        #expect(response.echoedHeaders.first { $0.0 == "Host" }?.1 == "127.0.0.1:\(server.port)")
        #expect(response.echo["path"] as? String == "/fault/ok/\(id)")

        let plain = TLSOptions(caFile: pki.caFile)
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport(options: TransportOptions(tls: plain, retry: .none)).send(HTTPRequest(url: url))
        }
        guard case .tlsVerificationFailed = error?.reason else {
            Issue.record("expected a name mismatch, got \(String(describing: error))")
            return
        }
    }

    @Test func serverNameStillRejectsACertificateForAnotherName() async throws {
        let pki = try TestCertificates.shared()
        let tls = TLSOptions(caFile: pki.caFile, serverName: "other.test.internal")
        let error = await #expect(throws: TransportError.self) { try await get(try FaultServers.named(), tls: tls) }
        guard case .tlsVerificationFailed = error?.reason else {
            Issue.record("expected a name mismatch, got \(String(describing: error))")
            return
        }
    }
}
