import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// The example manifests in Fixtures/: each broken set raises its rules, each
/// corrected twin is clean.
@Suite struct SeedFixtureTests {
    func run(_ names: [String], extra: String? = nil) throws -> DoctorReport {
        Doctor.run(store: try DoctorTestSupport.fixtureStore(names, extra: extra))
    }

    @Test func funcKubernetesDeployDryRun() throws {
        let report = try run(["azure-functions/func-kubernetes-deploy-dry-run.yaml"])
        #expect(DoctorTestSupport.ids(report) == ["AF-KEDA-EH-001", "AF-KEDA-EH-002", "AF-KEDA-EXTRA-001", "AF-HOSTID-001"])
        let hostID = try #require(report.findings.first { $0.id == "AF-HOSTID-001" })
        #expect(hostID.severity == .warning)
        #expect(hostID.subject == .object(apiVersion: "apps/v1", kind: "Deployment", namespace: "functions", name: "orders"))
        let storage = try #require(report.findings.first { $0.id == "AF-KEDA-EH-001" })
        #expect(storage.location == FindingLocation(file: "azure-functions/func-kubernetes-deploy-dry-run.yaml", line: 205))  // the trigger
    }

    @Test func ordersFixedIsClean() throws {
        let report = try run(["azure-functions/orders-fixed.yaml"])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.platforms == [.azureFunctions, .keda, .general])
    }

    @Test func podNamespaceOnATimerApp() throws {
        let report = try run(["azure-functions/misconfig-pod-namespace-timer.yaml"])
        #expect(DoctorTestSupport.ids(report) == ["AF-LOCK-001", "AF-HOSTID-002", "AF-STORAGE-001"])
        let lock = try #require(report.findings.first { $0.id == "AF-LOCK-001" })
        #expect(lock.severity == .error)
        #expect(lock.location?.line == 35)  // the POD_NAMESPACE env entry
        #expect(lock.evidence.first == "spec.template.spec.containers[0].env[1]: POD_NAMESPACE (valueFrom)")
        #expect(report.findings.first { $0.id == "AF-STORAGE-001" }?.severity == .warning)
        #expect(report.exitCode == 1)
    }
}

@Suite struct KedaSeedFixtureTests {
    let soInKeda = TestManifests.scaledObject("orders", namespace: "keda", triggers: [TestManifests.cpuTrigger])

    @Test func scaledObjectOutsideWatchedNamespaces() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(["keda/keda-operator-deployment.yaml"], extra: soInKeda))
        let finding = try #require(report.findings.first { $0.id == "KD-OP-003" })
        #expect(finding.subject == .object(apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", namespace: "keda", name: "orders"))
        #expect(finding.message.contains("functions, payments"))
        #expect(finding.evidence.contains { $0.contains("WATCH_NAMESPACE=functions,payments") })
    }

    @Test func watchedNamespaceIsClean() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["keda/keda-operator-deployment.yaml", "azure-functions/orders-fixed.yaml"]))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func liveStatusWithCheckFailed() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(["keda/scaledobject-eventhub-live-status.yaml"]))
        let live = try #require(report.findings.first { $0.id == "KD-LIVE-001" })
        #expect(live.severity == .error)
        #expect(live.message.contains("no storage connection string given"))
        #expect(report.notJudged.contains { $0.id == "KD-LIVE-001" })
    }

    @Test func keda215WithEventHubTriggers() throws {
        let operatorText = try String(contentsOf: DoctorTestSupport.fixtures.appendingPathComponent("keda/keda-operator-deployment.yaml"), encoding: .utf8)
        let old = operatorText.replacingOccurrences(of: "ghcr.io/kedacore/keda:2.20.2", with: "ghcr.io/kedacore/keda:2.15.1")
        let fixed = try String(contentsOf: DoctorTestSupport.fixtures.appendingPathComponent("azure-functions/orders-fixed.yaml"), encoding: .utf8)
        let store = try ManifestLoader.assemble([ManifestText(file: "keda.yaml", text: old), ManifestText(file: "orders.yaml", text: fixed)],
                                                paths: ["keda.yaml", "orders.yaml"]).store
        let report = Doctor.run(store: store)
        #expect(DoctorTestSupport.ids(report) == ["KD-VER-001"])
        #expect(report.findings[0].evidence == ["spec.template.spec.containers[0].image: ghcr.io/kedacore/keda:2.15.1"])
    }

    @Test func triggerAuthenticationSecrets() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["keda/triggerauth-examples.yaml", "keda/keda-operator-deployment.yaml"]))
        let missing = report.findings.filter { $0.id == "KD-TA-002" }
        // orders (functions) twice, shared-eventhub read from the operator's namespace keda.
        #expect(missing.count == 3)
        #expect(missing.allSatisfy { $0.severity == .warning })
        #expect(missing.contains { $0.message.contains("Secret keda/shared-eventhub") })

        let withSecret = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["keda/triggerauth-examples.yaml", "azure-functions/func-kubernetes-deploy-dry-run.yaml"]))
        #expect(!withSecret.findings.contains { $0.id == "KD-TA-002" && $0.subject.name == "orders-eh-auth" })
    }
}

