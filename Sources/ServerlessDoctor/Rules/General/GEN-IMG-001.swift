/// A control plane on a moving tag changes version whenever a pod restarts.
public struct ControlPlaneOnMovingTag: Rule {
    public init() {}

    package static let movingTags: Set<String> = ["latest", "nightly", "main", "master", "dev"]

    public static let description = RuleDescription(
        id: "GEN-IMG-001", platform: .general, severity: .warning,
        title: "Control-plane image on latest or nightly",
        rationale: """
            An image tagged latest or nightly (or not tagged at all, which means latest) is whatever the registry holds \
            when a node pulls it: after a restart or a reschedule one component silently runs a newer build than the \
            others, and components of different vintages are not compatible (apache/openwhisk-deploy-kube#235: "new \
            controller isn't compatible with the old invoker pods"). Only the control planes of the platforms found \
            are checked (KEDA, Fission, OpenWhisk), not application images.
            """,
        fix: "Pin the control-plane images to a release tag (or digest) and upgrade them together, e.g. with the chart's image tag values.",
        references: ["apache/openwhisk-deploy-kube#235"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:nightly
                    env:
                    - {name: CONFIG_whisk_cluster_name, value: owdev}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-controller, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: controller
                    image: openwhisk/controller:ef725a6
                    env:
                    - {name: CONFIG_whisk_cluster_name, value: owdev}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - {name: web, image: "nginx:latest"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for member in index.scope.controlPlane {
            for container in member.workload.containers where !container.image.isEmpty && !container.image.contains("@") {
                let tag = container.imageTag
                guard tag == nil || Self.movingTags.contains(tag!.lowercased()) else { continue }
                let object = member.workload.object
                findings.append(Self.description.finding(object, in: index, field: "\(container.path).image",
                    message: "\(member.reason) \(object.kind) \(object.name) runs \(container.image)\(tag == nil ? " (no tag: latest)" : ""): each restart may pull a different build than the other components run",
                    evidence: [Evidence.field("\(container.path).image", .string(container.image))]))
            }
        }
        return findings
    }
}
