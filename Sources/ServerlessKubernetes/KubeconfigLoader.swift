import Foundation
import ServerlessIO
import ServerlessSupport

/// Loads and resolves the kubeconfig the way kubectl (client-go's `DeferredLoadingClientConfig`) does:
/// `--kubeconfig`, else `KUBECONFIG` (merged, first wins), else `~/.kube/config`, else the pod's
/// service account when nothing configures a cluster.
public enum KubeconfigLoader {
    /// The files to read, in priority order.
    public static func files(overrides: KubeconfigOverrides, environment: KubeEnvironment) throws -> [String] {
        let fileManager = FileManager.default
        if let explicit = overrides.kubeconfig, !explicit.isEmpty {
            let path = environment.absolute(explicit)
            guard fileManager.fileExists(atPath: path) else { throw KubeconfigError.explicitFileMissing(path: explicit) }
            return [path]
        }
        if let list = environment.variables["KUBECONFIG"], !list.isEmpty {
            var seen: Set<String> = []
            var paths: [String] = []
            for entry in list.split(separator: ":", omittingEmptySubsequences: true) {
                let path = environment.absolute(String(entry))
                guard seen.insert(path).inserted, fileManager.fileExists(atPath: path) else { continue }
                paths.append(path)
            }
            return paths
        }
        if let home = environment.home, !home.isEmpty {
            let path = (home as NSString).appendingPathComponent(".kube/config")
            if fileManager.fileExists(atPath: path) { return [path] }
        }
        return []
    }

    /// The merged kubeconfig, before flags (for listing contexts, completion).
    public static func merged(overrides: KubeconfigOverrides, environment: KubeEnvironment = .process) throws -> Kubeconfig {
        var merged = Kubeconfig()
        for path in try files(overrides: overrides, environment: environment) {
            // Read to the end rather than by size: KUBECONFIG=/dev/null (an empty config, as kubectl takes it)
            // and other character devices report no size.
            guard let data = try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readToEnd() ?? Data(),
                  let text = String(data: data, encoding: .utf8) else {
                throw KubeconfigError.unreadable(path: path, reason: "the file cannot be read as UTF-8 text")
            }
            merged.merge(try Kubeconfig.parse(text, file: path))
        }
        return merged
    }

    /// The connection to use, with every flag applied.
    public static func load(overrides: KubeconfigOverrides = KubeconfigOverrides(),
                            environment: KubeEnvironment = .process) throws -> KubeClientConfig {
        let config = try merged(overrides: overrides, environment: environment)
        return try resolve(config, overrides: overrides, environment: environment)
    }

    /// The namespace a command runs in, which is where `kubectl apply -f` puts objects whose manifest has
    /// no `metadata.namespace` (client-go's `DeferredLoadingClientConfig.Namespace`): `-n`, else the
    /// context's, else (in a pod) the pod's, else `default`. Needs no cluster, server or credentials: an
    /// empty kubeconfig is fine, a malformed one or a `--context` that does not exist is an error, as in kubectl.
    public static func defaultNamespace(overrides o: KubeconfigOverrides = KubeconfigOverrides(),
                                        environment: KubeEnvironment = .process) throws -> String {
        let config = try merged(overrides: o, environment: environment)
        // kubectl takes -n even with a --context that does not exist; without -n the context must.
        if let flag = o.namespace.nonEmpty { return flag }
        var context = Kubeconfig.Context()
        if let contextName = o.context.nonEmpty ?? config.currentContext {
            guard let found = config.contexts[contextName] else { throw KubeconfigError.contextNotFound(contextName) }
            context = found
        }
        return namespace(flag: o.namespace, context: context, environment: environment).name
    }

    /// -n, then the context's, then (in a pod) the pod's, then `default`; explicit when the user chose it.
    private static func namespace(flag: String?, context: Kubeconfig.Context,
                                  environment: KubeEnvironment) -> (name: String, explicit: Bool) {
        if let flag = flag.nonEmpty { return (flag, true) }
        if let fromContext = context.namespace { return (fromContext, true) }
        return (environment.inClusterPossible ? environment.inClusterNamespace : "default", false)
    }

