import Foundation

/// FPC components keep queues and leases in etcd and fail at start without its hosts.
public struct EtcdWiring: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-SCH-002", platform: .openwhisk, severity: .error,
        title: "Scheduler-mode component without etcd",
        rationale: """
            Controller and invoker in scheduler (FPC) mode, and the scheduler itself, load whisk.etcd.hosts with \
            loadConfigOrThrow (CONFIG_whisk_etcd_hosts); without it they do not start, and the init container \
            wait-for-etcd loops "not ready yet" when the host names no etcd Service. The host is compared with the \
            Services in the input when there are any.
            """,
        fix: "Set CONFIG_whisk_etcd_hosts=<release>-etcd.<namespace>.svc.<domain>:2379 on every scheduler-mode component (helm scheduler.enabled renders it).",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-invoker, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: invoker
                    image: openwhisk/invoker:ef725a6
                    env:
                    - {name: CONFIG_whisk_spi_InvokerProvider, value: org.apache.openwhisk.core.invoker.FPCInvokerReactive}
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
                    env:
                    - {name: CONFIG_whisk_spi_InvokerProvider, value: org.apache.openwhisk.core.invoker.FPCInvokerReactive}
                    - {name: CONFIG_whisk_etcd_hosts, value: "owdev-etcd.openwhisk.svc.cluster.local:2379"}
            """])

    package static func runsFPC(_ component: OpenWhiskComponent) -> Bool {
        switch component.role {
        case .scheduler: return true
        case .controller:
            return component.env["CONFIG_whisk_spi_LoadBalancerProvider"].literal?.hasSuffix("FPCPoolBalancer")
                ?? (component.env["CONFIG_whisk_spi_LoadBalancerProvider"].isUnset && component.era.defaultsToFPC == true)
        case .invoker:
            return component.env["CONFIG_whisk_spi_InvokerProvider"].literal?.hasSuffix("FPCInvokerReactive")
                ?? (component.env["CONFIG_whisk_spi_InvokerProvider"].isUnset && component.era.defaultsToFPC == true)
        }
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        let services = index.objects("Service")
        var serviceHosts: Set<String> = []
        for service in services {
            let namespace = index.namespace(of: service) ?? "default"
            serviceHosts.formUnion([service.name, "\(service.name).\(namespace)", "\(service.name).\(namespace).svc"])
        }
        var findings: [Finding] = []
        for component in OpenWhiskComponent.all(in: index) where Self.runsFPC(component) {
            let hosts = component.env["CONFIG_whisk_etcd_hosts"]
            if hosts.isUnset {
                findings.append(Self.description.finding(component.workload.object, in: index, field: "\(component.container.path).env",
                    message: "the \(component.role.rawValue) runs in scheduler (FPC) mode but has no CONFIG_whisk_etcd_hosts: it fails at start (loadConfigOrThrow[EtcdConfig])",
                    fix: "Set CONFIG_whisk_etcd_hosts=<release>-etcd.\(component.namespace ?? "openwhisk").svc.cluster.local:2379 on container \(component.container.name).",
                    evidence: ["\(component.container.path).env: CONFIG_whisk_etcd_hosts not set"]))
            } else if let value = hosts.literal, !services.isEmpty {
                let host = value.split(separator: ",").first.map { String($0.split(separator: ":").first ?? "") } ?? ""
                let short = host.components(separatedBy: ".svc.").first ?? host
                let isAddress = host.allSatisfy { $0.isNumber || $0 == "." }
                guard !serviceHosts.contains(short), !serviceHosts.contains(host), !isAddress else { continue }
                findings.append(Self.description.finding(component.workload.object, in: index, field: hosts.path,
                    message: "CONFIG_whisk_etcd_hosts names \(host), which matches no Service in the input: wait-for-etcd loops \"not ready yet\"",
                    fix: "Point CONFIG_whisk_etcd_hosts at the etcd Service (<release>-etcd.<namespace>.svc.<domain>:2379).",
                    evidence: [hosts.evidence].compactMap { $0 }))
            }
        }
        return findings
    }
}
