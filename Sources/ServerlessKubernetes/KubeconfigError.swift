import ServerlessSupport

/// What can be wrong with the kubeconfig, the flags that override it, or the credentials they name.
/// Messages follow kubectl's where kubectl has one; none carries a token, password or key.
public enum KubeconfigError: UserFacingError, Equatable {
    /// `--kubeconfig` names a file that is not there.
    case explicitFileMissing(path: String)
    case unreadable(path: String, reason: String)
    case malformed(file: String, line: Int?, reason: String)
    case contextNotFound(String)
    case clusterNotFound(String)
    case userNotFound(String)
    /// Nothing configures a cluster: no kubeconfig, no `--server`, not in a pod.
    case noConfiguration
    /// Problems `ConfirmUsable` would list (several at once, as kubectl does).
    case invalid([String])
    case invalidTimeout(String)
    case legacyAuthProvider(user: String, provider: String)

    public var category: FailureCategory { .input }

    public var message: String {
        switch self {
        case let .explicitFileMissing(path):
            return "the kubeconfig file \"\(path)\" given with --kubeconfig does not exist"
        case let .unreadable(path, reason):
            return "cannot read \"\(path)\": \(reason)"
        case let .malformed(file, line, reason):
            return "invalid kubeconfig \(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
        case let .contextNotFound(name):
            return "context \"\(name)\" does not exist"
        case let .clusterNotFound(name):
            return "cluster \"\(name)\" does not exist"
        case let .userNotFound(name):
            return "user \"\(name)\" does not exist"
        case .noConfiguration:
            return "no Kubernetes cluster is configured: no kubeconfig was found and this is not running in a pod"
        case let .invalid(problems):
            return "invalid configuration: " + problems.joined(separator: "; ")
        case .invalidTimeout:
            return "invalid --request-timeout: give a whole number of seconds or a number with a unit (e.g. 1s | 2m | 3h); 0 means no timeout"
        case let .legacyAuthProvider(user, provider):
            return "user \"\(user)\" uses the \"\(provider)\" auth-provider, which kubectl no longer runs; "
                + "use the \(Self.replacement(for: provider)) exec credential plugin instead"
        }
    }

    public var hint: String? {
        switch self {
        case .noConfiguration:
            return "set KUBECONFIG or --kubeconfig to a kubeconfig file, create ~/.kube/config, or pass --server and --token"
        case .contextNotFound, .clusterNotFound, .userNotFound:
            return "`kubectl config get-contexts` lists what the kubeconfig defines"
        case .explicitFileMissing:
            return "check the path, or drop --kubeconfig to use KUBECONFIG or ~/.kube/config"
        case let .legacyAuthProvider(_, provider):
            return Self.replacementHint(for: provider)
        default:
            return nil
        }
    }

    package static func replacement(for provider: String) -> String {
        switch provider {
        case "gcp": return "gke-gcloud-auth-plugin"
        case "azure": return "kubelogin"
        case "oidc": return "kubelogin (int128/kubelogin, `kubectl oidc-login`)"
        default: return "matching"
        }
    }

    package static func replacementHint(for provider: String) -> String? {
        switch provider {
        case "gcp": return "install it with `gcloud components install gke-gcloud-auth-plugin`, then run `gcloud container clusters get-credentials`"
        case "azure": return "install kubelogin, then run `kubelogin convert-kubeconfig -l azurecli`"
        case "oidc": return "see https://github.com/int128/kubelogin for an exec-plugin setup"
        default: return nil
        }
    }
}
