/// Pods of the platforms' workloads that are crash-looping, cannot pull, were OOM-killed or wait in init.
public struct ServerlessPodsUnhealthy: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "GEN-LIVE-001", platform: .general, severity: .error,
        title: "Pods of serverless workloads not running",
        rationale: """
            Whatever the configuration says, a workload whose pods are in CrashLoopBackOff, ImagePullBackOff, \
            CreateContainerConfigError, were OOMKilled, cannot be scheduled, or sit in an init container does not \
            serve. This summarises, per workload, the pods of the control planes, Functions apps, scale targets and \
            Fission function Deployments found (not of unrelated workloads), with their latest Warning events. \
            Waiting in an init container is a warning: it may still finish.
            """,
        fix: "kubectl -n <namespace> describe pod <pod> and kubectl logs <pod> -c <container> --previous; the other findings often name the setting behind the crash.",
        needs: .live, liveOnly: "pod status and events",
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              selector: {matchLabels: {svc: executor}}
              template:
                metadata: {labels: {svc: executor}}
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: executor-7d9c8b6f4-q2xkz, namespace: fission, labels: {svc: executor, pod-template-hash: 7d9c8b6f4}}
            status:
              phase: Running
              containerStatuses:
              - name: executor
                ready: false
                restartCount: 14
                state: {waiting: {reason: CrashLoopBackOff, message: "back-off 5m0s restarting failed container=executor"}}
                lastState: {terminated: {reason: Error, exitCode: 1}}
            ---
            apiVersion: v1
            kind: Event
            metadata: {name: executor-7d9c8b6f4-q2xkz.17f0, namespace: fission}
            involvedObject: {kind: Pod, name: executor-7d9c8b6f4-q2xkz, namespace: fission}
            type: Warning
            reason: BackOff
            message: Back-off restarting failed container executor in pod executor-7d9c8b6f4-q2xkz_fission
            lastTimestamp: "2026-08-20T09:30:00Z"
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor, namespace: fission}
            spec:
              selector: {matchLabels: {svc: executor}}
              template:
                metadata: {labels: {svc: executor}}
                spec:
                  containers:
                  - name: executor
                    image: ghcr.io/fission/fission-bundle:v1.21.0
                    env:
                    - {name: FISSION_DEFAULT_NAMESPACE, value: default}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: executor-7d9c8b6f4-q2xkz, namespace: fission, labels: {svc: executor}}
            status:
              phase: Running
              containerStatuses:
              - {name: executor, ready: true, restartCount: 0, state: {running: {startedAt: "2026-08-20T09:00:00Z"}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: unrelated-5f6d-abcde, namespace: fission, labels: {app: unrelated}}
            status:
              phase: Running
              containerStatuses:
              - name: app
                ready: false
                restartCount: 9
                state: {waiting: {reason: CrashLoopBackOff}}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        guard index.isLive else { return [] }
        // Invokers and ElasticSearch have their own OpenWhisk check with the consequence spelled out.
        let ownCheck = Set(InvokersUnhealthy.watched(in: index).map { index.key(of: $0.workload.object) })
        var findings: [Finding] = []
        for member in index.scope.members where !ownCheck.contains(index.key(of: member.workload.object)) {
            let pods = index.scope.pods(of: member.workload, in: index)
            let broken = pods.map { ($0, PodProblem.of($0)) }.filter { !$0.1.isEmpty }
            guard let worst = broken.max(by: { $0.1[0].severity < $1.1[0].severity }) else { continue }
            let object = member.workload.object
            findings.append(Self.description.finding(object, in: index,
                message: "\(broken.count) of \(pods.count) pod(s) of \(member.reason) \(object.kind) \(object.name) are not running: \(worst.1[0].summary)",
                evidence: broken.prefix(5).map { "Pod \($0.0.name): \($0.1.map(\.summary).joined(separator: "; "))" }
                    + broken.prefix(2).flatMap { index.warningEvents(for: $0.0, limit: 5) },
                severity: worst.1[0].severity))
        }
        return findings
    }
}