@Suite struct FissionSeedFixtureTests {
    @Test func goodFunctionsInAWatchedNamespaceAreClean() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["fission/executor-deployment-env.yaml", "fission/function-good.yaml", "fission/helm-values-multins.yaml"]))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.platforms == [.fission, .general])
    }

    @Test func objectsInAnUnwatchedNamespace() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(["fission/executor-deployment-env.yaml", "fission/function-bad.yaml"]))
        let outside = report.findings.filter { $0.id == "FI-NS-001" }
        #expect(Set(outside.map(\.subject.kind)) == ["Environment", "Package", "Function", "HTTPTrigger"])
        #expect(outside.allSatisfy { $0.subject.namespace == "sandbox" && $0.severity == .error })
        #expect(outside[0].evidence.contains("watched: default,team-a,team-b (from Deployment executor FISSION_DEFAULT_NAMESPACE + FISSION_RESOURCE_NAMESPACES)"))
        // The values file alone gives the same watched set.
        let fromValues = Doctor.run(store: try DoctorTestSupport.fixtureStore(["fission/helm-values-multins.yaml", "fission/function-bad.yaml"]))
        #expect(fromValues.findings.filter { $0.id == "FI-NS-001" }.count == 4)
    }

    @Test func componentsDisagreeOnNamespaces() throws {
        let router = TestManifests.deployment("router", namespace: "fission", container: TestManifests.container(
            "router", image: "ghcr.io/fission/fission-bundle:v1.21.0",
            env: ["- {name: FISSION_DEFAULT_NAMESPACE, value: default}", #"- {name: FISSION_RESOURCE_NAMESPACES, value: "default,team-a"}"#]))
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(["fission/executor-deployment-env.yaml"], extra: router))
        let drift = try #require(report.findings.first { $0.id == "FI-NS-002" })
        #expect(drift.subject.name == "router")
        #expect(drift.message.contains("default, team-a, team-b"))
        let same = Doctor.run(store: try DoctorTestSupport.fixtureStore(["fission/executor-deployment-env.yaml"],
                                                                         extra: router.replacingOccurrences(of: "default,team-a\"", with: "default,team-a,team-b\"")))
        #expect(same.findings.isEmpty)
    }

    @Test func failedBuild() throws {
        let good = try String(contentsOf: DoctorTestSupport.fixtures.appendingPathComponent("fission/function-good.yaml"), encoding: .utf8)
        let failed = good.replacingOccurrences(of: "buildstatus: succeeded", with: "buildstatus: failed\n  buildlog: \"go: cannot find main module\"")
        let store = try DoctorTestSupport.store(failed, file: "function.yaml")
        let report = Doctor.run(store: store)
        let build = try #require(report.findings.first { $0.id == "FI-BUILD-002" })
        #expect(build.message.contains("go: cannot find main module"))
        #expect(report.notJudged.contains { $0.id == "FI-BUILD-002" })
    }
}

@Suite struct OpenWhiskSeedFixtureTests {
    @Test func schedulerModeWithElasticSearchIsClean() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["openwhisk/scheduler-statefulset-rendered.yaml", "openwhisk/components-scheduler-mode.yaml",
             "openwhisk/values-scheduler-elasticsearch.yaml"]))
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.id) \($0.message)" })")
        #expect(report.platforms == [.openwhisk, .general])
    }

    @Test func misconfiguredValues() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(["openwhisk/values-misconfigured.yaml"]))
        let store = try #require(report.findings.first { $0.id == "OW-AS-001" })
        #expect(store.subject == .helmValues(chart: "openwhisk", file: "openwhisk/values-misconfigured.yaml"))
        #expect(store.location?.line == 11)
        #expect(store.fix == "Set activationStoreBackend: ElasticSearch exactly.")
        #expect(DoctorTestSupport.ids(report) == ["OW-AS-001", "OW-IMG-001", "OW-IMG-002", "OW-SCH-003", "OW-ETCD-001"])
    }

    func schedulerPlus(_ edit: (String) -> String) throws -> DoctorReport {
        let url = DoctorTestSupport.fixtures.appendingPathComponent("openwhisk/components-scheduler-mode.yaml")
        let components = edit(try String(contentsOf: url, encoding: .utf8))
        let scheduler = try String(contentsOf: DoctorTestSupport.fixtures.appendingPathComponent("openwhisk/scheduler-statefulset-rendered.yaml"), encoding: .utf8)
        return Doctor.run(store: try ManifestLoader.assemble(
            [ManifestText(file: "scheduler.yaml", text: scheduler), ManifestText(file: "components.yaml", text: components)],
            paths: ["scheduler.yaml", "components.yaml"]).store)
    }

    @Test func invokerNotInSchedulerMode() throws {
        let report = try schedulerPlus { $0.replacingOccurrences(of: "core.invoker.FPCInvokerReactive", with: "core.invoker.InvokerReactive") }
        #expect(DoctorTestSupport.ids(report) == ["OW-SCH-001"])
        #expect(report.findings[0].subject.name == "owdev-invoker")
    }

    @Test func elasticSearchSettingsMissing() throws {
        let report = try schedulerPlus { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.contains("CONFIG_whisk_activationStore_elasticsearch_username") }.joined(separator: "\n")
        }
        #expect(DoctorTestSupport.ids(report) == ["OW-AS-003"])
        #expect(report.findings.count == 2)  // controller and invoker
    }

    @Test func kafkaSecurityOnTwoComponentsOnly() throws {
        let report = try schedulerPlus { text in
            text.replacingOccurrences(of: "        - {name: KAFKA_HOSTS, value: \"owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9092\"}",
                                      with: "        - {name: KAFKA_HOSTS, value: \"owdev-kafka-0.owdev-kafka.openwhisk.svc.cluster.local:9092\"}\n        - {name: CONFIG_whisk_kafka_common_securityProtocol, value: SSL}")
        }
        #expect(DoctorTestSupport.ids(report) == ["OW-KAFKA-001"])
        let finding = report.findings[0]
        #expect(finding.subject.name == "owdev-scheduler")
        #expect(finding.evidence.contains("scheduler owdev-scheduler: CONFIG_whisk_kafka_common_securityProtocol=(not set)"))
    }

    @Test func schedulerMissingRequiredSettings() throws {
        let report = try schedulerPlus { $0 }
        #expect(report.findings.isEmpty)
        let scheduler = try String(contentsOf: DoctorTestSupport.fixtures.appendingPathComponent("openwhisk/scheduler-statefulset-rendered.yaml"), encoding: .utf8)
        let broken = scheduler.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("RUNTIMES_MANIFEST") && !$0.contains("WHISK_SCHEDULER_ENDPOINTS_AKKAPORT") }.joined(separator: "\n")
        let findings = Doctor.run(store: try DoctorTestSupport.store(broken)).findings
        #expect(findings.map(\.id) == ["OW-SCH-004"])
        #expect(findings[0].message.contains("RUNTIMES_MANIFEST, WHISK_SCHEDULER_ENDPOINTS_AKKAPORT"))
    }
}

@Suite struct FissionBrokenSetTests {
    @Test func functionBadRaisesEveryExpectedRule() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["fission/executor-deployment-env.yaml", "fission/function-good.yaml", "fission/function-bad.yaml"]))
        let ids = DoctorTestSupport.ids(report)
        for id in ["FI-NS-001", "FI-XNS-001", "FI-BUILD-001", "FI-EXEC-001", "FI-REF-001"] {
            #expect(ids.contains(id), "\(id) missing from \(ids)")
        }
        let trigger = try #require(report.findings.first { $0.id == "FI-REF-001" && $0.subject.kind == "HTTPTrigger" })
        #expect(trigger.message.contains("did you mean report?"))
        #expect(trigger.severity == .error)
        let exec = try #require(report.findings.first { $0.id == "FI-EXEC-001" })
        #expect(exec.evidence == ["spec.InvokeStrategy.ExecutionStrategy.MaxScale: 0"])
    }
}
