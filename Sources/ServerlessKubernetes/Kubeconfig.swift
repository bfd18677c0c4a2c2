import Foundation
import ServerlessSupport

/// A kubeconfig as client-go reads it: named clusters, users and contexts, and the current context.
/// Several files merge into one (`KUBECONFIG=a:b`); relative paths are already made absolute
/// against the directory of the file that held them.
public struct Kubeconfig: Sendable {
    public var currentContext: String?
    public var contexts: [String: Context] = [:]
    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    /// The files read, in order.
    public var files: [String] = []

    public init() {}

    public struct Context: Sendable, Equatable {
        public var cluster: String?
        public var user: String?
        public var namespace: String?
        public init(cluster: String? = nil, user: String? = nil, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    public struct Cluster: Sendable, Equatable {
        public var server: String?
        public var tlsServerName: String?
        public var insecureSkipTLSVerify = false
        /// A path (absolute once loaded).
        public var certificateAuthority: String?
        /// PEM bytes, decoded from `certificate-authority-data`.
        public var certificateAuthorityData: [UInt8]?
        public var proxyURL: String?
        public var disableCompression = false
        /// The `client.authentication.k8s.io/exec` extension, handed to exec plugins as `spec.cluster.config`.
        public var execExtension: Value?
        public init() {}

        package var isEmpty: Bool { self == Cluster() }
    }

    public struct User: Sendable, Equatable {
        public var clientCertificate: String?
        public var clientCertificateData: [UInt8]?
        public var clientKey: String?
        public var clientKeyData: Secret?
        public var token: Secret?
        public var tokenFile: String?
        public var impersonate: String?
        public var impersonateUID: String?
        public var impersonateGroups: [String] = []
        public var username: String?
        public var password: Secret?
        /// The name of a legacy `auth-provider` (`gcp`, `azure`, `oidc`); we do not run them.
        public var authProvider: String?
        public var exec: ExecConfig?
        public init() {}
    }

    public struct ExecConfig: Sendable, Equatable {
        public var command: String
        public var args: [String] = []
        public var env: [EnvVar] = []
        public var apiVersion: String
        public var installHint: String?
        public var provideClusterInfo = false
        /// `Never`, `IfAvailable` or `Always`; v1beta1 defaults to `IfAvailable`, v1 requires it.
        public var interactiveMode: String?

        public struct EnvVar: Sendable, Equatable {
            public var name: String
            public var value: String
        }

        public init(command: String, args: [String] = [], env: [EnvVar] = [], apiVersion: String,
                    installHint: String? = nil, provideClusterInfo: Bool = false, interactiveMode: String? = nil) {
            self.command = command
            self.args = args
            self.env = env
            self.apiVersion = apiVersion
            self.installHint = installHint
            self.provideClusterInfo = provideClusterInfo
            self.interactiveMode = interactiveMode
        }
    }
}

extension Kubeconfig {
    /// Parses one kubeconfig file's text. `file` names it in errors and anchors relative paths.
    public static func parse(_ text: String, file: String) throws -> Kubeconfig {
        let documents: [YAML.Document]
        do {
            documents = try YAML.documents(text)
        } catch let error as YAML.SyntaxError {
            throw KubeconfigError.malformed(file: file, line: error.line, reason: error.reason)
        }
        var config = Kubeconfig()
        config.files = [file]
        guard let root = documents.first?.value, !root.isNull else { return config }
        guard case .object = root else {
            throw KubeconfigError.malformed(file: file, line: documents.first?.line, reason: "the document is not a mapping")
        }
        let directory = (file as NSString).deletingLastPathComponent
        let reader = FieldReader(file: file, lines: documents.first?.fieldLines ?? [:], directory: directory)

        if let current = root["current-context"].string, !current.isEmpty { config.currentContext = current }

        for (index, entry) in root["clusters"].array.enumerated() {
            let path = "clusters[\(index)]"
            guard let name = entry["name"].string else { continue }
            let c = entry["cluster"]
            var cluster = Cluster()
            cluster.server = c["server"].string.nonEmpty
            cluster.tlsServerName = c["tls-server-name"].string.nonEmpty
            cluster.insecureSkipTLSVerify = c["insecure-skip-tls-verify"].bool ?? false
            cluster.certificateAuthority = reader.path(c["certificate-authority"])
            cluster.certificateAuthorityData = try reader.base64(c["certificate-authority-data"],
                                                                 at: "\(path).cluster.certificate-authority-data")
            cluster.proxyURL = c["proxy-url"].string.nonEmpty
            cluster.disableCompression = c["disable-compression"].bool ?? false
            for ext in c["extensions"].array where ext["name"].string == "client.authentication.k8s.io/exec" {
                cluster.execExtension = ext["extension"]
            }
            guard config.clusters[name] == nil else {
                throw KubeconfigError.malformed(file: file, line: nil, reason: "duplicate cluster name \"\(name)\"")
            }
            config.clusters[name] = cluster
        }

        for (index, entry) in root["users"].array.enumerated() {
            let path = "users[\(index)]"
            guard let name = entry["name"].string else { continue }
            let u = entry["user"]
            var user = User()
            user.clientCertificate = reader.path(u["client-certificate"])
            user.clientCertificateData = try reader.base64(u["client-certificate-data"], at: "\(path).user.client-certificate-data")
            user.clientKey = reader.path(u["client-key"])
            user.clientKeyData = try reader.base64(u["client-key-data"], at: "\(path).user.client-key-data")
                .map { Secret(String(decoding: $0, as: UTF8.self)) }
            user.token = u["token"].string.nonEmpty.map(Secret.init)
            user.tokenFile = reader.path(u["tokenFile"])
            user.impersonate = u["as"].string.nonEmpty
            user.impersonateUID = u["as-uid"].string.nonEmpty
            user.impersonateGroups = u["as-groups"].array.compactMap(\.string)
            user.username = u["username"].string.nonEmpty
            user.password = u["password"].string.nonEmpty.map(Secret.init)
            if !u["auth-provider"].isNull { user.authProvider = u["auth-provider"]["name"].string ?? "" }
            if !u["exec"].isNull { user.exec = try reader.exec(u["exec"], at: "\(path).user.exec") }
            guard config.users[name] == nil else {
                throw KubeconfigError.malformed(file: file, line: nil, reason: "duplicate user name \"\(name)\"")
            }
            config.users[name] = user
        }

        for entry in root["contexts"].array {
            guard let name = entry["name"].string else { continue }
            let c = entry["context"]
            let context = Context(cluster: c["cluster"].string.nonEmpty, user: c["user"].string.nonEmpty,
                                  namespace: c["namespace"].string.nonEmpty)
            guard config.contexts[name] == nil else {
                throw KubeconfigError.malformed(file: file, line: nil, reason: "duplicate context name \"\(name)\"")
            }
            config.contexts[name] = context
        }
        return config
    }

