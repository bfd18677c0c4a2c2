import ServerlessKubernetes

/// Azure Functions host containers, recognised from the manifest alone: the host's own settings in
/// env/envFrom keys, or an `azure-functions` base image.
public struct FunctionsHost: Sendable {
    public var workload: Workload
    public var container: Container
    public var env: ContainerEnv

    package static let markerNames: Set<String> = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "AzureWebJobsSecretStorageType",
                                           "AzureWebJobsScriptRoot", "FUNCTIONS_EXTENSION_VERSION"]
    package static let markerPrefixes = ["AzureFunctionsJobHost__", "AzureFunctionsWebHost__", "AzureWebJobsStorage__"]

    package static func isHost(_ container: Container, env: ContainerEnv) -> Bool {
        if container.image.contains("azure-functions") { return true }
        return env.knownNames.contains { name in
            markerNames.contains(name) || markerPrefixes.contains(where: name.hasPrefix)
        }
    }

    /// Every Functions host container in the input (computed once per run).
    public static func all(in index: DoctorIndex) -> [FunctionsHost] { index.functionsHosts }

    /// One pass over the workloads.
    package static func scan(in index: DoctorIndex) -> [FunctionsHost] {
        var hosts: [FunctionsHost] = []
        for workload in index.workloads {
            for container in workload.containers {
                let env = index.env(of: container, in: workload)
                if isHost(container, env: env) { hosts.append(FunctionsHost(workload: workload, container: container, env: env)) }
            }
        }
        // Namespace too: apps of the same name in two namespaces must come in one order, run after run.
        return hosts.sorted {
            ($0.workload.object.namespace ?? "", $0.workload.object.name, $0.container.path)
                < ($1.workload.object.namespace ?? "", $1.workload.object.name, $1.container.path)
        }
    }

    /// `POD_NAMESPACE` (non-empty) and no `MANAGED_ENVIRONMENT`: the host believes it runs on App Service
    /// on Kubernetes (`IsKubernetesManagedHosting`).
    public var isKubernetesManagedHosting: Bool {
        env["POD_NAMESPACE"].isSet && !env["MANAGED_ENVIRONMENT"].isSet
    }

    /// `IsAnyKubernetesEnvironment`: the managed-hosting branch or a managed (Container Apps) environment.
    public var isAnyKubernetesEnvironment: Bool {
        isKubernetesManagedHosting || env["MANAGED_ENVIRONMENT"].isSet
    }
}

extension ScaledResource {
    /// Whether KEDA scales an Azure Functions host: the target's containers carry the host's settings or
    /// image. Functions rules about KEDA objects judge only these; any other Event Hub consumer is KEDA's.
    public func scalesFunctionsHost(in index: DoctorIndex) -> Bool {
        guard let workload = target(in: index) else { return false }
        return workload.containers.contains { FunctionsHost.isHost($0, env: index.env(of: $0, in: workload)) }
    }
}