    /// Applies flags to a merged kubeconfig (client-go's `DirectClientConfig` + deferred in-cluster fallback).
    public static func resolve(_ config: Kubeconfig, overrides o: KubeconfigOverrides,
                               environment: KubeEnvironment) throws -> KubeClientConfig {
        let timeout = try o.requestTimeout.map(RequestTimeout.parse) ?? nil

        // Context, then the cluster and user it names, each overridable by a flag.
        let contextName = o.context.nonEmpty ?? config.currentContext
        var context = Kubeconfig.Context()
        if let contextName {
            guard let found = config.contexts[contextName] else { throw KubeconfigError.contextNotFound(contextName) }
            context = found
        }
        let userName = o.user.nonEmpty ?? context.user
        let clusterName = o.cluster.nonEmpty ?? context.cluster
        if let name = o.user.nonEmpty, config.users[name] == nil { throw KubeconfigError.userNotFound(name) }
        if let name = o.cluster.nonEmpty, config.clusters[name] == nil { throw KubeconfigError.clusterNotFound(name) }

        var cluster = clusterName.flatMap { config.clusters[$0] } ?? Kubeconfig.Cluster()
        applyClusterOverrides(o, to: &cluster, environment: environment)
        var user = userName.flatMap { config.users[$0] } ?? Kubeconfig.User()
        applyUserOverrides(o, to: &user, environment: environment)

        // Nothing names a server: kubectl falls back to the pod's service account, if there is one.
        if cluster.isEmpty {
            if environment.inClusterPossible { return try inCluster(overrides: o, timeout: timeout, environment: environment) }
            if let clusterName, config.clusters[clusterName] == nil, contextName != nil {
                throw KubeconfigError.clusterNotFound(clusterName)
            }
            throw KubeconfigError.noConfiguration
        }

        var problems = validate(cluster: cluster, name: clusterName ?? "", environment: environment)
        problems += validate(user: user, name: userName ?? "")
        if !problems.isEmpty { throw KubeconfigError.invalid(problems) }
        if let provider = user.authProvider, user.exec == nil {
            throw KubeconfigError.legacyAuthProvider(user: userName ?? "", provider: provider)
        }

        var credentials = KubeClientConfig.Credentials(token: user.token, username: user.username,
                                                       password: user.password, exec: user.exec)
        if let tokenFile = user.tokenFile {
            // client-go reads it once up front (an unreadable file is an error) and again as it rotates.
            credentials.tokenFile = tokenFile
            if user.token == nil {
                do {
                    credentials.token = Secret(try TokenFile.read(tokenFile))
                } catch {
                    throw KubeconfigError.unreadable(path: tokenFile, reason: "the token file for user \"\(userName ?? "")\" cannot be read")
                }
            }
        }

        let tls = TLSOptions(verify: !cluster.insecureSkipTLSVerify, caFile: cluster.certificateAuthority,
                             caPEM: cluster.certificateAuthorityData,
                             clientCertificateFile: user.clientCertificate, clientCertificatePEM: user.clientCertificateData,
                             clientKeyFile: user.clientKey, clientKeyPEM: user.clientKeyData,
                             serverName: cluster.tlsServerName)
        let impersonation = user.impersonate.map {
            KubeClientConfig.Impersonation(user: $0, uid: user.impersonateUID, groups: user.impersonateGroups)
        }

        let (namespace, explicit) = Self.namespace(flag: o.namespace, context: context, environment: environment)

        return KubeClientConfig(contextName: contextName, clusterName: clusterName, userName: userName,
                                server: normalizedServer(cluster.server ?? ""), namespace: namespace,
                                namespaceIsExplicit: explicit, tls: tls, proxy: cluster.proxyURL,
                                requestTimeout: timeout, credentials: credentials, impersonation: impersonation,
                                inCluster: false, cluster: cluster)
    }

    // MARK: - Flags over kubeconfig values (client-go `getCluster` / `getAuthInfo`)

