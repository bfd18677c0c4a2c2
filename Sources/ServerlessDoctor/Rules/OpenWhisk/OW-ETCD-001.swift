/// The chart's etcd supports one replica and no external etcd.
public struct UnsupportedEtcdSetup: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "OW-ETCD-001", platform: .openwhisk, severity: .warning,
        title: "etcd replicas or external etcd the chart does not support",
        rationale: """
            openwhisk-deploy-kube documents etcd.replicaCount > 1 as "will not work" and etcd.external as "not \
            supported yet". The scheduler keeps queue and lease state in etcd; a broken etcd shows as "requested lease \
            not found" and "no scheduler endpoint available".
            """,
        fix: "Set etcd.replicaCount: 1 and etcd.external: false (and give etcd persistence).",
        references: ["apache/openwhisk#5485"],
        triggeringExamples: ["""
            scheduler:
              enabled: true
            etcd:
              replicaCount: 3
            """],
        nonTriggeringExamples: ["""
            scheduler:
              enabled: true
            etcd:
              replicaCount: 1
              external: false
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        for values in index.helmValues(.openwhisk) {
            let etcd = values.values["etcd"]
            if let replicas = etcd["replicaCount"].int, replicas > 1 {
                findings.append(Self.description.finding(
                    values, field: "etcd.replicaCount",
                    message: "etcd.replicaCount is \(replicas): the chart's etcd supports one replica (\"setting replicaCount > 1 will not work\")",
                    fix: "Set etcd.replicaCount: 1.", evidence: [Evidence.field("etcd.replicaCount", etcd["replicaCount"])]))
            }
            if etcd["external"].bool == true {
                findings.append(Self.description.finding(
                    values, field: "etcd.external",
                    message: "etcd.external is true: the chart says external etcd is not supported yet",
                    fix: "Set etcd.external: false and let the chart run etcd.", evidence: ["etcd.external: true"]))
            }
        }
        return findings
    }
}
