import ServerlessKubernetes

/// OpenWhisk's controller, invoker and scheduler workloads, recognised by image (`openwhisk/controller`)
/// or by container name with whisk settings.
public struct OpenWhiskComponent: Sendable {
    public enum Role: String, Sendable, CaseIterable { case controller, invoker, scheduler }

    public var role: Role
    public var workload: Workload
    public var container: Container
    public var env: ContainerEnv
    public var namespace: String?

    public static func all(in index: DoctorIndex) -> [OpenWhiskComponent] { index.openWhiskComponents }

    package static func scan(in index: DoctorIndex) -> [OpenWhiskComponent] {
        var out: [OpenWhiskComponent] = []
        for workload in index.workloads {
            for container in workload.containers {
                guard let role = Role.allCases.first(where: { role in
                    container.image.contains("openwhisk/\(role.rawValue)")
                        || (container.name == role.rawValue && container.env.contains { $0.name.hasPrefix("CONFIG_whisk_") })
                }) else { continue }
                out.append(OpenWhiskComponent(role: role, workload: workload, container: container,
                                              env: index.env(of: container, in: workload),
                                              namespace: index.namespace(of: workload.object)))
            }
        }
        return out.sorted { ($0.namespace ?? "", $0.workload.object.name) < ($1.namespace ?? "", $1.workload.object.name) }
    }

    public var era: OpenWhiskImageEra {
        OpenWhiskImageEra(tag: container.imageTag, repository: String(container.image.split(separator: ":").first ?? ""))
    }
}

/// What an OpenWhisk image tag says about its defaults (apache/openwhisk#5463 flipped SPI defaults to the
/// FPC scheduler on 2024-03-06; #5551 moved to Apache Pekko on 2025-10-19).
public enum OpenWhiskImageEra: Sendable, Equatable {
    /// `ef725a6` (2022-10-14, the chart's default): Akka, sharding balancer defaults.
    case akkaSharding
    /// `7863e27` (May 2024): Akka, FPC defaults.
    case akkaFPC
    /// `nightly`/`latest`: current master, Pekko, FPC defaults.
    case pekko
    case unknown

    /// `repository` (`openwhisk/controller`, `docker.io/openwhisk/invoker`) matters for the moving tags only:
    /// `nightly`/`latest` are master builds on the project's Docker Hub images, but `whisk/controller:latest`
    /// is what a local `gradle distDocker` tags, from any commit.
    public init(tag: String?, repository: String? = nil) {
        switch tag {
        case "ef725a6": self = .akkaSharding
        case "7863e27": self = .akkaFPC
        case "nightly", "latest":
            let published = repository.map { $0.hasPrefix("openwhisk/") || $0.contains("/openwhisk/") } ?? true
            self = published ? .pekko : .unknown
        case nil: self = .akkaSharding  // the chart always sets a tag; an untagged image means the chart default
        default: self = .unknown
        }
    }

    public var defaultsToFPC: Bool? {
        switch self {
        case .akkaSharding: false
        case .akkaFPC, .pekko: true
        case .unknown: nil
        }
    }
}
