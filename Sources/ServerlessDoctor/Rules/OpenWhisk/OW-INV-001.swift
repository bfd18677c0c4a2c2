/// The docker container factory needs Docker on the node.
public struct DockerFactoryWithoutDocker: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-INV-001", platform: .openwhisk, severity: .warning,
        title: "Docker container factory on nodes without Docker",
        rationale: """
            invoker.containerFactory.impl: docker runs the invoker as a DaemonSet talking to /var/run/docker.sock. On \
            nodes whose runtime is containerd or CRI-O (status.nodeInfo.containerRuntimeVersion not docker://) the \
            invokers cannot start action containers.
            """,
        fix: "Set invoker.containerFactory.impl: kubernetes and helm upgrade.",
        needs: .live, liveOnly: "the nodes' container runtime",
        references: ["apache/openwhisk#4988", "apache/openwhisk-deploy-kube#546"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: owdev-invoker, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: invoker
                    image: openwhisk/invoker:ef725a6
                    volumeMounts:
                    - {name: dockersock, mountPath: /var/run/docker.sock}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: node-1}
            status:
              nodeInfo: {containerRuntimeVersion: "containerd://1.7.13"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-invoker, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: invoker
                    image: openwhisk/invoker:ef725a6
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: node-1}
            status:
              nodeInfo: {containerRuntimeVersion: "containerd://1.7.13"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        let runtimes = index.objects("Node").compactMap { node in
            node.body["status"]["nodeInfo"]["containerRuntimeVersion"].string.map { (node.name, $0) }
        }
        let nonDocker = runtimes.filter { !$0.1.hasPrefix("docker://") }
        guard !nonDocker.isEmpty else { return [] }
        return OpenWhiskComponent.all(in: index).compactMap { invoker in
            guard invoker.role == .invoker,
                  invoker.container.value["volumeMounts"].array.contains(where: { ($0["mountPath"].string ?? "").hasSuffix("docker.sock") })
            else { return nil }
            return Self.description.finding(invoker.workload.object, in: index, field: "\(invoker.container.path).volumeMounts",
                message: "the invoker uses the docker container factory (mounts docker.sock) but \(nonDocker.count) of \(runtimes.count) nodes run \(nonDocker[0].1.split(separator: ":").first ?? ""): invokers cannot start action containers there",
                evidence: nonDocker.prefix(3).map { "Node \($0.0): containerRuntimeVersion \($0.1)" })
        }
    }
}
