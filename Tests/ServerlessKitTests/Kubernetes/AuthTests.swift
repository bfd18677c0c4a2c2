import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// Every credential kind, through the authenticator and the API client's headers.
@Suite("Kubernetes auth")
struct AuthTests {
    static let clock = TestClock()

    /// A fake exec plugin: records each run and its KUBERNETES_EXEC_INFO, prints a credential
    /// whose token counts the runs.
    static func plugin(in dir: TempDir, apiVersion: String, expiry: String? = nil, exitCode: Int = 0,
                       status: String? = nil) throws -> String {
        let stamp = expiry.map { #","expirationTimestamp":"\#($0)""# } ?? ""
        let body = status ?? #"{"token":"exec-token-$n"\#(stamp)}"#
        return try dir.write("bin/plugin.sh", """
        #!/bin/sh
        n=$(( $(cat "\(dir.path)/runs" 2>/dev/null || echo 0) + 1 ))
        echo $n > "\(dir.path)/runs"
        printf '%s' "$KUBERNETES_EXEC_INFO" > "\(dir.path)/exec-info"
        printf '%s' "$PLUGIN_GREETING $*" > "\(dir.path)/args"
        echo "plugin diagnostics go to stderr" >&2
        if [ \(exitCode) -ne 0 ]; then exit \(exitCode); fi
        cat <<JSON
        {"apiVersion":"\(apiVersion)","kind":"ExecCredential","status":\(body)}
        JSON
        """, executable: true)
    }

    static func kubeconfig(_ dir: TempDir, user: String, cluster: String = #"{server: "https://k.example:6443"}"#) throws -> String {
        try dir.write("kubeconfig", """
        current-context: c
        clusters: [{name: c, cluster: \(cluster)}]
        users:
        - name: u
          user:
        \(user.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """)
    }

    static func client(_ config: KubeClientConfig, now: @escaping @Sendable () -> Date = { Date() },
                       respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse = { _ in .json(#"{"versions":["v1"]}"#) })
        -> (KubeAPIClient, FakeHTTPClient, OptionsLog) {
        let fake = FakeHTTPClient(respond)
        let log = OptionsLog()
        let client = KubeAPIClient(config: config, environment: ["PATH": "/usr/bin:/bin", "PLUGIN_GREETING": "hello"],
                                   now: now) { options in
            log.append(options)
            return fake
        }
        return (client, fake, log)
    }

    @Test func bearerTokenAndImpersonationHeaders() async throws {
        let dir = try TempDir()
        let file = try Self.kubeconfig(dir, user: "token: static-token\nas: jane\nas-groups: [devs, ops]\nas-uid: \"42\"")
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        let (client, fake, _) = Self.client(config)
        _ = try await client.getJSON(path: "/api")
        let request = try #require(fake.requests.first)
        #expect(request.method == .get)
        #expect(request.url == "https://k.example:6443/api")
        #expect(request.header("Authorization") == "Bearer static-token")
        #expect(request.header("Impersonate-User") == "jane")
        #expect(request.header("Impersonate-Uid") == "42")
        #expect(request.headers.filter { $0.name == "Impersonate-Group" }.map(\.value) == ["devs", "ops"])
        #expect(request.header("Accept") == "application/json")
    }

    @Test func basicAuth() async throws {
        let dir = try TempDir()
        let file = try Self.kubeconfig(dir, user: "username: admin\npassword: s3cret")
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        let (client, fake, _) = Self.client(config)
        _ = try await client.getJSON(path: "/api")
        #expect(fake.requests.first?.header("Authorization") == "Basic " + Data("admin:s3cret".utf8).base64EncodedString())
    }

    @Test func tokenFileIsReReadAfterAMinute() async throws {
        let dir = try TempDir()
        let tokenPath = try dir.write("token", "one\n")
        let file = try Self.kubeconfig(dir, user: "tokenFile: token")
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        let clock = TestClock()
        let (client, fake, _) = Self.client(config, now: clock.now)
        _ = try await client.getJSON(path: "/api")
        try "two\n".write(toFile: tokenPath, atomically: true, encoding: .utf8)
        clock.advance(30)
        _ = try await client.getJSON(path: "/api")
        clock.advance(31)
        _ = try await client.getJSON(path: "/api")
        #expect(fake.requests.map { $0.header("Authorization") } == ["Bearer one", "Bearer one", "Bearer two"])
    }

    @Test func missingTokenFileIsAnInputError() throws {
        let dir = try TempDir()
        let file = try Self.kubeconfig(dir, user: "tokenFile: nope")
        #expect(throws: KubeconfigError.self) {
            try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        }
    }

    @Test func clientCertificateDataReachesTheTransport() async throws {
        let dir = try TempDir()
        let cert = Data("CERT-PEM".utf8).base64EncodedString()
        let key = Data("KEY-PEM".utf8).base64EncodedString()
        let ca = Data("CA-PEM".utf8).base64EncodedString()
        let file = try Self.kubeconfig(dir, user: "client-certificate-data: \(cert)\nclient-key-data: \(key)",
                                       cluster: #"{server: "https://k:1", certificate-authority-data: \#(ca), tls-server-name: api.internal}"#)
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file, requestTimeout: "5s"), environment: dir.environment())
        let (client, fake, log) = Self.client(config)
        _ = try await client.getJSON(path: "/api")
        let options = try #require(log.all.first)
        #expect(options.tls.clientCertificatePEM == Array("CERT-PEM".utf8))
        #expect(options.tls.clientKeyPEM?.value == "KEY-PEM")
        #expect(options.tls.caPEM == Array("CA-PEM".utf8))
        #expect(options.tls.serverName == "api.internal")
        #expect(options.requestTimeout == .seconds(5))
        #expect(fake.requests.first?.header("Authorization") == nil)
    }

    @Test(arguments: [ExecCredentialPlugin.v1, ExecCredentialPlugin.v1beta1])
    func execPluginTokenCachedUntilExpiry(apiVersion: String) async throws {
        let dir = try TempDir()
        let plugin = try Self.plugin(in: dir, apiVersion: apiVersion, expiry: "2030-01-01T00:10:00Z")
        let mode = apiVersion == ExecCredentialPlugin.v1 ? "\n  interactiveMode: Never" : ""
        let file = try Self.kubeconfig(dir, user: """
        exec:
          command: \(plugin)
          apiVersion: \(apiVersion)
          args: [--flag, value]
          env: [{name: PLUGIN_GREETING, value: hi}]
          provideClusterInfo: true\(mode)
        """, cluster: #"{server: "https://k.example:6443", tls-server-name: tls.example, certificate-authority-data: Q0EtUEVN, extensions: [{name: client.authentication.k8s.io/exec, extension: {audience: aud}}]}"#)
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        let clock = TestClock(start: RFC3339.date("2030-01-01T00:00:00Z")!)
        let (client, fake, _) = Self.client(config, now: clock.now)
        _ = try await client.getJSON(path: "/api")
        clock.advance(300)
        _ = try await client.getJSON(path: "/api")
        clock.advance(301)  // past expiry: runs again
        _ = try await client.getJSON(path: "/api")
        #expect(fake.requests.map { $0.header("Authorization") } == ["Bearer exec-token-1", "Bearer exec-token-1", "Bearer exec-token-2"])
        #expect(await client.authenticator.execRuns == 2)

        let args = try String(contentsOfFile: dir.path + "/args", encoding: .utf8)
        #expect(args == "hi --flag value")
        let info = try JSON.parse(String(contentsOfFile: dir.path + "/exec-info", encoding: .utf8))
        #expect(info["apiVersion"].string == apiVersion)
        #expect(info["kind"].string == "ExecCredential")
        #expect(info["spec"]["interactive"] == .bool(false))
        #expect(info["spec"]["cluster"]["server"].string == "https://k.example:6443")
        #expect(info["spec"]["cluster"]["tls-server-name"].string == "tls.example")
        #expect(info["spec"]["cluster"]["certificate-authority-data"].string == "Q0EtUEVN")
        #expect(info["spec"]["cluster"]["config"]["audience"].string == "aud")
    }

    @Test func execPluginRunsAgainOnceAfter401() async throws {
        let dir = try TempDir()
        let plugin = try Self.plugin(in: dir, apiVersion: ExecCredentialPlugin.v1beta1)
        let file = try Self.kubeconfig(dir, user: "exec: {command: \(plugin), apiVersion: \(ExecCredentialPlugin.v1beta1)}")
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        let (client, fake, _) = Self.client(config) { request in
            request.header("Authorization") == "Bearer exec-token-1"
                ? .status(401, reason: "Unauthorized", message: "Unauthorized") : .json(#"{"versions":["v1"]}"#)
        }
        let value = try await client.getJSON(path: "/api")
        #expect(value["versions"][0].string == "v1")
        #expect(fake.requests.map { $0.header("Authorization") } == ["Bearer exec-token-1", "Bearer exec-token-2"])
        // The info has no cluster without provideClusterInfo.
        let info = try JSON.parse(String(contentsOfFile: dir.path + "/exec-info", encoding: .utf8))
        #expect(info["spec"]["cluster"].isNull)
    }

    @Test func unauthorizedTwiceIsARemoteError() async throws {
        let dir = try TempDir()
        let file = try Self.kubeconfig(dir, user: "token: canary-token-7f3a")
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        let (client, fake, _) = Self.client(config) { _ in .status(401, reason: "Unauthorized", message: "Unauthorized") }
        await #expect(throws: KubeAPIError.unauthorized(server: "https://k.example:6443")) { try await client.getJSON(path: "/api") }
        #expect(fake.requests.count == 1)
        #expect(KubeAPIError.unauthorized(server: "s").category.exitCode == 3)
    }

    @Test func execPluginClientCertificateRebuildsTheTransport() async throws {
        let dir = try TempDir()
        let status = #"{"clientCertificateData":"-----BEGIN CERTIFICATE-----\nC$n\n-----END CERTIFICATE-----","clientKeyData":"KEY$n"}"#
        let plugin = try Self.plugin(in: dir, apiVersion: ExecCredentialPlugin.v1, status: status)
        let file = try Self.kubeconfig(dir, user: "exec: {command: \(plugin), apiVersion: \(ExecCredentialPlugin.v1), interactiveMode: IfAvailable}")
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        let (client, fake, log) = Self.client(config) { request in
            fake401Once.next() ? .status(401, reason: "Unauthorized", message: "") : .json("{}")
        }
        _ = try await client.getJSON(path: "/api")
        _ = try await client.getJSON(path: "/apis")
        #expect(log.all.count == 2)
        #expect(log.all.map { $0.tls.clientKeyPEM?.value } == ["KEY1", "KEY2"])
        #expect(String(decoding: log.all[1].tls.clientCertificatePEM ?? [], as: UTF8.self).contains("C2"))
        #expect(fake.requests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test func execPluginFailures() async throws {
        let dir = try TempDir()
        let failing = try Self.plugin(in: dir, apiVersion: ExecCredentialPlugin.v1, exitCode: 3)
        let cases: [(String, String)] = [
            ("exec: {command: \(failing), apiVersion: \(ExecCredentialPlugin.v1), interactiveMode: Never}",
             "failed with exit code 3"),
            ("exec: {command: no-such-plugin-xyz, apiVersion: \(ExecCredentialPlugin.v1), interactiveMode: Never, installHint: \"brew install xyz\"}",
             "was not found"),
            ("exec: {command: \(failing), apiVersion: \(ExecCredentialPlugin.v1), interactiveMode: Always}",
             "never gives it a terminal"),
        ]
        for (user, expected) in cases {
            let file = try Self.kubeconfig(dir, user: user)
            let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
            let (client, fake, _) = Self.client(config)
            do {
                _ = try await client.getJSON(path: "/api")
                Issue.record("expected \(expected)")
            } catch {
                #expect(shownText(error).contains(expected), "\(shownText(error))")
                if expected == "was not found" { #expect((error as? UserFacingError)?.hint == "brew install xyz") }
            }
            #expect(fake.requests.isEmpty)
        }
    }

    @Test func execPluginBadOutput() throws {
        let plugin = ExecCredentialPlugin(config: .init(command: "p", apiVersion: ExecCredentialPlugin.v1, interactiveMode: "Never"),
                                          cluster: .init(), environment: [:])
        let cases: [(String, String)] = [
            (#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}"#, "returned version client.authentication.k8s.io/v1beta1"),
            (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#, "didn't return a status"),
            (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}"#, "didn't return a token"),
            (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientKeyData":"k"}}"#, "not both"),
            (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"tomorrow"}}"#, "RFC 3339"),
            ("not json", "not JSON"),
        ]
        for (output, expected) in cases {
            #expect(throws: ExecPluginError.self) { try plugin.parse(Array(output.utf8)) }
            do { _ = try plugin.parse(Array(output.utf8)) } catch { #expect(shownText(error).contains(expected), "\(output)") }
        }
        let ok = try plugin.parse(Array(#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2030-01-01T00:00:00.123Z"}}"#.utf8))
        #expect(ok.expiration == RFC3339.date("2030-01-01T00:00:00.123Z"))
    }

    @Test func execConfigValidation() throws {
        let dir = try TempDir()
        let file = try Self.kubeconfig(dir, user: "exec: {command: p, apiVersion: \(ExecCredentialPlugin.v1)}")
        do {
            _ = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
            Issue.record("v1 without interactiveMode must fail")
        } catch {
            #expect(shownText(error).contains("interactiveMode must be specified for u"))
        }
        let alpha = try Self.kubeconfig(dir, user: "exec: {command: p, apiVersion: client.authentication.k8s.io/v1alpha1}")
        #expect(throws: KubeconfigError.self) { try KubeconfigLoader.load(overrides: .init(kubeconfig: alpha), environment: dir.environment()) }
    }

    /// A canary secret set everywhere a secret can be must show in no error text.
    @Test func canaryNeverInErrors() async throws {
        let canary = "CANARY-9d1e5b"
        let dir = try TempDir()
        let file = try Self.kubeconfig(dir, user: "token: \(canary)\nusername: u\npassword: \(canary)")
        var texts: [String] = []
        do { _ = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment()) } catch { texts.append(shownText(error)) }
        let ok = try Self.kubeconfig(dir, user: "token: \(canary)")
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: ok), environment: dir.environment())
        texts.append("\(config.credentials)")
        texts.append(String(describing: config))
        for status in [401, 403, 404, 500] {
            let (client, _, _) = Self.client(config) { _ in .status(status, reason: "R", message: "denied for user system:anonymous") }
            do { _ = try await client.list(.secret, namespace: "fn") } catch { texts.append(shownText(error)) }
        }
        let (client, _, _) = Self.client(config) { _ in .json("{broken") }
        do { _ = try await client.getJSON(path: "/api") } catch { texts.append(shownText(error)) }
        #expect(texts.count >= 6)
        for text in texts { #expect(!text.contains(canary), "\(text)") }
    }
}

/// Lets a test move time.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(start: Date = Date(timeIntervalSince1970: 1_900_000_000)) { current = start }

    var now: @Sendable () -> Date { { [self] in lock.withLock { current } } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

final class OptionsLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [TransportOptions] = []
    func append(_ options: TransportOptions) { lock.withLock { items.append(options) } }
    var all: [TransportOptions] { lock.withLock { items } }
}

/// True for the first call only.
let fake401Once = OnceFlag()

final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    func next() -> Bool { lock.withLock { defer { fired = true }; return !fired } }
}