    package static func applyClusterOverrides(_ o: KubeconfigOverrides, to cluster: inout Kubeconfig.Cluster,
                                      environment: KubeEnvironment) {
        if let server = o.server.nonEmpty { cluster.server = server }
        if let name = o.tlsServerName.nonEmpty { cluster.tlsServerName = name }
        // --insecure-skip-tls-verify or --certificate-authority replace all CA settings together, so a
        // kubeconfig CA does not clash with the flag.
        if o.insecureSkipTLSVerify || o.certificateAuthority.nonEmpty != nil {
            cluster.insecureSkipTLSVerify = o.insecureSkipTLSVerify
            cluster.certificateAuthority = o.certificateAuthority.nonEmpty.map(environment.absolute)
            cluster.certificateAuthorityData = nil
        }
        // A different --server makes the kubeconfig's tls-server-name meaningless unless given again.
        if o.server.nonEmpty != nil || o.tlsServerName.nonEmpty != nil {
            cluster.tlsServerName = o.tlsServerName.nonEmpty
        }
    }

    package static func applyUserOverrides(_ o: KubeconfigOverrides, to user: inout Kubeconfig.User,
                                   environment: KubeEnvironment) {
        if let token = o.token, !token.isEmpty {
            user.token = token
            user.tokenFile = nil
        }
        if let path = o.clientCertificate.nonEmpty {
            user.clientCertificate = environment.absolute(path)
            user.clientCertificateData = nil
        }
        if let path = o.clientKey.nonEmpty {
            user.clientKey = environment.absolute(path)
            user.clientKeyData = nil
        }
        if let username = o.username.nonEmpty { user.username = username }
        if let password = o.password, !password.isEmpty { user.password = password }
        if let name = o.impersonate.nonEmpty { user.impersonate = name }
        if !o.impersonateGroups.isEmpty { user.impersonateGroups = o.impersonateGroups }
        if let uid = o.impersonateUID.nonEmpty { user.impersonateUID = uid }
    }

    // MARK: - ConfirmUsable

    package static func validate(cluster: Kubeconfig.Cluster, name: String, environment: KubeEnvironment) -> [String] {
        var problems: [String] = []
        if cluster.server.nonEmpty == nil {
            problems.append(name.isEmpty ? "default cluster has no server defined" : "no server found for cluster \"\(name)\"")
        }
        if let proxy = cluster.proxyURL {
            let scheme = proxy.split(separator: ":").first.map { $0.lowercased() } ?? ""
            if !["http", "https", "socks5"].contains(scheme) || !proxy.contains("://") {
                problems.append("invalid 'proxy-url' \"\(proxy)\" for cluster \"\(name)\": only http, https and socks5 proxies are supported")
            }
        }
        if cluster.certificateAuthority != nil && cluster.certificateAuthorityData != nil {
            problems.append("certificate-authority-data and certificate-authority are both specified for \(name). certificate-authority-data will override.")
        }
        if let path = cluster.certificateAuthority, !FileManager.default.isReadableFile(atPath: path) {
            problems.append("unable to read certificate-authority \(path) for \(name)")
        }
        if cluster.insecureSkipTLSVerify && (cluster.certificateAuthority != nil || cluster.certificateAuthorityData != nil) {
            problems.append("specifying a root certificates file with the insecure flag is not allowed (cluster \"\(name)\")")
        }
        return problems
    }

