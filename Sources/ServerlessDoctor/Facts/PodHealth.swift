import ServerlessKubernetes

/// What a live pod's status says is wrong with it, the way `kubectl get pods` shows it
/// (CrashLoopBackOff, ImagePullBackOff, Init:1/2, OOMKilled...). Pure: no clock, so "stuck" is not judged.
public struct PodProblem: Sendable, Equatable {
    /// `CrashLoopBackOff`, `ImagePullBackOff`, `OOMKilled`, `Init:wait-for-kafka`, `Unschedulable`, `NotReady`.
    public var reason: String
    public var container: String?
    public var detail: String
    public var severity: Severity

    /// Waiting reasons that do not go away by themselves.
    package static let brokenWaiting: Set<String> = ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
                                             "CreateContainerConfigError", "CreateContainerError", "RunContainerError"]

    /// The problems of one pod, worst first; empty for a Running, Ready pod or a Succeeded one.
    public static func of(_ pod: KubeObject) -> [PodProblem] {
        let status = pod.body["status"]
        if status["phase"].string == "Succeeded" { return [] }
        var out: [PodProblem] = []
        if let scheduled = status["conditions"].array.first(where: { $0["type"].string == "PodScheduled" }),
           scheduled["status"].string == "False" {
            out.append(PodProblem(reason: scheduled["reason"].string ?? "Unschedulable", container: nil,
                                  detail: scheduled["message"].string ?? "", severity: .error))
        }
        for (list, isInit) in [("initContainerStatuses", true), ("containerStatuses", false)] {
            for container in status[list].array {
                let name = container["name"].string ?? ""
                let waiting = container["state"]["waiting"]
                let restarts = container["restartCount"].int ?? 0
                if let reason = waiting["reason"].string, brokenWaiting.contains(reason) {
                    let last = container["lastState"]["terminated"]
                    var detail = waiting["message"].string ?? ""
                    if let lastReason = last["reason"].string {
                        detail = "last exit \(lastReason) (code \(last["exitCode"].int ?? 0)), restarts \(restarts)" + (detail.isEmpty ? "" : "; \(detail)")
                    }
                    out.append(PodProblem(reason: isInit ? "Init:\(reason)" : reason, container: name, detail: detail, severity: .error))
                } else if container["lastState"]["terminated"]["reason"].string == "OOMKilled" {
                    out.append(PodProblem(reason: "OOMKilled", container: name,
                                          detail: "restarts \(restarts); the memory limit is too low for it", severity: .error))
                } else if isInit, !container["state"]["running"].isNull {
                    out.append(PodProblem(reason: "Init:\(name)", container: name,
                                          detail: "still in init container \(name)\(restarts > 0 ? ", restarts \(restarts)" : ""): the pod cannot start until it completes",
                                          severity: .warning))
                } else if !isInit, container["ready"].bool == false, !container["state"]["running"].isNull,
                          status["phase"].string == "Running" {
                    out.append(PodProblem(reason: "NotReady", container: name,
                                          detail: "running but failing its readiness probe\(restarts > 0 ? ", restarts \(restarts)" : "")", severity: .warning))
                }
            }
        }
        return out.sorted { $0.severity > $1.severity }
    }

    /// `CrashLoopBackOff (container executor): last exit Error (code 1), restarts 12`.
    public var summary: String {
        "\(reason)\(container.map { " (container \($0))" } ?? "")\(detail.isEmpty ? "" : ": \(detail)")"
    }
}

extension DoctorIndex {
    /// The newest Warning events about a pod, as evidence lines.
    package func warningEvents(for pod: KubeObject, limit: Int) -> [String] {
        events(for: pod).filter { $0.body["type"].string == "Warning" }
            .sorted { ($0.body["lastTimestamp"].string ?? $0.body["eventTime"].string ?? "") < ($1.body["lastTimestamp"].string ?? $1.body["eventTime"].string ?? "") }
            .suffix(limit)
            .map { "event \($0.body["reason"].string ?? "") on Pod \(pod.name): \($0.body["message"].string ?? "")" }
    }
}
