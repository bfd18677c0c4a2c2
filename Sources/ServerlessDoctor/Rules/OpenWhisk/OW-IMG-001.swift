import ServerlessSupport

/// Controller, invoker and scheduler images must be of the same vintage.
public struct MixedImageTags: Rule {
    public init() {}

    package static let chartDefaultTag = "ef725a6"

    public static let description = RuleDescription(
        id: "OW-IMG-001", platform: .openwhisk, severity: .warning,
        title: "Controller, invoker and scheduler image tags differ",
        rationale: """
            OpenWhisk components talk over internal protocols that change between commits: "new controller isn't \
            compatible with the old invoker pods ... use a tag of the same vintage". Values without an imageTag use the \
            chart default (ef725a6). Only the project's own images (openwhisk/controller, openwhisk/invoker, \
            openwhisk/scheduler) are compared: the tag of a locally built image, such as the whisk/controller:latest the \
            chart's README deploys, says nothing about its vintage.
            """,
        fix: "Use the same image tag for controller, invoker and scheduler.",
        references: ["apache/openwhisk-deploy-kube#235"],
        triggeringExamples: ["""
            scheduler:
              enabled: true
              imageTag: nightly
            controller:
              imageTag: nightly
            invoker:
              imageTag: ef725a6
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

    /// The tag of each component a values file deploys (scheduler only when enabled).
    package static func valuesTags(_ values: Value) -> [(String, String)] {
        var out: [(String, String)] = []
        for role in ["controller", "invoker", "scheduler"] {
            if role == "scheduler" && values["scheduler"]["enabled"].bool != true { continue }
            out.append((role, values[role]["imageTag"].string ?? chartDefaultTag))
        }
        return out
    }

    /// The project's own image for the role, from Docker Hub under any registry prefix (docker.io/openwhisk/invoker).
    package static func isPublished(_ repository: String, role: String) -> Bool {
        repository == "openwhisk/\(role)" || repository.hasSuffix("/openwhisk/\(role)")
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for values in index.helmValues(.openwhisk) {
            let tags = Self.valuesTags(values.values).filter { role, _ in
                Self.isPublished(values.values[role]["imageName"].string ?? "openwhisk/\(role)", role: role)
            }
            guard Set(tags.map(\.1)).count > 1 else { continue }
            let odd = tags.first { $0.1 != tags[0].1 }!
            findings.append(Self.description.finding(
                values, field: "\(odd.0).imageTag",
                message: "component images are of different vintages (\(tags.map { "\($0.0) \($0.1)" }.joined(separator: ", "))): components built from different commits may not understand each other",
                fix: "Set controller.imageTag, invoker.imageTag and scheduler.imageTag to the same tag.",
                evidence: tags.map { "\($0.0).imageTag: \($0.1)" }))
        }
        let byNamespace = Dictionary(grouping: OpenWhiskComponent.all(in: index), by: { $0.namespace ?? "" })
        for namespace in byNamespace.keys.sorted() {
            let components = byNamespace[namespace]!.filter { component in
                let image = component.container.image.split(separator: "@").first.map(String.init) ?? ""
                let repository = component.container.imageTag.map { String(image.dropLast($0.count + 1)) } ?? image
                return Self.isPublished(repository, role: component.role.rawValue)
            }
            let tags = components.map { ($0, $0.container.imageTag ?? "latest") }
            guard Set(tags.map(\.1)).count > 1 else { continue }
            let odd = tags.first { $0.1 != tags[0].1 }!
            findings.append(Self.description.finding(
                odd.0.workload.object, in: index, field: "\(odd.0.container.path).image",
                message: "OpenWhisk images in \(namespace) are of different vintages (\(tags.map { "\($0.0.role.rawValue) \($0.1)" }.joined(separator: ", "))): components built from different commits may not understand each other",
                fix: "Use one image tag for controller, invoker and scheduler.",
                evidence: tags.map { Evidence.field("\($0.0.workload.object.name) \($0.0.container.path).image", .string($0.0.container.image)) }))
        }
        return findings
    }
}
