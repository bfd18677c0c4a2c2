import ServerlessKubernetes
import ServerlessSupport

/// The controller schedules only on healthy invokers; with none, every activation is rejected.
public struct InvokersUnhealthy: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-LIVE-001", platform: .openwhisk, severity: .error,
        title: "OpenWhisk invokers not healthy",
        rationale: """
            The controller sends activations only to invokers that report healthy; when none does it logs "No \
            invokers available" and rejects every action. Invokers are often stuck pulling runtime images or \
            waiting in their init containers (apache/openwhisk-deploy-kube#545). The ElasticSearch activation store \
            crashing ("Failed to create node environment", usually data-directory permissions on its volume) stops \
            activations from being recorded. This check reads the pods of the invoker and ElasticSearch workloads, \
            and the last 200 lines of the controller's log for "No invokers available".
            """,
        fix: "Describe the invoker pods and read their logs, then fix what they wait for (runtime image pulls, Kafka, the scheduler); for ElasticSearch fix its volume's permissions.",
        needs: .live, liveOnly: "the status of the invoker and ElasticSearch pods, the controller's log",
        references: ["apache/openwhisk-deploy-kube#545", "apache/openwhisk-deploy-kube#620"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: owdev-invoker, namespace: openwhisk}
            spec:
              selector: {matchLabels: {name: owdev-invoker}}
              template:
                metadata: {labels: {name: owdev-invoker}}
                spec:
                  containers:
                  - {name: invoker, image: "openwhisk/invoker:ef725a6"}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: owdev-invoker-x7k2p, namespace: openwhisk, labels: {name: owdev-invoker}}
            status:
              phase: Pending
              initContainerStatuses:
              - name: docker-pull-runtimes
                ready: false
                restartCount: 0
                state: {running: {startedAt: "2026-08-20T09:12:00Z"}}
              containerStatuses:
              - name: invoker
                ready: false
                restartCount: 0
                state: {waiting: {reason: PodInitializing}}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: owdev-invoker, namespace: openwhisk}
            spec:
              selector: {matchLabels: {name: owdev-invoker}}
              template:
                metadata: {labels: {name: owdev-invoker}}
                spec:
                  containers:
                  - {name: invoker, image: "openwhisk/invoker:ef725a6"}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: owdev-invoker-x7k2p, namespace: openwhisk, labels: {name: owdev-invoker}}
            status:
              phase: Running
              initContainerStatuses:
              - name: docker-pull-runtimes
                ready: true
                state: {terminated: {reason: Completed, exitCode: 0}}
              containerStatuses:
              - name: invoker
                ready: true
                restartCount: 0
                state: {running: {startedAt: "2026-08-20T09:15:00Z"}}
            """])

    /// The workloads whose pods decide whether actions run: invokers, and the ElasticSearch store.
    package static func watched(in index: DoctorIndex) -> [(workload: Workload, what: String)] {
        var out: [(Workload, String)] = []
        var seen: Set<ObjectName> = []
        for component in OpenWhiskComponent.all(in: index) where component.role == .invoker {
            if seen.insert(index.key(of: component.workload.object)).inserted { out.append((component.workload, "invoker")) }
        }
        for member in index.scope.members where member.platform == .openwhisk {
            let object = member.workload.object
            guard object.name.hasSuffix("-elasticsearch"), seen.insert(index.key(of: object)).inserted else { continue }
            out.append((member.workload, "elasticsearch"))
        }
        return out
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        guard index.isLive else { return [] }
        var findings = controllerComplaints(index)
        for (workload, what) in Self.watched(in: index) {
            let pods = index.scope.pods(of: workload, in: index)
            let desired = workload.replicas ?? 1
            let problems = pods.map { ($0, PodProblem.of($0)) }.filter { !$0.1.isEmpty }
            let object = workload.object
            // Without a selector no pod can be matched to the workload, so "no pods" would be a guess.
            let selects = !object.body["spec"]["selector"]["matchLabels"].isNull
            if pods.isEmpty && desired > 0 && what == "invoker" && workload.object.kind != "DaemonSet" && selects {
                findings.append(Self.description.finding(object, in: index,
                    message: "\(object.kind) \(object.name) wants \(desired) invoker(s) but has no pods: the controller has no invokers and rejects every action (\"No invokers available\")",
                    fix: Self.fix(object, in: index, what), evidence: ["spec.replicas: \(desired)", "pods matching spec.selector: 0"]))
                continue
            }
            guard !problems.isEmpty else { continue }
            let healthy = pods.count - problems.count
            let message = what == "invoker"
                ? "\(problems.count) of \(pods.count) invoker pod(s) of \(object.name) are not healthy (\(problems[0].1[0].summary))\(healthy == 0 ? ": the controller has no invoker to schedule on and rejects actions (\"No invokers available\")" : "")"
                : "ElasticSearch \(object.name) is not healthy (\(problems[0].1[0].summary)): activations are not recorded\(problems[0].1[0].reason.contains("CrashLoop") ? "; a crash with \"Failed to create node environment\" usually means its data volume's permissions" : "")"
            findings.append(Self.description.finding(object, in: index, message: message, fix: Self.fix(object, in: index, what),
                evidence: problems.prefix(3).map { "Pod \($0.0.name): \($0.1.map(\.summary).joined(separator: "; "))" }
                    + problems.prefix(1).flatMap { index.warningEvents(for: $0.0, limit: 3) },
                severity: healthy == 0 || what == "elasticsearch" ? .error : .warning))
        }
        return findings
    }

    /// The description's fix, with the commands for this workload.
    package static func fix(_ object: KubeObject, in index: DoctorIndex, _ what: String) -> String {
        let look = "kubectl -n \(index.namespace(of: object) ?? "default") describe \(object.kind.lowercased()) \(object.name)"
        return what == "invoker"
            ? "Run \(look) and read its pods' logs, then fix what they wait for (runtime image pulls, Kafka, the scheduler)."
            : "Run \(look); if it crashes with \"Failed to create node environment\", fix its data volume's permissions (fsGroup or an init container)."
    }

    /// The controller's own words, from the log tails the live load read (DoctorLive.logTargets).
    package func controllerComplaints(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for component in OpenWhiskComponent.all(in: index) where component.role == .controller {
            let namespace = component.namespace ?? ""
            let pods = Set(index.scope.pods(of: component.workload, in: index).map(\.name))
            let said = index.store.podLogs.filter { $0.namespace == namespace && pods.contains($0.pod) }.compactMap { tail in
                tail.lines.last { $0.contains("No invokers available") }.map { (tail.pod, $0) }
            }
            guard !said.isEmpty else { continue }
            let object = component.workload.object
            findings.append(Self.description.finding(object, in: index,
                message: "the OpenWhisk controller logs \"No invokers available\": no invoker is healthy, so every action is rejected",
                evidence: said.prefix(3).map { "Pod \($0.0) log: \(Redact.url(String($0.1.prefix(300))))" }))
        }
        return findings
    }
}
