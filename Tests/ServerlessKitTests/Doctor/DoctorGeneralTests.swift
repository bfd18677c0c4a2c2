import Foundation
import Testing
@testable import ServerlessDoctor
@testable import ServerlessIO
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// The `general` platform: what it looks at, how `--platform` scopes it, and how it reports on manifests.
@Suite struct DoctorGeneralTests {
    /// A Functions app (not scaled by KEDA), a KEDA-scaled worker and an unrelated app, all reading a Secret
    /// that is not there, in a namespace whose other Secrets the files carry.
    static let mixed = [
        TestManifests.secret("other", namespace: "apps", data: ["x": "x"]),
        TestManifests.deployment("http-api", namespace: "apps", container: TestManifests.container(
            "api", image: "example.azurecr.io/api:1.0",
            env: ["- {name: FUNCTIONS_WORKER_RUNTIME, value: node}", TestManifests.env("AzureWebJobsStorage", secret: "api-secrets", key: "AzureWebJobsStorage")])),
        TestManifests.deployment("worker", namespace: "apps", container: TestManifests.container(
            "worker", image: "example.azurecr.io/worker:1.0", env: [TestManifests.env("QueueConnection", secret: "worker-secrets", key: "QueueConnection")])),
        TestManifests.scaledObject("worker", namespace: "apps", triggers: ["- type: azure-queue\n  metadata: {queueName: work, connectionFromEnv: QueueConnection}"]),
        TestManifests.deployment("unrelated", namespace: "apps", container: TestManifests.container(
            "web", image: "nginx:latest", env: [TestManifests.env("TOKEN", secret: "web-secrets", key: "token")])),
    ].joined(separator: "\n---\n")

    func refSubjects(_ report: DoctorReport) -> [String] {
        report.findings.filter { $0.id == "GEN-REF-001" }.map(\.subject.name).sorted()
    }

    @Test func generalLooksOnlyAtWhatThePlatformsOwn() throws {
        let store = try DoctorTestSupport.store(Self.mixed)
        let report = Doctor.run(store: store)
        #expect(report.platforms == [.azureFunctions, .keda, .general])
        // The Functions app and the scale target, never the unrelated Deployment.
        #expect(refSubjects(report) == ["http-api", "worker"])
        #expect(report.findings.filter { $0.id == "GEN-REF-001" }.allSatisfy { $0.severity == .warning })
        let worker = try #require(report.findings.first { $0.id == "GEN-REF-001" && $0.subject.name == "worker" })
        #expect(worker.message.contains("KEDA scale target Deployment worker"))
        #expect(worker.location?.line != nil)
    }

    @Test func platformFlagScopesTheGeneralChecks() throws {
        let store = try DoctorTestSupport.store(Self.mixed)
        let kedaOnly = Doctor.run(store: store, options: DoctorOptions(platforms: try Platform.parseList("keda,general")))
        #expect(refSubjects(kedaOnly) == ["worker"])
        #expect(kedaOnly.findings.allSatisfy { $0.platform == .keda || $0.platform == .general })
        // `general` alone: its checks only, on everything the platforms found own.
        let generalOnly = Doctor.run(store: store, options: DoctorOptions(platforms: [.general]))
        #expect(refSubjects(generalOnly) == ["http-api", "worker"])
        #expect(generalOnly.findings.allSatisfy { $0.platform == .general })
    }

