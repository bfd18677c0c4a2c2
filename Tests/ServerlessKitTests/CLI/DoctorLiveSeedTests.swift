import Foundation
import Testing
@testable import ServerlessKit

/// The seed problems of the doctor issue against the test API server: each broken set, served as a live
/// cluster, raises its rule with a fix, and its corrected twin is clean. (POD_NAMESPACE is in
/// DoctorCommandTests, with the manifest comparison.)
@Suite struct DoctorLiveSeedTests {
    struct Seed: CustomTestStringConvertible, Sendable {
        let name: String
        /// The corrected set as a running cluster serves it.
        let fixtures: [String]
        /// What the cluster adds to a fixture either way (the status an operator writes): (fixture, text).
        var served: [(fixture: String, text: String)] = []
        /// Text replacements that break the corrected set: (fixture, from, to).
        let breakage: [(fixture: String, from: String, to: String)]
        let rule: String
        let fixMentions: String
        var testDescription: String { name }
    }

    static let componentsWithKafkaHosts = "        - {name: KAFKA_HOSTS, value: \"owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9092\"}"

    /// A ScaledObject the KEDA operator has reconciled and is serving metrics for (orders-fixed.yaml ends with it).
    static let reconciled = """
        status:
          scaleTargetKind: apps/v1.Deployment
          originalReplicaCount: 0
          conditions:
          - {type: Ready, status: "True", reason: ScaledObjectReady, message: ScaledObject is defined correctly and is ready for scaling}
          - {type: Active, status: "False", reason: ScalerNotActive, message: Scaling is not performed because triggers are not active}
          - {type: Fallback, status: "False", reason: NoFallbackFound, message: No fallbacks are active on this scaled object}
          - {type: Paused, status: "False", reason: ScaledObjectUnpaused, message: pause annotation removed for ScaledObject}

        """

    static let seeds: [Seed] = [
        Seed(name: "KEDA 2.15.1 fails the metric on a missing checkpoint",
             fixtures: ["keda/keda-operator-deployment.yaml", "azure-functions/orders-fixed.yaml"],
             served: [("azure-functions/orders-fixed.yaml", reconciled)],
             breakage: [("keda/keda-operator-deployment.yaml", "ghcr.io/kedacore/keda:2.20.2", "ghcr.io/kedacore/keda:2.15.1")],
             rule: "KD-VER-001", fixMentions: "2.16.0"),
        Seed(name: "Fission functions in a namespace the executor does not watch",
             fixtures: ["fission/executor-deployment-env.yaml", "fission/control-plane-live.yaml", "fission/function-good.yaml"],
             breakage: [("fission/function-good.yaml", "namespace: team-a", "namespace: sandbox")],
             rule: "FI-NS-001", fixMentions: "additionalFissionNamespaces"),
        Seed(name: "OpenWhisk Kafka security on some components only",
             fixtures: ["openwhisk/scheduler-statefulset-rendered.yaml", "openwhisk/components-scheduler-mode.yaml"],
             breakage: [("openwhisk/components-scheduler-mode.yaml", componentsWithKafkaHosts,
                         componentsWithKafkaHosts + "\n        - {name: CONFIG_whisk_kafka_common_securityProtocol, value: SASL_SSL}")],
             rule: "OW-KAFKA-001", fixMentions: "CONFIG_whisk_kafka"),
        Seed(name: "OpenWhisk scheduler on an activation store other than ElasticSearch",
             fixtures: ["openwhisk/scheduler-statefulset-rendered.yaml", "openwhisk/components-scheduler-mode.yaml"],
             breakage: [("openwhisk/scheduler-statefulset-rendered.yaml",
                         "\"org.apache.openwhisk.core.database.elasticsearch.ElasticSearchActivationStoreProvider\"",
                         "\"org.apache.openwhisk.core.database.ArtifactActivationStoreProvider\"")],
             rule: "OW-AS-002", fixMentions: "CONFIG_whisk_spi_ActivationStoreProvider"),
    ]

    func doctor(_ cluster: KubeTestCluster) throws -> (status: Int32, report: Value, stderr: String) {
        let result = try Ops.run(try Ops.requireBinary(), ["doctor", "--kubeconfig", cluster.kubeconfig, "-A", "-o", "json"],
                                 environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
        return (result.status, try JSON.parse(result.stdout), result.stderr)
    }

    /// The fixtures as the cluster serves them, with `breakage` applied when `broken`, as files for the test API server.
    func files(_ seed: Seed, broken: Bool, in directory: TempDir) throws -> [String] {
        try seed.fixtures.map { name in
            var text = try String(contentsOf: DoctorCommandTests.manifests.appendingPathComponent(name), encoding: .utf8)
            for added in seed.served where added.fixture == name { text += added.text }
            for edit in seed.breakage where broken && edit.fixture == name {
                #expect(text.contains(edit.from), "\(name) no longer holds \(edit.from)")
                text = text.replacingOccurrences(of: edit.from, with: edit.to)
            }
            return try directory.write(name.replacingOccurrences(of: "/", with: "-"), text)
        }
    }

    @Test(arguments: seeds)
    func brokenIsFoundLiveAndItsTwinIsClean(_ seed: Seed) throws {
        let directory = try TempDir()
        let broken = try KubeTestCluster(manifests: try files(seed, broken: true, in: directory))
        let found = try doctor(broken)
        #expect(found.status == 1, "\(found.stderr)")
        #expect(found.report["source"]["kind"] == .string("cluster"))
        let findings = found.report["findings"].array.filter { $0["id"].string == seed.rule }
        #expect(!findings.isEmpty, "\(found.report["findings"].array.compactMap { $0["id"].string })")
        for finding in findings {
            #expect(finding["location"].isNull)
            #expect(finding["fix"].string?.contains(seed.fixMentions) == true, "\(finding["fix"])")
            #expect(!(finding["evidence"].array.isEmpty))
        }
        #expect(broken.requests.allSatisfy { $0.hasPrefix("GET ") || $0.contains("selfsubjectaccessreviews") })

        let fixed = try KubeTestCluster(manifests: try files(seed, broken: false, in: directory))
        let clean = try doctor(fixed)
        #expect(clean.report["findings"].array.compactMap { $0["id"].string } == [], "\(clean.stderr)")
        #expect(clean.status == 0)
    }
}
