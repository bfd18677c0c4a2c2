import Foundation
import ServerlessKubernetes

/// Fission's control plane as the input shows it: component Deployments and their namespace settings,
/// or the chart's values.
public struct FissionControlPlane: Sendable {
    /// Components that get `FISSION_DEFAULT_NAMESPACE`/`FISSION_RESOURCE_NAMESPACES` from the chart's helper.
    public static let namespaceAwareComponents: Set<String> = [
        "buildermgr", "executor", "router", "kubewatcher", "timer", "storagesvc", "canaryconfig", "canary-config",
        "mqtrigger-kafka", "mqtrigger-keda", "mqtrigger-nats-streaming",
    ]
    public static let resourceKinds: Set<String> = ["Environment", "Function", "Package", "HTTPTrigger", "TimeTrigger",
                                                     "MessageQueueTrigger", "KubernetesWatchTrigger", "CanaryConfig"]

    public struct Component: Sendable {
        public var workload: Workload
        public var container: Container
        public var env: ContainerEnv
        public var name: String { workload.object.name }

        /// The watched set this component computes: default namespace plus the resource namespaces.
        public var watchedNamespaces: [String]? {
            let defaultNamespace = env["FISSION_DEFAULT_NAMESPACE"]
            let resources = env["FISSION_RESOURCE_NAMESPACES"]
            guard defaultNamespace.isSet || resources.isSet else { return nil }
            guard defaultNamespace.literal != nil || !defaultNamespace.isSet,
                  resources.literal != nil || !resources.isSet else { return nil }  // from a Secret: unknowable
            return FissionControlPlane.watched(defaultNamespace: defaultNamespace.literal, resources: resources.literal)
        }
    }

    public var components: [Component]
    public var values: [HelmValuesDocument]

    package init(components: [Component], values: [HelmValuesDocument]) {
        self.components = components
        self.values = values
    }

    package init(index: DoctorIndex) {
        components = index.objects("Deployment").compactMap { object in
            guard let workload = Workload(object) else { return nil }
            for container in workload.containers {
                let fissionImage = container.image.contains("fission-bundle")
                let fissionEnv = container.env.contains { $0.name.hasPrefix("FISSION_") }
                if fissionImage || fissionEnv {
                    return Component(workload: workload, container: container, env: index.env(of: container, in: workload))
                }
            }
            return nil
        }.sorted { $0.name < $1.name }
        values = index.helmValues(.fission)
    }

    package static func watched(defaultNamespace: String?, resources: String?) -> [String] {
        var out: [String] = []
        let first = (defaultNamespace ?? "").isEmpty ? "default" : defaultNamespace!
        out.append(first)
        for part in (resources ?? "").split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty && !out.contains(name) { out.append(name) }
        }
        return out
    }

    /// The watched namespaces and where they were read: the executor first (it creates the pods),
    /// then router and buildermgr, then any component, then the chart values.
    public var watched: (namespaces: [String], source: String, component: Component?)? {
        for preferred in ["executor", "router", "buildermgr"] {
            if let component = components.first(where: { $0.name == preferred }), let namespaces = component.watchedNamespaces {
                return (namespaces, "Deployment \(component.name) FISSION_DEFAULT_NAMESPACE + FISSION_RESOURCE_NAMESPACES", component)
            }
        }
        if let component = components.first(where: { $0.watchedNamespaces != nil }) {
            return (component.watchedNamespaces!, "Deployment \(component.name) FISSION_DEFAULT_NAMESPACE + FISSION_RESOURCE_NAMESPACES", component)
        }
        if let document = values.first {
            let additional = document.values["additionalFissionNamespaces"].array.compactMap(\.string)
            return (Self.watched(defaultNamespace: document.values["defaultNamespace"].string,
                                 resources: additional.joined(separator: ",")),
                    "\(document.file) defaultNamespace + additionalFissionNamespaces", nil)
        }
        return nil
    }

    /// `static` (default), `dynamic` or `cluster` (v1.27.0+), as Fission reads it (fission/fission
    /// pkg/utils/namespace.go, TenancyMode): lower-cased, not trimmed, anything else is static.
    public var tenancyMode: String {
        switch tenancyModeSetting?.lowercased() {
        case "dynamic": "dynamic"
        case "cluster": "cluster"
        default: "static"
        }
    }

    /// FISSION_TENANCY_MODE as written (a component's env, else the chart's tenancy.mode), nil when unset.
    public var tenancyModeSetting: String? {
        for component in components {
            if let mode = component.env["FISSION_TENANCY_MODE"].literal { return mode }
        }
        return values.first?.values["tenancy"]["mode"].string
    }
}
