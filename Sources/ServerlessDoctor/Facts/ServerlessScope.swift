import ServerlessKubernetes

/// What the `general` checks look at: the workloads the serverless platforms found own or run (their
/// control planes, Functions hosts, ScaledObject targets, Fission function pods) and those workloads'
/// pods. Nothing else: an unrelated app's missing Secret in a shared cluster is not our finding.
public struct ServerlessScope: Sendable {
    public enum Role: String, Sendable {
        case controlPlane = "control plane"
        case function
        case scaleTarget = "scale target"
    }

    public struct Member: Sendable {
        public var workload: Workload
        public var platform: Platform
        public var role: Role
        /// `KEDA control plane`, `Fission function`: how findings name why we looked at it.
        public var reason: String { "\(platform.title) \(role.rawValue)" }
    }

    /// The platforms whose objects are in scope (never `general`).
    public var platforms: Set<Platform>
    /// One entry per workload (the first role found wins), sorted by namespace, kind, name.
    public var members: [Member]

    package init(platforms: Set<Platform>, members: [Member]) {
        self.platforms = platforms
        self.members = members
    }

    package static let fissionExecutorTypes: Set<String> = ["poolmgr", "newdeploy", "container"]

    package init(index: DoctorIndex, platforms: Set<Platform>) {
        self.platforms = platforms.subtracting([.general])
        var members: [Member] = []
        var seen: Set<ObjectName> = []
        func add(_ workload: Workload, _ platform: Platform, _ role: Role) {
            guard seen.insert(index.key(of: workload.object)).inserted else { return }
            members.append(Member(workload: workload, platform: platform, role: role))
        }
        if self.platforms.contains(.keda) {
            for keda in KedaOperator.all(in: index) { add(keda.workload, .keda, .controlPlane) }
            // The metrics server and admission webhooks are KEDA's too.
            for workload in index.workloads where workload.containers.contains(where: { $0.image.contains("kedacore/keda") }) {
                add(workload, .keda, .controlPlane)
            }
        }
        if self.platforms.contains(.fission) {
            for component in index.fission.components { add(component.workload, .fission, .controlPlane) }
        }
        if self.platforms.contains(.openwhisk) {
            let components = OpenWhiskComponent.all(in: index)
            for component in components { add(component.workload, .openwhisk, .controlPlane) }
            // The rest of the release (etcd, kafka, couchdb, nginx...): same namespace, `<release>-` names.
            let releases = Set(components.map { component -> String in
                let name = component.workload.object.name
                return "\(component.namespace ?? "")|\(name.hasSuffix("-\(component.role.rawValue)") ? String(name.dropLast(component.role.rawValue.count)) : name + "-")"
            })
            // Split once, not once per workload: name prefixes by namespace.
            var prefixes: [String: [String]] = [:]
            for entry in releases {
                let parts = entry.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                prefixes[String(parts[0]), default: []].append(String(parts[1]))
            }
            for workload in index.workloads {
                let namespace = index.namespace(of: workload.object) ?? ""
                if prefixes[namespace]?.contains(where: { workload.object.name.hasPrefix($0) }) == true {
                    add(workload, .openwhisk, .controlPlane)
                }
            }
        }
        if self.platforms.contains(.azureFunctions) {
            for host in FunctionsHost.all(in: index) { add(host.workload, .azureFunctions, .function) }
        }
        if self.platforms.contains(.keda) {
            for resource in ScaledResource.all(in: index) {
                if let target = resource.target(in: index) { add(target, .keda, .scaleTarget) }
            }
        }
        if self.platforms.contains(.fission) {
            // Pool and newdeploy Deployments the executor creates carry executorType and the env/function name.
            for workload in index.workloads {
                let labels = workload.object.labels
                guard let type = labels["executorType"], Self.fissionExecutorTypes.contains(type),
                      labels["environmentName"] != nil || labels["functionName"] != nil else { continue }
                add(workload, .fission, .function)
            }
        }
        self.members = members.sorted {
            (index.namespace(of: $0.workload.object) ?? "", $0.workload.object.kind, $0.workload.object.name)
                < (index.namespace(of: $1.workload.object) ?? "", $1.workload.object.kind, $1.workload.object.name)
        }
    }

    public var controlPlane: [Member] { members.filter { $0.role == .controlPlane } }

    /// Pods of a workload: same namespace, labels matching its `spec.selector.matchLabels`. Nothing for
    /// a workload without a selector (a ScaledJob's job template).
    public func pods(of workload: Workload, in index: DoctorIndex) -> [KubeObject] {
        let selector = workload.object.body["spec"]["selector"]["matchLabels"].stringMap
        guard !selector.isEmpty else { return [] }
        let namespace = index.namespace(of: workload.object)
        return index.objects("Pod").filter { pod in
            guard index.namespace(of: pod) == namespace else { return false }
            let labels = pod.labels
            return selector.allSatisfy { labels[$0.key] == $0.value }
        }
    }
}

extension Platform {
    /// `Azure Functions`, `KEDA`: the platform as people write it.
    public var title: String {
        switch self {
        case .azureFunctions: "Azure Functions"
        case .keda: "KEDA"
        case .fission: "Fission"
        case .openwhisk: "OpenWhisk"
        case .general: "general"
        }
    }
}
