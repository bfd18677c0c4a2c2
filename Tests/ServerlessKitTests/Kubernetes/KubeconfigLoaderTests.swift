import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessKubernetes
@testable import ServerlessSupport

@Suite("Kubeconfig loading")
struct KubeconfigLoaderTests {
    static let first = """
    apiVersion: v1
    kind: Config
    current-context: alpha
    clusters:
    - name: shared
      cluster: {server: "https://first.example:6443"}
    - name: only-first
      cluster: {server: "https://only-first.example"}
    users:
    - name: red-user
      user: {token: first-token}
    contexts:
    - name: alpha
      context: {cluster: shared, user: red-user, namespace: from-first}
    - name: shared-ctx
      context: {cluster: shared, user: red-user}
    """

    static let second = """
    apiVersion: v1
    kind: Config
    current-context: beta
    clusters:
    - name: shared
      cluster: {server: "https://second.example:6443", insecure-skip-tls-verify: true}
    - name: only-second
      cluster: {server: "https://only-second.example"}
    users:
    - name: red-user
      user: {token: second-token, as: should-not-merge}
    - name: blue-user
      user: {username: blue, password: blue-pass}
    contexts:
    - name: beta
      context: {cluster: only-second, user: blue-user, namespace: from-second}
    - name: shared-ctx
      context: {cluster: only-second, user: blue-user}
    """

    @Test func kubeconfigListMergesFirstWins() throws {
        let dir = try TempDir()
        let a = try dir.write("a/config", Self.first)
        let b = try dir.write("b/config", Self.second)
        let env = dir.environment(["KUBECONFIG": "\(a)::\(dir.path)/missing:\(b):\(a)"])
        #expect(try KubeconfigLoader.files(overrides: .init(), environment: env) == [a, b])
        let merged = try KubeconfigLoader.merged(overrides: .init(), environment: env)
        #expect(merged.currentContext == "alpha")
        #expect(merged.clusters["shared"]?.server == "https://first.example:6443")
        #expect(merged.clusters["shared"]?.insecureSkipTLSVerify == false)
        #expect(merged.clusters["only-second"]?.server == "https://only-second.example")
        // The whole entry comes from the first file: the second's `as` is not merged in.
        #expect(merged.users["red-user"]?.token?.value == "first-token")
        #expect(merged.users["red-user"]?.impersonate == nil)
        #expect(merged.contexts["shared-ctx"]?.cluster == "shared")

        let config = try KubeconfigLoader.load(environment: env)
        #expect(config.contextName == "alpha")
        #expect(config.server == "https://first.example:6443")
        #expect(config.namespace == "from-first")
        #expect(config.credentials.token?.value == "first-token")

        // Swapping the order swaps the winner.
        let swapped = try KubeconfigLoader.load(environment: dir.environment(["KUBECONFIG": "\(b):\(a)"]))
        #expect(swapped.contextName == "beta")
        #expect(swapped.server == "https://only-second.example")
        #expect(swapped.credentials.username == "blue")
    }

    @Test func currentContextFromLaterFileWhenFirstHasNone() throws {
        let dir = try TempDir()
        let a = try dir.write("a", Self.first.replacingOccurrences(of: "current-context: alpha\n", with: ""))
        let b = try dir.write("b", Self.second)
        let config = try KubeconfigLoader.load(environment: dir.environment(["KUBECONFIG": "\(a):\(b)"]))
        #expect(config.contextName == "beta")
    }

