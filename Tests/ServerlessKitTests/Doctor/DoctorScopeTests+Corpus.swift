import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes

/// False alarms the upstream corpus (scripts/corpus-check) found, each as a small manifest of the same shape.
extension DoctorScopeTests {
    static let cpuScaledObject = TestManifests.scaledObject("orders", namespace: "fn", triggers: [TestManifests.cpuTrigger])

    static func externalMetrics(service: String, namespace: String = "keda") -> String {
        """
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: {name: v1beta1.external.metrics.k8s.io}
        spec:
          group: external.metrics.k8s.io
          version: v1beta1
          service: {name: \(service), namespace: \(namespace)}
        """
    }

    /// KD-OP-005: KEDA's release manifests (kedacore/keda config/metrics-server) and func kubernetes install name the Service
    /// keda-metrics-apiserver; the chart names it <operator.name>-metrics-apiserver; KEDA v1 served the API from
    /// the operator's own Service.
    @Test func externalMetricsServedByAnyServiceKedaItselfInstalls() throws {
        let kedas = [
            [Self.externalMetrics(service: "keda-metrics-apiserver", namespace: "KEDA_NAMESPACE")],
            [Self.externalMetrics(service: "keda-operator-metrics-apiserver")],
            [Self.externalMetrics(service: "autoscaler-metrics-apiserver"),
             TestManifests.kedaOperator(name: "autoscaler", image: "ghcr.io/kedacore/keda:2.16.1")],
            [Self.externalMetrics(service: "keda"), TestManifests.kedaOperator(name: "keda", image: "docker.io/kedacore/keda:1.1.0")],
        ]
        for documents in kedas {
            let ids = try findings((documents + [Self.cpuScaledObject]).joined(separator: "\n---\n")).map(\.id)
            #expect(!ids.contains("KD-OP-005"), "\(documents.first ?? ""): \(ids)")
        }
        let other = try findings([Self.externalMetrics(service: "prometheus-adapter", namespace: "monitoring"),
                                  TestManifests.kedaOperator(image: "ghcr.io/kedacore/keda:2.16.1"), Self.cpuScaledObject]
            .joined(separator: "\n---\n")).filter { $0.id == "KD-OP-005" }
        #expect(other.map(\.severity) == [.error])
    }

    /// AF-KEDA-TYPE-001: KEDA's own config/samples use the placeholder type example-trigger: not a Functions binding.
    @Test func aPlaceholderTriggerTypeIsNoFunctionsBinding() throws {
        func verdict(_ type: String) throws -> [Finding] {
            try findings(Self.cpuScaledObject.replacingOccurrences(of: "type: cpu", with: "type: \(type)"))
                .filter { $0.id == "AF-KEDA-TYPE-001" }
        }
        let placeholder = try verdict("example-trigger")
        #expect(placeholder.map(\.severity) == [.warning])
        #expect(placeholder.first?.message.contains("Functions binding") == false)
        let binding = try verdict("timertrigger")
        #expect(binding.map(\.severity) == [.error])
        #expect(binding.first?.message.contains("is a Functions binding") == true)
    }

    /// AF-KEDA-V1-001 and AF-KEDA-VER-001: func kubernetes install's KEDA v1 with the KEDA v1 ScaledObject func kubernetes deploy wrote for it: KEDA v1
    /// reads the object, so the one finding is the KEDA v1 install, saying why it breaks.
    @Test func underKedaV1TheOneFindingIsTheInstall() throws {
        let v1Object = TestManifests.kedaV1ScaledObject("orders", namespace: "fn", triggers: [
            "- type: kafka\n  metadata: {topic: orders, brokerList: kafka:9092, consumerGroup: fn}",
        ])
        let underV1 = try findings([TestManifests.kedaOperator(name: "keda", image: "docker.io/kedacore/keda:1.1.0"), v1Object]
            .joined(separator: "\n---\n"))
        #expect(!underV1.map(\.id).contains("AF-KEDA-V1-001"))
        let install = underV1.filter { $0.id == "AF-KEDA-VER-001" }
        #expect(install.map(\.severity) == [.error])
        #expect(install.first?.message.contains("apiextensions.k8s.io/v1beta1") == true)
        let underV2 = try findings([TestManifests.kedaOperator(image: "ghcr.io/kedacore/keda:2.16.1"), v1Object]
            .joined(separator: "\n---\n")).map(\.id)
        #expect(underV2.contains("AF-KEDA-V1-001"))
        #expect(!underV2.contains("AF-KEDA-VER-001"))
    }