    /// client-go's merge: every map entry and `current-context` come from the first file that sets them,
    /// whole (a later file's same-named user is ignored, even its fields the first lacks).
    public mutating func merge(_ later: Kubeconfig) {
        if currentContext == nil { currentContext = later.currentContext }
        for (name, value) in later.contexts where contexts[name] == nil { contexts[name] = value }
        for (name, value) in later.clusters where clusters[name] == nil { clusters[name] = value }
        for (name, value) in later.users where users[name] == nil { users[name] = value }
        files += later.files
    }
}

/// Reads typed fields out of a kubeconfig document, naming the file and line when one is wrong.
private struct FieldReader {
    let file: String
    let lines: [String: Int]
    let directory: String

    func line(_ path: String) -> Int? {
        SourceLocation(file: file, line: 1, fieldLines: lines).line(of: path)
    }

    /// Relative paths resolve against the kubeconfig's own directory, as client-go does.
    func path(_ value: Value) -> String? {
        guard let text = value.string, !text.isEmpty else { return nil }
        return KubePaths.resolve(text, against: directory)
    }

    func base64(_ value: Value, at path: String) throws -> [UInt8]? {
        guard let text = value.string, !text.isEmpty else { return nil }
        let cleaned = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: cleaned) else {
            throw KubeconfigError.malformed(file: file, line: line(path), reason: "\(path) is not valid base64")
        }
        return Array(data)
    }

    func exec(_ value: Value, at path: String) throws -> Kubeconfig.ExecConfig {
        var command = value["command"].string ?? ""
        // A command with a slash in it is a path, relative to the kubeconfig; a bare name is looked up in PATH.
        if command.contains("/") { command = KubePaths.resolve(command, against: directory) }
        let env = value["env"].array.map {
            Kubeconfig.ExecConfig.EnvVar(name: $0["name"].string ?? "", value: $0["value"].string ?? "")
        }
        let apiVersion = value["apiVersion"].string ?? ""
        var mode = value["interactiveMode"].string.nonEmpty
        if mode == nil && apiVersion == ExecCredentialPlugin.v1beta1 { mode = "IfAvailable" }
        return Kubeconfig.ExecConfig(command: command, args: value["args"].array.compactMap(\.string), env: env,
                                     apiVersion: apiVersion, installHint: value["installHint"].string.nonEmpty,
                                     provideClusterInfo: value["provideClusterInfo"].bool ?? false,
                                     interactiveMode: mode)
    }
}

package enum KubePaths {
    package static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty { return path }
        return (directory as NSString).appendingPathComponent(path)
    }
}

extension Optional where Wrapped == String {
    package var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
