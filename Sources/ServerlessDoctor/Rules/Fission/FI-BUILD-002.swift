/// A Package whose build failed or has not finished: Functions using it fail with
/// `package build status was not "succeeded"`.
public struct PackageBuildNotSucceeded: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-BUILD-002", platform: .fission, severity: .error,
        title: "Package build failed or not finished",
        rationale: """
            A Package with status.buildstatus failed cannot serve its Functions ("package build status was not \
            \\"succeeded\\""); pending or running for long usually means the builder is not ready or storagesvc is down. \
            Build status exists only in the cluster (or in `kubectl get -o yaml` output).
            """,
        fix: "Read the build log (kubectl get package NAME -o jsonpath='{.status.buildlog}'), fix the source or builder, then `fission pkg rebuild --name NAME`.",
        needs: .live, liveOnly: "Package status.buildstatus and buildlog",
        references: ["fission/fission#2063", "fission/fission#974", "fission/fission#2926", "fission/fission#2490"],
        triggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Package
            metadata: {name: hello-go-pkg, namespace: team-a}
            spec:
              environment: {name: go, namespace: team-a}
              source: {type: url, url: "https://example.com/hello.go"}
            status:
              buildstatus: failed
              buildlog: "go: cannot find main module"
            """],
        nonTriggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Package
            metadata: {name: hello-go-pkg, namespace: team-a}
            spec:
              environment: {name: go, namespace: team-a}
              source: {type: url, url: "https://example.com/hello.go"}
            status:
              buildstatus: succeeded
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        index.objects("Package", group: "fission.io").compactMap { package in
            guard let status = package.body["status"]["buildstatus"].string,
                  ["failed", "pending", "running"].contains(status) else { return nil }
            // `fission spec` writes every Package with the stub `buildstatus: pending`
            // (fission/fission pkg/fission-cli/cmd/package/create.go, CreatePackage: a source archive sets
            // BuildStatusPending before SpecSave): only the cluster says a build is stuck.
            guard status == "failed" || index.isLive else { return nil }
            let log = package.body["status"]["buildlog"].string.map { $0.split(separator: "\n").suffix(3).joined(separator: " | ") }
            let failed = status == "failed"
            return Self.description.finding(
                package, in: index, field: "status.buildstatus",
                message: failed
                    ? "the build of Package \(package.name) failed\(log.map { ": \($0)" } ?? ""); Functions using it cannot start"
                    : "the build of Package \(package.name) is \(status); if it stays so, the builder is not ready or storagesvc is unreachable",
                fix: failed
                    ? "Fix the build (see status.buildlog), then run fission pkg rebuild --name \(package.name) --namespace \(index.namespace(of: package) ?? "default")."
                    : "Check the builder pod of Environment \(package.body["spec"]["environment"]["name"].string ?? "?") and storagesvc, then fission pkg rebuild --name \(package.name).",
                evidence: ["status.buildstatus: \(status)"] + (log.map { ["status.buildlog: \($0)"] } ?? []),
                severity: failed ? .error : .warning)
        }
    }
}
