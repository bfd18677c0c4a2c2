/// Controller, invoker and scheduler must all run the scheduler (FPC) SPIs, or none of them.
public struct SchedulerModeInconsistent: Rule {
    public init() {}

    package static let fpcBalancer = "org.apache.openwhisk.core.loadBalancer.FPCPoolBalancer"
    package static let fpcInvoker = "org.apache.openwhisk.core.invoker.FPCInvokerReactive"

    public static let description = RuleDescription(
        id: "OW-SCH-001", platform: .openwhisk, severity: .error,
        title: "Scheduler (FPC) mode inconsistent across components",
        rationale: """
            With a scheduler StatefulSet the controller must run FPCPoolBalancer and the invoker FPCInvokerReactive \
            (CONFIG_whisk_spi_LoadBalancerProvider / CONFIG_whisk_spi_InvokerProvider); on images whose defaults are \
            the sharding pair (ef725a6) absent settings mean no FPC. Conversely FPC controller/invoker need a scheduler \
            and etcd. Activations otherwise go nowhere.
            """,
        fix: "Enable or disable the scheduler for the whole release (helm scheduler.enabled) so controller, invoker and scheduler agree.",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-scheduler, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: scheduler
                    image: openwhisk/scheduler:ef725a6
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
                    env:
                    - {name: CONFIG_whisk_spi_LoadBalancerProvider, value: org.apache.openwhisk.core.loadBalancer.ShardingContainerPoolBalancer}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-scheduler, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: scheduler
                    image: openwhisk/scheduler:ef725a6
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
                    env:
                    - {name: CONFIG_whisk_spi_LoadBalancerProvider, value: org.apache.openwhisk.core.loadBalancer.FPCPoolBalancer}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        let byNamespace = Dictionary(grouping: OpenWhiskComponent.all(in: index), by: { $0.namespace ?? "" })
        let etcdNamespaces = Set(index.workloads.filter { $0.containers.contains { $0.image.contains("etcd") } }
            .compactMap { index.namespace(of: $0.object) })
        for namespace in byNamespace.keys.sorted() {
            let components = byNamespace[namespace]!
            let hasScheduler = components.contains { $0.role == .scheduler }
            for component in components where component.role != .scheduler {
                let name = component.role == .controller ? "CONFIG_whisk_spi_LoadBalancerProvider" : "CONFIG_whisk_spi_InvokerProvider"
                let fpc = component.role == .controller ? Self.fpcBalancer : Self.fpcInvoker
                let setting = component.env[name]
                let runsFPC: Bool?
                switch setting {
                case let .set(_, _, literal?): runsFPC = literal == fpc
                case .set, .unknown: runsFPC = nil
                case .unset: runsFPC = component.era.defaultsToFPC
                }
                guard let runsFPC else { continue }
                if hasScheduler && !runsFPC {
                    findings.append(Self.description.finding(
                        component.workload.object, in: index, field: setting.path ?? "\(component.container.path).env",
                        message: "a scheduler runs in \(namespace) but the \(component.role.rawValue) does not use the scheduler SPI (\(name) is \(setting.literal ?? "unset, and image \(component.container.image) defaults to the sharding balancer")): activations bypass the scheduler",
                        fix: "Set \(name)=\(fpc) on the \(component.role.rawValue) (helm: scheduler.enabled: true renders it), or remove the scheduler.",
                        evidence: [setting.evidence ?? "\(component.container.path).env: \(name) not set", "StatefulSet with a scheduler in \(namespace)"]))
                } else if !hasScheduler && runsFPC && !etcdNamespaces.contains(namespace) && components.count > 1 {
                    findings.append(Self.description.finding(
                        component.workload.object, in: index, field: setting.path ?? "\(component.container.path).env",
                        message: "the \(component.role.rawValue) runs the scheduler SPI (\(fpc.split(separator: ".").last!)) but no scheduler and no etcd are among the objects in \(namespace)",
                        fix: "Enable the scheduler for the release (helm scheduler.enabled: true), or set \(name) back to the non-FPC provider.",
                        evidence: [setting.evidence ?? "\(component.container.path).image: \(component.container.image) (defaults to FPC)"]))
                }
            }
        }
        return findings
    }
}
