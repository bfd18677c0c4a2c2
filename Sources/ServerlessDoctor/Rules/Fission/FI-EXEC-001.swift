import ServerlessKubernetes
import ServerlessSupport

/// Values Fission's validation rejects, or that make the executor misbehave.
public struct InvalidExecutionSettings: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-EXEC-001", platform: .fission, severity: .error,
        title: "Invalid Fission execution settings",
        rationale: """
            newdeploy and container executors need MinScale >= 0, MaxScale > 0 and MaxScale >= MinScale, and \
            TargetCPUPercent within 0-100; functionTimeout must be > 0; an Environment's version is 1, 2 or 3, its \
            poolsize and terminationGracePeriod not negative. Fission's validation rejects these, or the executor never \
            creates pods.
            """,
        fix: "Set the field to a valid value (for newdeploy: MaxScale at least 1 and at least MinScale).",
        triggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Function
            metadata: {name: report, namespace: team-a}
            spec:
              environment: {name: go}
              InvokeStrategy:
                StrategyType: execution
                ExecutionStrategy: {ExecutorType: newdeploy, MinScale: 1, MaxScale: 0}
            """],
        nonTriggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Function
            metadata: {name: report, namespace: team-a}
            spec:
              environment: {name: go}
              InvokeStrategy:
                StrategyType: execution
                ExecutionStrategy: {ExecutorType: newdeploy, MinScale: 1, MaxScale: 3, TargetCPUPercent: 80}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        func add(_ object: KubeObject, _ field: String, _ value: Value, _ problem: String, _ fix: String) {
            findings.append(Self.description.finding(object, in: index, field: field,
                message: "\(field) is \(value.string ?? "?"): \(problem)", fix: fix, evidence: [Evidence.field(field, value)]))
        }
        for function in index.objects("Function", group: "fission.io") {
            let spec = function.body["spec"]
            let strategy = spec["InvokeStrategy"]["ExecutionStrategy"]
            let base = "spec.InvokeStrategy.ExecutionStrategy"
            if ["newdeploy", "container"].contains(strategy["ExecutorType"].string ?? "") {
                let minScale = strategy["MinScale"].int ?? 0, maxScale = strategy["MaxScale"].int ?? 0
                if minScale < 0 { add(function, "\(base).MinScale", strategy["MinScale"], "must be 0 or more", "Set \(base).MinScale to 0 or more.") }
                if maxScale <= 0 {
                    add(function, "\(base).MaxScale", strategy["MaxScale"].isNull ? .int(0) : strategy["MaxScale"],
                        "the \(strategy["ExecutorType"].string!) executor needs MaxScale > 0", "Set \(base).MaxScale to at least \(max(1, minScale)).")
                } else if maxScale < minScale {
                    add(function, "\(base).MaxScale", strategy["MaxScale"], "less than MinScale \(minScale)", "Set \(base).MaxScale to at least \(minScale).")
                }
                if let cpu = strategy["TargetCPUPercent"].int, cpu < 0 || cpu > 100 {
                    add(function, "\(base).TargetCPUPercent", strategy["TargetCPUPercent"], "must be within 0-100", "Set \(base).TargetCPUPercent between 1 and 100.")
                }
            }
            if let timeout = spec["functionTimeout"].int, timeout <= 0 {
                add(function, "spec.functionTimeout", spec["functionTimeout"], "must be more than 0 seconds", "Set spec.functionTimeout to a positive number of seconds (default 60).")
            }
        }
        for environment in index.objects("Environment", group: "fission.io") {
            let spec = environment.body["spec"]
            if let version = spec["version"].int, !(1...3).contains(version) {
                add(environment, "spec.version", spec["version"], "an Environment version is 1, 2 or 3", "Set spec.version to 3 (the CLI default).")
            }
            if let pool = spec["poolsize"].int, pool < 0 {
                add(environment, "spec.poolsize", spec["poolsize"], "must be 0 or more", "Set spec.poolsize to 0 or more (default 3).")
            }
            if let grace = spec["terminationGracePeriod"].int, grace < 0 {
                add(environment, "spec.terminationGracePeriod", spec["terminationGracePeriod"], "must be 0 or more", "Set spec.terminationGracePeriod to 0 or more seconds.")
            }
        }
        return findings
    }
}