    /// KD-TA-003: kedacore/sample-dotnet-worker-servicebus-queue's pod-identity scenario: provider azure works before 2.15.0.
    @Test func removedPodIdentityProvidersAreJudgedAtTheKedaThatRuns() throws {
        let auth = TestManifests.podIdentityAuthentication("orders-auth", namespace: "fn", provider: "azure")
        func verdict(_ image: String?) throws -> [Severity] {
            try findings(([auth] + (image.map { [TestManifests.kedaOperator(image: $0)] } ?? [])).joined(separator: "\n---\n"))
                .filter { $0.id == "KD-TA-003" }.map(\.severity)
        }
        #expect(try verdict("ghcr.io/kedacore/keda:2.14.0") == [])
        #expect(try verdict("ghcr.io/kedacore/keda:2.15.0") == [.error])
        #expect(try verdict(nil) == [.error])
    }

    /// KD-TA-003 and KD-TA-004: KEDA's azure-workload e2e objects beside the KEDA 2.7.0 func kubernetes install
    /// applies: that KEDA has no azure-workload provider (it came in 2.8.0), so a pod label would not help.
    @Test func workloadIdentityBeforeKeda28IsTheUnknownProviderNotAMissingLabel() throws {
        let auth = TestManifests.podIdentityAuthentication("hub-auth", namespace: "fn", provider: "azure-workload")
        func verdict(_ version: String) throws -> [String: [Severity]] {
            let all = try findings([auth, TestManifests.kedaOperator(image: "ghcr.io/kedacore/keda:\(version)")].joined(separator: "\n---\n"))
            return Dictionary(grouping: all.filter { $0.id.hasPrefix("KD-TA-00") }, by: \.id).mapValues { $0.map(\.severity) }
        }
        #expect(try verdict("2.7.0") == ["KD-TA-003": [.error]])
        #expect(try verdict("2.8.0") == ["KD-TA-004": [.warning]])
    }

    /// OW-IMG-001: the openwhisk-deploy-kube README deploys a locally built controller (whisk/controller:latest) beside the
    /// chart's images: its tag says nothing about its vintage. The project's nightly beside ef725a6 does.
    @Test func openWhiskImageVintagesCompareOnlyTheProjectsOwnImages() throws {
        func verdict(_ controller: String) throws -> [Finding] {
            try findings("whisk: {ingress: {type: NodePort}}\ncontroller: \(controller)\n").filter { $0.id == "OW-IMG-001" }
        }
        #expect(try verdict("{imageName: whisk/controller, imageTag: latest}").isEmpty)
        #expect(try verdict("{imageTag: nightly}").map(\.severity) == [.warning])
        let manifests = ["controller", "invoker"].map { role in
            """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: owdev-\(role), namespace: openwhisk}
            spec:
              template:
                spec:
                  containers:
                  - name: \(role)
                    image: "\(role == "controller" ? "whisk/controller:latest" : "openwhisk/invoker:ef725a6")"
                    env: [{name: CONFIG_whisk_info_date, value: "2024-01-01"}]
            """
        }.joined(separator: "\n---\n")
        let components = OpenWhiskComponent.all(in: DoctorIndex(store: try DoctorTestSupport.store(manifests)))
        #expect(components.map(\.role) == [.controller, .invoker])
        #expect(try findings(manifests).filter { $0.id == "OW-IMG-001" }.isEmpty)
    }
}
