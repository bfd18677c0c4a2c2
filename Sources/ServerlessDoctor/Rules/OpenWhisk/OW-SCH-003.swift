/// The lean controller drops Kafka, which the scheduler needs.
public struct SchedulerWithLeanController: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-SCH-003", platform: .openwhisk, severity: .error,
        title: "Scheduler enabled together with the lean controller",
        rationale: """
            controller.lean=true renders no Kafka and gives the controller LeanBalancer, while scheduler.enabled gives it \
            FPCPoolBalancer under the same env name and the scheduler waits for Kafka forever (stuck in Init).
            """,
        fix: "Use one of them: controller.lean: false with scheduler.enabled: true, or scheduler.enabled: false with the lean controller.",
        triggeringExamples: ["""
            scheduler:
              enabled: true
            controller:
              lean: true
            activationStoreBackend: ElasticSearch
            """],
        nonTriggeringExamples: ["""
            scheduler:
              enabled: true
            controller:
              lean: false
            activationStoreBackend: ElasticSearch
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        index.helmValues(.openwhisk).compactMap { values in
            guard values.values["scheduler"]["enabled"].bool == true, values.values["controller"]["lean"].bool == true else { return nil }
            return Self.description.finding(
                values, field: "controller.lean",
                message: "scheduler.enabled and controller.lean are both true: the lean controller renders no Kafka, but the scheduler needs it (stuck in Init), and the controller gets two load balancers",
                fix: "Set controller.lean: false to keep the scheduler, or scheduler.enabled: false to keep the lean controller.",
                evidence: ["scheduler.enabled: true", "controller.lean: true"])
        }
    }
}
