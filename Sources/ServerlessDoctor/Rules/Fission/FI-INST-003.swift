import ServerlessKubernetes

/// `fission check --pre` refuses a Kubernetes older than the release's MinimumKubernetesVersion.
public struct KubernetesTooOldForFission: Rule {
    public init() {}

    /// `MinimumKubernetesVersion` of pkg/healthcheck in each Fission release (fission/fission, read per tag).
    package static let minimums: [(release: [Int], minimum: KubernetesVersion)] = [
        ([1, 27, 0], KubernetesVersion(major: 1, minor: 32)),
        ([1, 21, 0], KubernetesVersion(major: 1, minor: 19)),
    ]

    public static let description = RuleDescription(
        id: "FI-INST-003", platform: .fission, severity: .error,
        title: "Kubernetes older than the Fission release supports",
        rationale: """
            Each Fission release states a MinimumKubernetesVersion that `fission check --pre` compares with the API \
            server's version: 1.19.0 for v1.21.0, 1.32.0 for v1.27.0. On an older cluster the control plane uses APIs \
            the server does not have. The release is the fission-bundle image tag of the control plane; the cluster \
            version is GET /version.
            """,
        fix: "Upgrade the cluster to the release's minimum Kubernetes version, or install a Fission release that supports this one; `fission check --pre` confirms.",
        needs: .live, liveOnly: "the API server's version (GET /version)",
        references: ["fission/fission pkg/healthcheck MinimumKubernetesVersion"],
        triggeringExamples: ["""
            # kubectl version -o yaml: what GET /version says about the API server
            serverVersion: {major: "1", minor: "30", gitVersion: v1.30.6}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.27.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
            """],
        nonTriggeringExamples: ["""
            # kubectl version -o yaml: what GET /version says about the API server
            serverVersion: {major: "1", minor: "30", gitVersion: v1.30.6}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              template:
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
            """])

    /// `v1.27.0` -> [1, 27, 0].
    package static func release(_ tag: String?) -> [Int]? {
        guard let tag else { return nil }
        let numbers = (tag.hasPrefix("v") ? tag.dropFirst() : Substring(tag)).split(separator: "-")[0]
            .split(separator: ".").compactMap { Int($0) }
        return numbers.count == 3 ? numbers : nil
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        guard let server = index.store.serverVersion else { return [] }
        for component in index.fission.components {
            guard let tag = component.container.imageTag, let release = Self.release(tag),
                  let minimum = Self.minimums.first(where: { release.lexicographicallyPrecedes($0.release) == false })?.minimum,
                  server < minimum else { continue }
            // One finding for the control plane: every component carries the same release.
            return [Self.description.finding(component.workload.object, in: index, field: "\(component.container.path).image",
                message: "Fission \(tag) needs Kubernetes \(minimum.minorVersion) or newer (MinimumKubernetesVersion), but the cluster runs \(server.gitVersion)",
                evidence: [Evidence.field("\(component.container.path).image", .string(component.container.image)),
                           "GET /version: \(server.gitVersion)"])]
        }
        return []
    }
}
