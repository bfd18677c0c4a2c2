/// What KEDA itself says about a ScaledObject or ScaledJob: its status conditions and scaler events.
public struct ScalingStatus: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-LIVE-001", platform: .keda, severity: .error,
        title: "ScaledObject/ScaledJob conditions report a problem",
        rationale: """
            KEDA records its verdict in status.conditions: Ready=False (ScaledObjectCheckFailed, TriggerError) is an \
            error with KEDA's message; Ready=Unknown PartialTriggerError and Fallback=True are warnings; Paused=True is \
            info; an object with no conditions at all has not been reconciled by any operator. KEDAScalerFailed and \
            KEDAMetricSourceFailed events are attached as evidence.
            """,
        fix: "Fix the cause in KEDA's message (often a missing connection or checkpoint setting; see the other findings), then check `kubectl describe scaledobject`.",
        needs: .live, liveOnly: "status.conditions and events of ScaledObjects/ScaledJobs",
        triggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection}
            status:
              conditions:
              - type: Ready
                status: "False"
                reason: ScaledObjectCheckFailed
                message: "failed to ensure HPA is correctly created for ScaledObject: unable to get eventhub metadata: no storage connection string given"
            """],
        nonTriggeringExamples: ["""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: azure-eventhub
                metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection}
            status:
              conditions:
              - {type: Ready, status: "True", reason: ScaledObjectReady}
              - {type: Active, status: "False", reason: ScalerNotActive}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for resource in ScaledResource.all(in: index) {
            let object = resource.object
            let conditions = object.body["status"]["conditions"].array
            let events = index.events(for: object)
                .filter { ["KEDAScalerFailed", "KEDAMetricSourceFailed", "ScaledObjectCheckFailed"].contains($0.body["reason"].string ?? "") }
                .suffix(3)
                .map { "event \($0.body["reason"].string ?? ""): \($0.body["message"].string ?? "")" }
            if conditions.isEmpty {
                // Manifests without status say nothing about the cluster; live, no conditions means nobody reconciles it.
                guard index.isLive else { continue }
                findings.append(Self.description.finding(
                    object, in: index,
                    message: "\(object.kind) \(object.name) has no status conditions: no KEDA operator reconciles it (not installed, or the namespace is not watched)",
                    fix: "Check that the KEDA operator runs and that its WATCH_NAMESPACE includes \(index.namespace(of: object) ?? "this namespace").",
                    evidence: ["status.conditions: (none)"] + events, severity: .error))
                continue
            }
            for (position, condition) in conditions.enumerated() {
                let type = condition["type"].string ?? "", status = condition["status"].string ?? ""
                let reason = condition["reason"].string ?? "", message = condition["message"].string ?? ""
                let severity: Severity
                switch (type, status) {
                case ("Ready", "False"): severity = .error
                case ("Ready", "Unknown") where reason == "PartialTriggerError": severity = .warning
                case ("Fallback", "True"): severity = .warning
                case ("Paused", "True"): severity = .info
                default: continue
                }
                let field = "status.conditions[\(position)]"
                findings.append(Self.description.finding(
                    object, in: index, field: field,
                    message: "\(type)=\(status) (\(reason))\(message.isEmpty ? "" : ": \(message)")",
                    fix: severity == .info
                        ? "Scaling is paused by the autoscaling.keda.sh/paused annotations; remove them to resume."
                        : "Fix what KEDA reports (\(reason)); the other findings on this object usually name the setting."
                            + (reason.hasSuffix("TriggerError") ? Self.checkpointsHint(resource, in: index) : ""),
                    evidence: ["\(field): type=\(type) status=\(status) reason=\(reason)"] + events, severity: severity))
            }
        }
        return findings
    }

    /// For a trigger error on an azure-eventhub trigger: the command that reads its checkpoints as the
    /// cluster's KEDA does (the operator's image tag, read as KD-VER-001 reads it).
    package static func checkpointsHint(_ resource: ScaledResource, in index: DoctorIndex) -> String {
        guard let position = resource.triggers.firstIndex(where: { $0.type == "azure-eventhub" }) else { return "" }
        let object = resource.object
        var command = "kubectl serverless checkpoints " + (resource.isJob ? "--scaled-job \(object.name)" : object.name)
        command += " -n \(index.namespace(of: object) ?? index.defaultNamespace)"
        if resource.triggers.count > 1 { command += " --trigger \(position)" }
        if let version = KedaOperator.all(in: index).first?.version { command += " --keda-version \(version)" }
        return " To see what the azure-eventhub scaler reads and computes, run: \(command)"
    }
}
