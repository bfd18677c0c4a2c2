/// The chart renders env for Akka-era images with sharding defaults; newer images need other settings.
public struct ImageGenerationMismatch: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-IMG-002", platform: .openwhisk, severity: .error,
        title: "Image generation does not match what the chart renders",
        rationale: """
            The chart (1.0.1) targets ef725a6 (2022-10-14: Akka, sharding defaults). Images after apache/openwhisk#5463 \
            (2024-03-06) default to the FPC scheduler SPIs, so with scheduler.enabled=false the controller runs \
            FPCPoolBalancer without a scheduler or etcd; images after #5551 (2025-10-19, e.g. nightly) use Apache \
            Pekko: every CONFIG_akka_* setting is ignored and WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT, which the chart never \
            sets, is required. Hex tags the doctor cannot date are reported as info.
            """,
        fix: "Pin controller, invoker and scheduler to the chart's tag (ef725a6), or to a tag whose generation the chart supports.",
        references: ["apache/openwhisk#5463", "apache/openwhisk#5551", "apache/openwhisk#5484"],
        triggeringExamples: ["""
            scheduler:
              enabled: true
              imageTag: nightly
            controller:
              imageTag: nightly
            invoker:
              imageTag: nightly
            """],
        nonTriggeringExamples: ["""
            scheduler:
              enabled: true
              imageTag: ef725a6
            controller:
              imageTag: ef725a6
            invoker:
              imageTag: ef725a6
            """])

    static func verdict(tag: String, schedulerEnabled: Bool) -> (String, Severity)? {
        switch OpenWhiskImageEra(tag: tag) {
        case .akkaSharding: return nil
        case .pekko:
            return ("tag \(tag) is a current-master (Apache Pekko, after apache/openwhisk#5551 of 2025-10-19) build: it ignores every CONFIG_akka_* setting this chart renders and requires WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT, which the chart never sets", .error)
        case .akkaFPC:
            return schedulerEnabled ? nil : ("tag \(tag) is built after apache/openwhisk#5463 (2024-03-06) and defaults to the FPC scheduler SPIs, but scheduler.enabled is false: the controller runs FPCPoolBalancer without a scheduler or etcd", .error)
        case .unknown:
            return ("cannot date image tag \(tag); check it against apache/openwhisk#5463 (FPC defaults, 2024-03-06) and #5551 (Pekko, 2025-10-19)", .info)
        }
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for values in index.helmValues(.openwhisk) {
            let scheduler = values.values["scheduler"]["enabled"].bool ?? false
            var seen: Set<String> = []
            for (role, tag) in MixedImageTags.valuesTags(values.values) where !seen.contains(tag) {
                guard let (message, severity) = Self.verdict(tag: tag, schedulerEnabled: scheduler) else { continue }
                seen.insert(tag)
                findings.append(Self.description.finding(
                    values, field: "\(role).imageTag", message: "\(role).imageTag: \(message)",
                    fix: "Set controller.imageTag, invoker.imageTag and scheduler.imageTag to ef725a6 (the chart's default), or a tag of the generation this chart renders.",
                    evidence: ["\(role).imageTag: \(tag)"], severity: severity))
            }
        }
        for component in OpenWhiskComponent.all(in: index) where component.era == .pekko {
            guard let akka = component.container.env.first(where: { $0.name.hasPrefix("CONFIG_akka_") }) else { continue }
            findings.append(Self.description.finding(
                component.workload.object, in: index, field: akka.path,
                message: "\(component.container.image) is an Apache Pekko build: \(akka.name) and every other CONFIG_akka_* setting is ignored",
                fix: "Pin the image to the chart's tag (ef725a6), or rename the settings to CONFIG_pekko_* and set WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT.",
                evidence: [Evidence.field("\(component.container.path).image", .string(component.container.image)), "\(akka.path): \(akka.name)"]))
        }
        return findings
    }
}
