/// A Package with source code is built by its Environment's builder; without one the build never starts.
public struct SourcePackageWithoutBuilder: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-BUILD-001", platform: .fission, severity: .error,
        title: "Source package whose Environment has no builder",
        rationale: """
            A Package with spec.source must be built by the builder of its Environment. When the Environment has no \
            spec.builder.image, the build waits forever: "Build timeout due to environment builder not ready".
            """,
        fix: "Add spec.builder.image (and command) to the Environment, or ship a built spec.deployment archive instead of spec.source.",
        references: ["fission/fission#3055", "fission/fission#400", "fission/fission#816"],
        triggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Environment
            metadata: {name: python, namespace: team-a}
            spec: {version: 3, runtime: {image: ghcr.io/fission/python-env}}
            ---
            apiVersion: fission.io/v1
            kind: Package
            metadata: {name: report-pkg, namespace: team-a}
            spec:
              environment: {name: python, namespace: team-a}
              source: {type: url, url: "archive://report-src"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Environment
            metadata: {name: python, namespace: team-a}
            spec:
              version: 3
              runtime: {image: ghcr.io/fission/python-env}
              builder: {image: ghcr.io/fission/python-builder, command: build}
            ---
            apiVersion: fission.io/v1
            kind: Package
            metadata: {name: report-pkg, namespace: team-a}
            spec:
              environment: {name: python, namespace: team-a}
              source: {type: url, url: "archive://report-src"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        index.objects("Package", group: "fission.io").compactMap { package in
            let spec = package.body["spec"]
            let source = spec["source"]
            let hasSource = !(source["url"].string ?? "").isEmpty || !(source["literal"].string ?? "").isEmpty
            guard hasSource, let envName = spec["environment"]["name"].string else { return nil }
            let namespace = spec["environment"]["namespace"].string.flatMap { $0.isEmpty ? nil : $0 } ?? index.namespace(of: package)
            guard let environment = index.object("Environment", namespace: namespace, name: envName),
                  (environment.body["spec"]["builder"]["image"].string ?? "").isEmpty else { return nil }
            return Self.description.finding(
                package, in: index, field: "spec.source",
                message: "Package \(package.name) has source to build but Environment \(namespace ?? "")/\(envName) has no builder image: the build times out (\"environment builder not ready\")",
                fix: "Add spec.builder.image to Environment \(envName) (e.g. the builder image of its runtime), or give the Package a built spec.deployment archive instead of spec.source.",
                evidence: [Evidence.field("spec.source.url", source["url"]), "Environment \(envName): spec.builder.image not set"])
        }
    }
}