    @Test func nothingFoundMeansNoGeneralChecks() throws {
        let store = try DoctorTestSupport.store(TestManifests.deployment(
            "unrelated", namespace: "apps", container: #"- {name: web, image: "nginx:latest", envFrom: [{secretRef: {name: missing}}]}"#))
        let report = Doctor.run(store: store)
        #expect(report.platforms.isEmpty)
        #expect(report.findings.isEmpty && report.notJudged.isEmpty)
    }

    @Test func platformWordsIncludeGeneral() throws {
        #expect(Platform.choices == "azure-functions|keda|fission|openwhisk|general")
        #expect(try Platform.parseList("General") == [.general])
        do {
            _ = try Platform.parseList("knative")
            Issue.record("expected an error")
        } catch let error as DoctorInputError {
            #expect(error.message.hasSuffix("use azure-functions, keda, fission, openwhisk, general"))
        }
        let listed = Catalogue.descriptions.filter { $0.platform == .general }.map(\.id)
        #expect(listed == ["GEN-IMG-001", "GEN-LIVE-001", "GEN-NS-001", "GEN-REF-001"])  // id order, as the catalogue is
    }

    @Test func liveOnlyChecksSayTheyCouldNotJudgeManifests() throws {
        let store = try DoctorTestSupport.store(RuleExampleTests.example("KD-OP-004"))
        let report = Doctor.run(store: store)
        #expect(!report.findings.contains { $0.id == "KD-OP-004" })
        let notJudged = try #require(report.notJudged.first { $0.id == "KD-OP-004" })
        #expect(notJudged.reason == "needs a live cluster: the API server's version (GET /version)")
        #expect(report.notJudged.contains { $0.id == "GEN-LIVE-001" })
    }

    @Test func kedaWindowEdges() throws {
        func findings(keda: String, server: String) throws -> [Finding] {
            var store = try RuleExampleTests.store(RuleExampleTests.example("KD-OP-004")
                .replacingOccurrences(of: "2.15.1", with: keda), file: "x.yaml", live: true)
            store.serverVersion = KubernetesVersion(gitVersion: server)
            return OperatorOutsideTestedKubernetes().check(store: store)
        }
        #expect(try findings(keda: "2.15.1", server: "v1.28.0").isEmpty)
        #expect(try findings(keda: "2.15.1", server: "v1.30.9").isEmpty)
        let newer = try findings(keda: "2.15.1", server: "v1.31.0")
        #expect(newer.count == 1 && newer[0].message == "KEDA 2.15.1 is tested on Kubernetes 1.28-1.30, but the cluster runs v1.31.0")
        #expect(newer[0].fix.hasPrefix("Upgrade KEDA to a release tested on Kubernetes 1.31"))
        #expect(try findings(keda: "2.20.2", server: "v1.32.4").count == 1)
        // A release the table does not know is not judged.
        #expect(try findings(keda: "2.21.0", server: "v1.20.0").isEmpty)
    }
}

@Suite struct ServerVersionTests {
    @Test(arguments: [
        ("v1.30.2", 1, 30, 2), ("v1.29.4+k3s1", 1, 29, 4), ("v1.31.1-eks-a737599", 1, 31, 1), ("1.28", 1, 28, 0),
    ])
    func parsesGitVersions(_ text: String, _ major: Int, _ minor: Int, _ patch: Int) throws {
        let version = try #require(KubernetesVersion(gitVersion: text))
        #expect((version.major, version.minor, version.patch) == (major, minor, patch))
        #expect(version.gitVersion == text)
    }

    @Test func managedClustersMinorWithPlus() throws {
        let version = try #require(KubernetesVersion(versionInfo: try JSON.parse(#"{"major":"1","minor":"30+","gitVersion":""}"#)))
        #expect(version.minorVersion == "1.30")
        #expect(KubernetesVersion(versionInfo: try JSON.parse(#"{"kind":"Status"}"#)) == nil)
        #expect(KubernetesVersion(major: 1, minor: 19) < KubernetesVersion(gitVersion: "v1.19.1")!)
    }

    static let config = KubeClientConfig(contextName: "prod", server: "https://api.example:6443",
                                         credentials: .init(token: Secret("t")))

    func client(version: HTTPResponse) -> (KubeAPIClient, FakeHTTPClient) {
        let fake = FakeHTTPClient { request in
            let path = String(request.url.dropFirst("https://api.example:6443".count))
            switch path {
            case "/api": return .json(#"{"kind":"APIVersions","versions":["v1"]}"#)
            case "/apis": return .json(#"{"kind":"APIGroupList","apiVersion":"v1","groups":[]}"#)
            case "/version": return version
            default: return .json(#"{"kind":"List","apiVersion":"v1","metadata":{},"items":[]}"#)
            }
        }
        return (KubeAPIClient(config: Self.config, environment: [:]) { _ in fake }, fake)
    }

    @Test func doctorLoadReadsTheServerVersion() async throws {
        let (client, fake) = client(version: .json(#"{"major":"1","minor":"31","gitVersion":"v1.31.4","platform":"linux/amd64"}"#))
        let store = try await DoctorLive.load(client: client, namespace: "fn")
        #expect(store.serverVersion == KubernetesVersion(gitVersion: "v1.31.4"))
        #expect(fake.requests.allSatisfy { $0.method == .get })
        #expect(fake.paths.contains("/version"))
    }

    @Test func aForbiddenVersionIsAMissingFactNotAFailure() async throws {
        let (forbidden, _) = client(version: .status(403, reason: "Forbidden", message: #"forbidden: User \"jane\" cannot get path \"/version\""#))
        let store = try await DoctorLive.load(client: forbidden, namespace: "fn")
        #expect(store.serverVersion == nil)
        #expect(store.isLive)
        let (missing, _) = client(version: .status(404, reason: "NotFound", message: "the server could not find the requested resource"))
        #expect(try await missing.serverVersion() == nil)
    }
}

@Suite struct PodProblemTests {
    static func pod(_ status: String) throws -> KubeObject {
        try DoctorTestSupport.store("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: n}
            status:
            \(status.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """).objects[0]
    }

    @Test func readsWhatKubectlGetPodsShows() throws {
        let oom = try PodProblem.of(Self.pod("""
            phase: Running
            containerStatuses:
            - {name: host, ready: true, restartCount: 3, state: {running: {}}, lastState: {terminated: {reason: OOMKilled, exitCode: 137}}}
            """))
        #expect(oom.map(\.reason) == ["OOMKilled"])
        let pull = try PodProblem.of(Self.pod("""
            phase: Pending
            containerStatuses:
            - {name: app, ready: false, restartCount: 0, state: {waiting: {reason: ImagePullBackOff, message: "Back-off pulling image"}}}
            """))
        #expect(pull == [PodProblem(reason: "ImagePullBackOff", container: "app", detail: "Back-off pulling image", severity: .error)])
        let unschedulable = try PodProblem.of(Self.pod("""
            phase: Pending
            conditions:
            - {type: PodScheduled, status: "False", reason: Unschedulable, message: "0/3 nodes are available: 3 Insufficient memory."}
            """))
        #expect(unschedulable.first?.summary == "Unschedulable: 0/3 nodes are available: 3 Insufficient memory.")
        let done = try PodProblem.of(Self.pod("phase: Succeeded"))
        #expect(done.isEmpty)
    }
}

@Suite struct ControllerLogTests {
    static let statefulSets = """
        {"kind":"StatefulSetList","apiVersion":"apps/v1","metadata":{},"items":[
          {"metadata":{"name":"owdev-controller","namespace":"openwhisk"},
           "spec":{"replicas":1,"selector":{"matchLabels":{"name":"owdev-controller"}},
                   "template":{"metadata":{"labels":{"name":"owdev-controller"}},
                               "spec":{"containers":[{"name":"controller","image":"openwhisk/controller:ef725a6"}]}}}}]}
        """
    static let pods = """
        {"kind":"PodList","apiVersion":"v1","metadata":{},"items":[
          {"metadata":{"name":"owdev-controller-0","namespace":"openwhisk","labels":{"name":"owdev-controller"}},
           "status":{"phase":"Running","containerStatuses":[{"name":"controller","ready":true,"restartCount":0,"state":{"running":{}}}]}}]}
        """
    /// A controller's log line in the shape OpenWhisk writes (apache/openwhisk-deploy-kube#545).
    static let log = """
        [2026-08-20T09:31:02.118Z] [INFO] [#tid_sid_invokerHealth] [InvokerPool] invoker status changed to 0 -> Unhealthy
        [2026-08-20T09:31:05.440Z] [ERROR] [#tid_9Xk2] [ShardingContainerPoolBalancer] failed to schedule activation 1f0c, action 'guest/hello', ns 'guest' - invokers to use: Map() - No invokers available
        """

    @Test func readsTheControllerLogTailAndReportsIt() async throws {
        let fake = FakeHTTPClient { request in
            let path = String(request.url.dropFirst("https://api.example:6443".count))
            switch path {
            case "/api": return .json(#"{"kind":"APIVersions","versions":["v1"]}"#)
            case "/apis": return .json(#"{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}"#)
            case "/version": return .json(#"{"major":"1","minor":"30","gitVersion":"v1.30.2"}"#)
            case let p where p.hasPrefix("/apis/apps/v1/namespaces/openwhisk/statefulsets?"): return .json(Self.statefulSets)
            case let p where p.hasPrefix("/api/v1/namespaces/openwhisk/pods?"): return .json(Self.pods)
            case let p where p.hasPrefix("/api/v1/namespaces/openwhisk/pods/owdev-controller-0/log?"):
                return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array(Self.log.utf8))
            default: return .json(#"{"kind":"List","apiVersion":"v1","metadata":{},"items":[]}"#)
            }
        }
        let client = KubeAPIClient(config: ServerVersionTests.config, environment: [:]) { _ in fake }
        let store = try await DoctorLive.load(client: client, namespace: "openwhisk")
        #expect(store.podLogs.map(\.pod) == ["owdev-controller-0"])
        let logRequest = try #require(fake.requests.first { $0.url.contains("/log?") })
        #expect(logRequest.method == .get)
        #expect(logRequest.url.hasSuffix("/pods/owdev-controller-0/log?container=controller&tailLines=200&limitBytes=262144"))

        let report = Doctor.run(store: store)
        let finding = try #require(report.findings.first { $0.id == "OW-LIVE-001" })
        #expect(finding.subject.name == "owdev-controller")
        #expect(finding.message.contains("No invokers available"))
        #expect(finding.evidence.first?.hasPrefix("Pod owdev-controller-0 log: [2026-08-20T09:31:05.440Z] [ERROR]") == true)
    }

    @Test func anUnreadableLogIsLeftOut() async throws {
        let fake = FakeHTTPClient { _ in .status(403, reason: "Forbidden", message: "pods \"owdev-controller-0\" is forbidden: cannot get resource \"pods/log\"") }
        let client = KubeAPIClient(config: ServerVersionTests.config, environment: [:]) { _ in fake }
        #expect(try await client.podLogTail(namespace: "openwhisk", pod: "owdev-controller-0", container: "controller") == nil)
    }
}
