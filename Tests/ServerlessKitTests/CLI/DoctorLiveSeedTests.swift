import Foundation
import Testing
@testable import ServerlessSupport

/// The seed problems of the doctor issue against the test API server: each broken set, served as a live
/// cluster, raises its rule with a fix, and its corrected twin is clean. (POD_NAMESPACE is in
/// DoctorCommandTests, with the manifest comparison.)
@Suite struct DoctorLiveSeedTests {
    /// A change to a fixture file: replace text in it, or add text at its end (its last document).
    enum Edit: Sendable {
        case replace(_ fixture: String, _ from: String, _ to: String)
        case append(_ fixture: String, _ text: String)
    }

    struct Seed: CustomTestStringConvertible, Sendable {
        let name: String
        /// The corrected set.
        let fixtures: [String]
        /// What a running cluster serves beyond the files either way: the status operators write, the pods.
        var served: [Edit] = []
        /// What breaks the corrected set.
        let breakage: [Edit]
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

    /// The second namespace the KEDA operator fixture watches, which a working cluster has.
    static let paymentsNamespace = "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: payments}\n"

    /// The invoker as the chart renders it (with its selector), and its pod running and ready.
    static let invokerSelector = Edit.replace("openwhisk/components-scheduler-mode.yaml",
        "  name: owdev-invoker\n  namespace: openwhisk\nspec:\n  replicas: 1\n",
        "  name: owdev-invoker\n  namespace: openwhisk\nspec:\n  replicas: 1\n  selector: {matchLabels: {name: owdev-invoker}}\n")
    static let invokerPod = Edit.append("openwhisk/components-scheduler-mode.yaml", """
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: owdev-invoker-0, namespace: openwhisk, labels: {name: owdev-invoker}}
        spec:
          containers:
          - {name: invoker, image: "openwhisk/invoker:ef725a6"}
        status:
          phase: Running
          conditions:
          - {type: Ready, status: "True"}
          containerStatuses:
          - {name: invoker, ready: true, restartCount: 0, state: {running: {startedAt: "2026-11-22T04:00:00Z"}}}

        """)

    static let seeds: [Seed] = [
        Seed(name: "KEDA 2.15.1 fails the metric on a missing checkpoint",
             fixtures: ["keda/keda-operator-deployment.yaml", "azure-functions/orders-fixed.yaml"],
             served: [.append("azure-functions/orders-fixed.yaml", reconciled), .append("keda/keda-operator-deployment.yaml", paymentsNamespace)],
             breakage: [.replace("keda/keda-operator-deployment.yaml", "ghcr.io/kedacore/keda:2.20.2", "ghcr.io/kedacore/keda:2.15.1")],
             rule: "KD-VER-001", fixMentions: "2.16.0"),
        Seed(name: "Fission functions in a namespace the executor does not watch",
             fixtures: ["fission/executor-deployment-env.yaml", "fission/control-plane-live.yaml", "fission/function-good.yaml"],
             breakage: [.replace("fission/function-good.yaml", "namespace: team-a", "namespace: sandbox")],
             rule: "FI-NS-001", fixMentions: "additionalFissionNamespaces"),
        Seed(name: "OpenWhisk Kafka security on some components only",
             fixtures: ["openwhisk/scheduler-statefulset-rendered.yaml", "openwhisk/components-scheduler-mode.yaml"],
             served: [invokerSelector, invokerPod],
             breakage: [.replace("openwhisk/components-scheduler-mode.yaml", componentsWithKafkaHosts,
                                 componentsWithKafkaHosts + "\n        - {name: CONFIG_whisk_kafka_common_securityProtocol, value: SASL_SSL}")],
             rule: "OW-KAFKA-001", fixMentions: "CONFIG_whisk_kafka"),
        Seed(name: "OpenWhisk scheduler on an activation store other than ElasticSearch",
             fixtures: ["openwhisk/scheduler-statefulset-rendered.yaml", "openwhisk/components-scheduler-mode.yaml"],
             served: [invokerSelector, invokerPod],
             breakage: [.replace("openwhisk/scheduler-statefulset-rendered.yaml",
                                 "\"org.apache.openwhisk.core.database.elasticsearch.ElasticSearchActivationStoreProvider\"",
                                 "\"org.apache.openwhisk.core.database.ArtifactActivationStoreProvider\"")],
             rule: "OW-AS-002", fixMentions: "CONFIG_whisk_spi_ActivationStoreProvider"),
    ]

    func doctor(_ cluster: KubeTestCluster) throws -> (status: Int32, report: Value, stderr: String) {
        let result = try DoctorCommandTests().doctor(["--kubeconfig", cluster.kubeconfig, "-A", "-o", "json"])
        return (result.status, try JSON.parse(result.stdout), result.stderr)
    }

    /// The fixtures as the cluster serves them, with `breakage` applied when `broken`, as files for the test API server.
    func files(_ seed: Seed, broken: Bool, in directory: TempDir) throws -> [String] {
        try seed.fixtures.map { name in
            var text = try String(contentsOf: DoctorCommandTests.manifests.appendingPathComponent(name), encoding: .utf8)
            for edit in seed.served + (broken ? seed.breakage : []) {
                switch edit {
                case let .append(fixture, added) where fixture == name:
                    text += added
                case let .replace(fixture, from, to) where fixture == name:
                    #expect(text.contains(from), "\(name) no longer holds \(from)")
                    text = text.replacingOccurrences(of: from, with: to)
                default:
                    break
                }
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
        #expect(clean.status == 0, "\(clean.stderr)\n\(clean.report)")
    }
}