    package static func validate(user: Kubeconfig.User, name: String) -> [String] {
        var problems: [String] = []
        var methods: [String] = []
        if user.token != nil { methods.append("token") }
        if user.username != nil || user.password != nil { methods.append("basicAuth") }
        if user.clientCertificate != nil || user.clientCertificateData != nil {
            if user.clientCertificate != nil && user.clientCertificateData != nil {
                problems.append("client-cert-data and client-cert are both specified for \(name). client-cert-data will override.")
            }
            if user.clientKey != nil && user.clientKeyData != nil {
                problems.append("client-key-data and client-key are both specified for \(name); client-key-data will override")
            }
            if user.clientKey == nil && user.clientKeyData == nil {
                problems.append("client-key-data or client-key must be specified for \(name) to use the clientCert authentication method.")
            }
            if let path = user.clientCertificate, !FileManager.default.isReadableFile(atPath: path) {
                problems.append("unable to read client-cert \(path) for \(name)")
            }
            if let path = user.clientKey, !FileManager.default.isReadableFile(atPath: path) {
                problems.append("unable to read client-key \(path) for \(name)")
            }
        }
        if let exec = user.exec {
            if user.authProvider != nil {
                problems.append("authProvider cannot be provided in combination with an exec plugin for \(name)")
            }
            if exec.command.isEmpty { problems.append("command must be specified for \(name) to use exec authentication plugin") }
            if exec.apiVersion.isEmpty {
                problems.append("apiVersion must be specified for \(name) to use exec authentication plugin")
            } else if ![ExecCredentialPlugin.v1, ExecCredentialPlugin.v1beta1].contains(exec.apiVersion) {
                problems.append("exec plugin: invalid apiVersion \"\(exec.apiVersion)\" for \(name) (use \(ExecCredentialPlugin.v1))")
            }
            if exec.env.contains(where: { $0.name.isEmpty }) {
                problems.append("env variable name must be specified for \(name) to use exec authentication plugin")
            }
            switch exec.interactiveMode {
            case nil: problems.append("interactiveMode must be specified for \(name) to use exec authentication plugin")
            case "Never", "IfAvailable", "Always": break
            case let mode?: problems.append("invalid interactiveMode for \(name): \"\(mode)\"")
            }
        }
        if methods.count > 1 {
            problems.append("more than one authentication method found for \(name); found [\(methods.joined(separator: " "))], only one is allowed")
        }
        if (user.impersonateUID != nil || !user.impersonateGroups.isEmpty) && user.impersonate == nil {
            problems.append("requesting uid, groups or user-extra for \(name) without impersonating a user")
        }
        return problems
    }

    // MARK: - In-cluster (rest.InClusterConfig)

    package static func inCluster(overrides o: KubeconfigOverrides, timeout: Duration?,
                          environment: KubeEnvironment) throws -> KubeClientConfig {
        let host = environment.variables["KUBERNETES_SERVICE_HOST"] ?? ""
        let port = environment.variables["KUBERNETES_SERVICE_PORT"] ?? ""
        var server = "https://" + (host.contains(":") ? "[\(host)]" : host) + ":" + port
        if let flag = o.server.nonEmpty { server = flag }

        var credentials = KubeClientConfig.Credentials()
        if let token = o.token, !token.isEmpty {
            credentials.token = token
        } else {
            do {
                credentials.token = Secret(try TokenFile.read(environment.tokenPath))
            } catch {
                throw KubeconfigError.unreadable(path: environment.tokenPath, reason: "the service account token cannot be read")
            }
            credentials.tokenFile = environment.tokenPath
        }
        var tls = TLSOptions()
        if FileManager.default.isReadableFile(atPath: environment.caPath) { tls.caFile = environment.caPath }
        if let ca = o.certificateAuthority.nonEmpty { tls.caFile = environment.absolute(ca) }

        let namespace = o.namespace.nonEmpty ?? environment.inClusterNamespace
        var cluster = Kubeconfig.Cluster()
        cluster.server = server
        cluster.certificateAuthority = tls.caFile
        return KubeClientConfig(server: normalizedServer(server), namespace: namespace,
                                namespaceIsExplicit: o.namespace.nonEmpty != nil, tls: tls,
                                requestTimeout: timeout, credentials: credentials, inCluster: true, cluster: cluster)
    }

    /// `host:port` gets `https://`; a trailing slash, query and fragment go.
    package static func normalizedServer(_ server: String) -> String {
        var text = server.trimmingSpaces
        if !text.contains("://") { text = "https://" + text }
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

/// Token files hold the token, possibly with a trailing newline.
package enum TokenFile {
    package static func read(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