    @Test func explicitKubeconfigMustExistAndIsNotMerged() throws {
        let dir = try TempDir()
        let b = try dir.write("b", Self.second)
        let a = try dir.write("a", Self.first)
        let env = dir.environment(["KUBECONFIG": a])
        #expect(throws: KubeconfigError.explicitFileMissing(path: "nope/config")) {
            try KubeconfigLoader.load(overrides: .init(kubeconfig: "nope/config"), environment: env)
        }
        do {
            _ = try KubeconfigLoader.load(overrides: .init(kubeconfig: "nope/config"), environment: env)
        } catch let error as UserFacingError {
            #expect(error.category == .input)
            #expect(error.category.exitCode == 2)
        }
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: "b"), environment: env)
        #expect(config.contextName == "beta")
        #expect(try KubeconfigLoader.merged(overrides: .init(kubeconfig: b), environment: env).clusters["only-first"] == nil)
    }

    @Test func homeConfigIsTheLastFileChoice() throws {
        let dir = try TempDir()
        try dir.write("home/.kube/config", Self.second)
        let config = try KubeconfigLoader.load(environment: dir.environment())
        #expect(config.contextName == "beta")
        // An empty KUBECONFIG is as if unset.
        #expect(try KubeconfigLoader.load(environment: dir.environment(["KUBECONFIG": ""])).contextName == "beta")
    }

    @Test func devNullIsAnEmptyKubeconfig() throws {
        // kubectl reads KUBECONFIG=/dev/null as a config with nothing in it; a character device has no size.
        let dir = try TempDir()
        let merged = try KubeconfigLoader.merged(overrides: .init(), environment: dir.environment(["KUBECONFIG": "/dev/null"]))
        #expect(merged.contexts.isEmpty && merged.clusters.isEmpty)
        #expect(try KubeconfigLoader.merged(overrides: .init(kubeconfig: "/dev/null"), environment: dir.environment()).contexts.isEmpty)
    }

    @Test func noConfigurationAtAll() throws {
        let dir = try TempDir()
        #expect(throws: KubeconfigError.noConfiguration) { try KubeconfigLoader.load(environment: dir.environment()) }
        // All KUBECONFIG entries missing: same.
        #expect(throws: KubeconfigError.noConfiguration) {
            try KubeconfigLoader.load(environment: dir.environment(["KUBECONFIG": "/nope/a:/nope/b"]))
        }
        let error = KubeconfigError.noConfiguration
        #expect(error.hint?.contains("KUBECONFIG") == true)
    }

    @Test func serverFlagAloneIsEnough() throws {
        let dir = try TempDir()
        let config = try KubeconfigLoader.load(overrides: .init(server: "https://flag.example:443/", token: Secret("t")),
                                               environment: dir.environment())
        #expect(config.server == "https://flag.example:443")
        #expect(config.namespace == "default")
        #expect(!config.inCluster)
    }

    @Test func unknownContextClusterUser() throws {
        let dir = try TempDir()
        try dir.write("home/.kube/config", Self.first)
        let env = dir.environment()
        #expect(throws: KubeconfigError.contextNotFound("x")) { try KubeconfigLoader.load(overrides: .init(context: "x"), environment: env) }
        #expect(throws: KubeconfigError.clusterNotFound("x")) { try KubeconfigLoader.load(overrides: .init(cluster: "x"), environment: env) }
        #expect(throws: KubeconfigError.userNotFound("x")) { try KubeconfigLoader.load(overrides: .init(user: "x"), environment: env) }
        #expect(KubeconfigError.contextNotFound("x").message == "context \"x\" does not exist")
        // --cluster/--user swap parts of the context.
        let swapped = try KubeconfigLoader.load(overrides: .init(cluster: "only-first"), environment: env)
        #expect(swapped.server == "https://only-first.example")
        #expect(swapped.credentials.token?.value == "first-token")
    }

    @Test func malformedYAMLNamesFileAndLine() throws {
        let dir = try TempDir()
        let file = try dir.write("home/.kube/config", "apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: [unclosed\n")
        do {
            _ = try KubeconfigLoader.load(environment: dir.environment())
            Issue.record("expected an error")
        } catch let error as KubeconfigError {
            guard case let .malformed(errorFile, line, _) = error else { Issue.record("\(error)"); return }
            #expect(errorFile == file)
            #expect(line != nil)
            #expect(error.message.hasPrefix("invalid kubeconfig \(file):"))
            #expect(error.category == .input)
        }
    }

    @Test func badBase64AndDuplicatesAreErrors() throws {
        let dir = try TempDir()
        try dir.write("home/.kube/config", """
        clusters:
        - name: c
          cluster:
            server: https://x
            certificate-authority-data: "not base64!!"
        """)
        #expect(throws: KubeconfigError.self) { try KubeconfigLoader.load(environment: dir.environment()) }
        try dir.write("home/.kube/config", """
        users:
        - {name: u, user: {token: a}}
        - {name: u, user: {token: b}}
        """)
        do {
            _ = try KubeconfigLoader.load(environment: dir.environment())
            Issue.record("expected an error")
        } catch {
            #expect(shownText(error).contains("duplicate user name \"u\""))
            #expect(!shownText(error).contains("token"))
        }
    }

    @Test func namespaceDefaulting() throws {
        let dir = try TempDir()
        try dir.write("home/.kube/config", Self.first)
        let env = dir.environment()
        #expect(try KubeconfigLoader.load(overrides: .init(namespace: "flag"), environment: env).namespace == "flag")
        let fromContext = try KubeconfigLoader.load(environment: env)
        #expect(fromContext.namespace == "from-first")
        #expect(fromContext.namespaceIsExplicit)
        let none = try KubeconfigLoader.load(overrides: .init(context: "shared-ctx"), environment: env)
        #expect(none.namespace == "default")
        #expect(!none.namespaceIsExplicit)

        // In a pod, a context without a namespace falls back to the pod's namespace.
        try dir.write("serviceaccount/token", "sa-token\n")
        try dir.write("serviceaccount/namespace", "pod-ns\n")
        let podEnv = dir.environment(["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"])
        #expect(try KubeconfigLoader.load(overrides: .init(context: "shared-ctx"), environment: podEnv).namespace == "pod-ns")
        #expect(try KubeconfigLoader.load(environment: podEnv).namespace == "from-first")
        var withPodNamespace = podEnv
        withPodNamespace.variables["POD_NAMESPACE"] = "downward"
        #expect(try KubeconfigLoader.load(overrides: .init(context: "shared-ctx"), environment: withPodNamespace).namespace == "downward")
    }

    @Test func relativePathsResolveAgainstTheKubeconfigDirectory() throws {
        let dir = try TempDir()
        try dir.write("conf/certs/ca.crt", "CA")
        try dir.write("conf/certs/client.crt", "CERT")
        try dir.write("conf/certs/client.key", "KEY")
        try dir.write("conf/token", "file-token\n")
        let file = try dir.write("conf/config", """
        current-context: c
        clusters: [{name: c, cluster: {server: "https://x", certificate-authority: certs/ca.crt}}]
        users:
        - name: u
          user: {client-certificate: certs/client.crt, client-key: ./certs/client.key, tokenFile: token}
        - name: e
          user: {exec: {command: ./bin/plugin, apiVersion: client.authentication.k8s.io/v1beta1}}
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """)
        let config = try KubeconfigLoader.load(overrides: .init(kubeconfig: file), environment: dir.environment())
        #expect(config.tls.caFile == dir.path + "/conf/certs/ca.crt")
        #expect(config.tls.clientCertificateFile == dir.path + "/conf/certs/client.crt")
        #expect(config.tls.clientKeyFile == dir.path + "/conf/./certs/client.key")
        #expect(config.credentials.tokenFile == dir.path + "/conf/token")
        #expect(config.credentials.token?.value == "file-token")
        let merged = try KubeconfigLoader.merged(overrides: .init(kubeconfig: file), environment: dir.environment())
        #expect(merged.users["e"]?.exec?.command == dir.path + "/conf/./bin/plugin")
        #expect(merged.users["e"]?.exec?.interactiveMode == "IfAvailable")
        // Flag paths resolve against the working directory.
        let flagged = try KubeconfigLoader.load(overrides: .init(kubeconfig: file, certificateAuthority: "conf/certs/ca.crt"),
                                                environment: dir.environment())
        #expect(flagged.tls.caFile == dir.path + "/conf/certs/ca.crt")
    }

    @Test func overridesFollowKubectl() throws {
        let dir = try TempDir()
        try dir.write("ca.crt", "CA")
        try dir.write("other-ca.crt", "CA2")
        try dir.write("tok", "file-token")
        try dir.write("c.crt", "C")
        try dir.write("c.key", "K")
        let caData = Data("PEM-CA".utf8).base64EncodedString()
        let certData = Data("PEM-CERT".utf8).base64EncodedString()
        let keyData = Data("PEM-KEY".utf8).base64EncodedString()
        try dir.write("home/.kube/config", """
        current-context: c
        clusters:
        - name: c
          cluster: {server: "https://x:6443", certificate-authority-data: \(caData), tls-server-name: inner.example, proxy-url: "socks5://proxy:1080"}
        users:
        - name: u
          user: {tokenFile: \(dir.path)/tok, client-certificate-data: \(certData), client-key-data: \(keyData)}
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """)
        let env = dir.environment()
        let plain = try KubeconfigLoader.load(environment: env)
        #expect(plain.tls.caPEM == Array("PEM-CA".utf8))
        #expect(plain.tls.verify)
        #expect(plain.tls.serverName == "inner.example")
        #expect(plain.tls.clientCertificatePEM == Array("PEM-CERT".utf8))
        #expect(plain.tls.clientKeyPEM?.value == "PEM-KEY")
        #expect(plain.proxy == "socks5://proxy:1080")
        #expect(plain.credentials.token?.value == "file-token")
        let options = plain.transportOptions(base: TransportOptions(maxConcurrentRequests: 7))
        #expect(options.proxy == "socks5://proxy:1080")
        #expect(options.tls.caPEM == Array("PEM-CA".utf8))
        #expect(options.maxConcurrentRequests == 7)

        // --token clears tokenFile.
        let token = try KubeconfigLoader.load(overrides: .init(token: Secret("flag-token")), environment: env)
        #expect(token.credentials.token?.value == "flag-token")
        #expect(token.credentials.tokenFile == nil)
        // --certificate-authority clears CA data.
        let ca = try KubeconfigLoader.load(overrides: .init(certificateAuthority: "other-ca.crt"), environment: env)
        #expect(ca.tls.caPEM == nil)
        #expect(ca.tls.caFile == dir.path + "/other-ca.crt")
        // --insecure-skip-tls-verify drops the CA instead of clashing with it.
        let insecure = try KubeconfigLoader.load(overrides: .init(insecureSkipTLSVerify: true), environment: env)
        #expect(!insecure.tls.verify)
        #expect(insecure.tls.caPEM == nil && insecure.tls.caFile == nil)
        // --server clears the kubeconfig's tls-server-name unless given again.
        let server = try KubeconfigLoader.load(overrides: .init(server: "https://other:1"), environment: env)
        #expect(server.server == "https://other:1")
        #expect(server.tls.serverName == nil)
        let serverAndName = try KubeconfigLoader.load(overrides: .init(server: "https://other:1", tlsServerName: "n"), environment: env)
        #expect(serverAndName.tls.serverName == "n")
        // --client-certificate / --client-key replace the data forms.
        let client = try KubeconfigLoader.load(overrides: .init(clientCertificate: "c.crt", clientKey: "c.key"), environment: env)
        #expect(client.tls.clientCertificatePEM == nil && client.tls.clientCertificateFile == dir.path + "/c.crt")
        #expect(client.tls.clientKeyPEM == nil && client.tls.clientKeyFile == dir.path + "/c.key")
        // Impersonation.
        let asUser = try KubeconfigLoader.load(overrides: .init(impersonate: "jane", impersonateGroups: ["devs", "ops"],
                                                                impersonateUID: "42"), environment: env)
        #expect(asUser.impersonation == KubeClientConfig.Impersonation(user: "jane", uid: "42", groups: ["devs", "ops"]))
        // Timeout.
        #expect(try KubeconfigLoader.load(overrides: .init(requestTimeout: "1m30s"), environment: env).requestTimeout == .seconds(90))
        #expect(try KubeconfigLoader.load(overrides: .init(requestTimeout: "0"), environment: env).requestTimeout == nil)
        #expect(throws: KubeconfigError.invalidTimeout("soon")) {
            try KubeconfigLoader.load(overrides: .init(requestTimeout: "soon"), environment: env)
        }
    }

    @Test func validationLikeConfirmUsable() throws {
        let dir = try TempDir()
        try dir.write("home/.kube/config", """
        current-context: c
        clusters: [{name: c, cluster: {server: "https://x", certificate-authority: /nope/ca.crt, proxy-url: "ftp://p"}}]
        users: [{name: u, user: {token: canary-abc, username: bob, password: pw, as-groups: [g], client-certificate: /nope/c.crt}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """)
        do {
            _ = try KubeconfigLoader.load(environment: dir.environment())
            Issue.record("expected an error")
        } catch let error as KubeconfigError {
            let text = shownText(error)
            #expect(text.contains("more than one authentication method found for u; found [token basicAuth]"))
            #expect(text.contains("unable to read certificate-authority /nope/ca.crt for c"))
            #expect(text.contains("invalid 'proxy-url' \"ftp://p\""))
            #expect(text.contains("client-key-data or client-key must be specified for u"))
            #expect(text.contains("without impersonating a user"))
            #expect(!text.contains("canary-abc") && !text.contains("pw"))
        }
    }

    @Test func legacyAuthProviderNamesTheExecPlugin() throws {
        let dir = try TempDir()
        for (provider, plugin) in [("gcp", "gke-gcloud-auth-plugin"), ("azure", "kubelogin")] {
            try dir.write("home/.kube/config", """
            current-context: c
            clusters: [{name: c, cluster: {server: "https://x"}}]
            users: [{name: u, user: {auth-provider: {name: \(provider), config: {access-token: secret-at}}}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            """)
            do {
                _ = try KubeconfigLoader.load(environment: dir.environment())
                Issue.record("expected an error")
            } catch let error as KubeconfigError {
                #expect(error.message.contains(plugin))
                #expect(error.message.contains("\"\(provider)\" auth-provider"))
                #expect(!shownText(error).contains("secret-at"))
            }
        }
    }

    @Test func inClusterWhenNothingElseConfiguresACluster() throws {
        let dir = try TempDir()
        try dir.write("serviceaccount/token", "sa-token-1\n")
        try dir.write("serviceaccount/ca.crt", "CA")
        let vars = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        let config = try KubeconfigLoader.load(environment: dir.environment(vars))
        #expect(config.inCluster)
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.credentials.token?.value == "sa-token-1")
        #expect(config.credentials.tokenFile == dir.path + "/serviceaccount/token")
        #expect(config.tls.caFile == dir.path + "/serviceaccount/ca.crt")
        #expect(config.namespace == "default")
        #expect(config.sourceName == "in-cluster")

        let ipv6 = try KubeconfigLoader.load(environment: dir.environment(["KUBERNETES_SERVICE_HOST": "fd00::1",
                                                                           "KUBERNETES_SERVICE_PORT": "443"]))
        #expect(ipv6.server == "https://[fd00::1]:443")
        // Flags that in-cluster honours.
        let flagged = try KubeconfigLoader.load(overrides: .init(namespace: "n", token: Secret("flag")),
                                                environment: dir.environment(vars))
        #expect(flagged.credentials.token?.value == "flag" && flagged.credentials.tokenFile == nil)
        #expect(flagged.namespace == "n")
        // Not possible without the token file, or without the variables.
        try FileManager.default.removeItem(atPath: dir.path + "/serviceaccount/token")
        #expect(throws: KubeconfigError.noConfiguration) { try KubeconfigLoader.load(environment: dir.environment(vars)) }
        try dir.write("serviceaccount/token", "x")
        #expect(throws: KubeconfigError.noConfiguration) {
            try KubeconfigLoader.load(environment: dir.environment(["KUBERNETES_SERVICE_HOST": "10.96.0.1"]))
        }
        // A kubeconfig wins over the pod.
        try dir.write("home/.kube/config", Self.first)
        #expect(try !KubeconfigLoader.load(environment: dir.environment(vars)).inCluster)
    }

    @Test func requestTimeoutSyntax() throws {
        #expect(try RequestTimeout.parse("0") == nil)
        #expect(try RequestTimeout.parse("") == nil)
        #expect(try RequestTimeout.parse("30") == .seconds(30))
        #expect(try RequestTimeout.parse("1s") == .seconds(1))
        #expect(try RequestTimeout.parse("2m") == .seconds(120))
        #expect(try RequestTimeout.parse("1h30m") == .seconds(5400))
        #expect(try RequestTimeout.parse("1.5h") == .seconds(5400))
        #expect(try RequestTimeout.parse("300ms") == .milliseconds(300))
        #expect(try RequestTimeout.parse("10us") == .microseconds(10))
        #expect(try RequestTimeout.parse("10µs") == .microseconds(10))
        #expect(try RequestTimeout.parse("0s") == nil)
        for bad in ["-1", "-5s", "1d", "s", "1.2.3s", "abc", "1 s"] {
            #expect(throws: KubeconfigError.self, "\(bad)") { try RequestTimeout.parse(bad) }
        }
    }
}
