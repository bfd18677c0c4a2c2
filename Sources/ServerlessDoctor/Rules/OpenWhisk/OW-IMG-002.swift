/// The chart renders env for Akka-era images with sharding defaults; newer images need other settings.
public struct ImageGenerationMismatch: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-IMG-002", platform: .openwhisk, severity: .error,
        title: "Image generation does not match what the chart renders",
        rationale: """
            The chart (1.0.1) targets ef725a6 (2022-10-14: Akka, sharding defaults). Images after apache/openwhisk#5463 \
            (2024-03-06) default to the FPC scheduler SPIs, so with scheduler.enabled=false the controller runs \
            FPCPoolBalancer without a scheduler or etcd (error: those tags are dated); images after #5551 (2025-10-19) \
            use Apache Pekko: every CONFIG_akka_* setting is ignored and WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT, which the \
            chart never sets, is required. The moving tags nightly and latest of openwhisk/* may hold such a build \
            (warning); tags the doctor cannot date, such as a locally built whisk/controller:latest, are info.
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

    package static func verdict(tag: String, repository: String? = nil, schedulerEnabled: Bool) -> (String, Severity)? {
        switch OpenWhiskImageEra(tag: tag, repository: repository) {
        case .akkaSharding: return nil
        case .pekko:
            // A moving tag: what it holds today is a guess about the build, so a warning that says may.
            return ("tag \(tag) moves with master; builds after apache/openwhisk#5551 (2025-10-19) use Apache Pekko, which may ignore every CONFIG_akka_* setting this chart renders and require WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT, which the chart never sets", .warning)
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
                // The chart's `<role>.imageName` (default openwhisk/<role>) says whose build a moving tag is.
                let repository = values.values[role]["imageName"].string ?? "openwhisk/\(role)"
                guard let (message, severity) = Self.verdict(tag: tag, repository: repository, schedulerEnabled: scheduler) else { continue }
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
                message: "\(component.container.image) moves with master and may be an Apache Pekko build (after apache/openwhisk#5551, 2025-10-19): then \(akka.name) and every other CONFIG_akka_* setting is ignored",
                fix: "Pin the image to the chart's tag (ef725a6), or rename the settings to CONFIG_pekko_* and set WHISK_SCHEDULER_ENDPOINTS_PEKKOPORT.",
                evidence: [Evidence.field("\(component.container.path).image", .string(component.container.image)), "\(akka.path): \(akka.name)"],
                severity: .warning))
        }
        return findings
    }
}
