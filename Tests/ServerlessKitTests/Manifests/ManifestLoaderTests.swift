import Foundation
import Testing
@testable import ServerlessKubernetes
@testable import ServerlessSupport

@Suite struct ManifestLoaderTests {
    func load(_ inputs: [(String, String)]) throws -> ManifestLoad {
        try ManifestLoader.assemble(inputs.map { ManifestText(file: $0.0, text: $0.1) }, paths: inputs.map(\.0))
    }

    @Test func multiDocumentYAMLKeepsLinesAndNilNamespaces() throws {
        let load = try load([("k8s/app.yaml", """
            # comment
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data: {a: "1"}
            ---
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: fn}
            spec:
              replicas: 2
            """)])
        #expect(load.store.objects.map(\.name) == ["settings", "orders"])
        #expect(load.store.objects[0].namespace == nil)
        #expect(load.store.objects[1].location?.line == 9)
        #expect(load.store.objects[1].location?.line(of: "spec.replicas") == 13)
        #expect(load.warnings.isEmpty)
        #expect(load.store.source == .manifests(paths: ["k8s/app.yaml"]))
    }

    @Test func listsAreFlattenedWithItemLines() throws {
        let load = try load([("list.yaml", """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Secret
              metadata: {name: a, namespace: fn}
              data: {k: djE=}
            - apiVersion: keda.sh/v1alpha1
              kind: ScaledObject
              metadata: {name: b, namespace: fn}
              spec:
                triggers:
                - type: cpu
            """)])
        #expect(load.store.objects.map(\.kind) == ["Secret", "ScaledObject"])
        let scaled = load.store.objects[1]
        #expect(scaled.location?.line == 8)
        #expect(scaled.location?.line(of: "spec.triggers[0].type") == 13)
        #expect(scaled.location?.fieldLines["metadata.name"] == 10)
    }

    @Test func jsonAndTypedLists() throws {
        let load = try load([("objects.json", """
            {"apiVersion": "v1", "kind": "ServiceAccountList", "items": [
              {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "fission-fetcher", "namespace": "team-a"}},
              {"apiVersion": "v1", "kind": "ServiceAccount",
               "metadata": {"name": "fission-builder", "namespace": "team-a"}}
            ]}
            """)])
        #expect(load.store.objects.map(\.name) == ["fission-fetcher", "fission-builder"])
        #expect(load.store.objects[1].location?.line == 3)
    }

    @Test func helmValuesAreRecognisedByTheirChartKeys() throws {
        let dir = DoctorTestSupport.fixtures
        let load = try ManifestLoader.load(paths: [dir.appendingPathComponent("openwhisk").path,
                                                   dir.appendingPathComponent("fission/helm-values-multins.yaml").path])
        let charts = load.store.helmValues.map { "\(($0.file as NSString).lastPathComponent)=\($0.chart ?? "?")" }
        #expect(charts.contains("values-misconfigured.yaml=openwhisk"))
        #expect(charts.contains("values-scheduler-elasticsearch.yaml=openwhisk"))
        #expect(charts.contains("helm-values-multins.yaml=fission"))
        #expect(HelmChart.recognise(try YAML.documents("watchNamespace: fn\noperator: {replicaCount: 2}")[0].value) == .keda)
        #expect(HelmChart.recognise(try YAML.documents("replicaCount: 1\nimage: {tag: x}")[0].value) == nil)
    }

    @Test func namedHelmValuesAndSkippedDocuments() throws {
        let skipped = try load([("notes.yaml", "title: my notes\nitems: [1, 2]\n---\n- just\n- a list\n")])
        #expect(skipped.store.objects.isEmpty && skipped.store.helmValues.isEmpty)
        #expect(skipped.warnings.count == 2)
        #expect(skipped.warnings[0].description.hasPrefix("notes.yaml:1: skipped a document with no apiVersion/kind"))
        let named = try ManifestLoader.assemble([ManifestText(file: "v.yaml", text: "replicaCount: 1\n", chart: .keda)], paths: ["v.yaml"])
        #expect(named.store.helmValues.first?.chart == "keda")
        #expect(named.warnings.isEmpty)
        #expect(throws: ManifestError.self) { try ManifestLoader.parseHelmValuesFlag("knative=values.yaml") }
        #expect(try ManifestLoader.parseHelmValuesFlag("OpenWhisk=ow.yaml") == (.openwhisk, "ow.yaml"))
    }

    @Test func duplicatesKeepTheFirstWithAWarning() throws {
        let object = "apiVersion: v1\nkind: Secret\nmetadata: {name: orders, namespace: fn}\ndata: {k: djE=}\n"
        let load = try load([("a.yaml", object), ("b.yaml", "# again\n" + object)])
        #expect(load.store.objects.count == 1)
        #expect(load.store.objects[0].location?.file == "a.yaml")
        #expect(load.warnings.map(\.description) == ["b.yaml:2: Secret fn/orders was already read from a.yaml:1; this copy is ignored"])
    }

    @Test func malformedInputNamesFileAndLine() {
        do {
            _ = try load([("k8s/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata: {}\n")])
            Issue.record("expected an error")
        } catch let error as ManifestError {
            #expect(error.category == .input)
            #expect(error.message.hasPrefix("k8s/bad.yaml:"))
            #expect(error.line != nil && error.line! >= 4)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func directoriesReadOnlyManifestExtensionsAndRecurseWithR() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("nested")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let object = { (name: String) in "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \(name)}\n" }
        try object("a").write(to: root.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try object("b").write(to: root.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        try "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}".write(to: root.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        try object("ignored").write(to: root.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try object("deep").write(to: nested.appendingPathComponent("d.yaml"), atomically: true, encoding: .utf8)

        let flat = try ManifestLoader.load(paths: [root.path])
        #expect(flat.store.objects.map(\.name) == ["a", "b", "c"])
        let recursive = try ManifestLoader.load(paths: [root.path], recursive: true)
        #expect(recursive.store.objects.map(\.name) == ["a", "b", "c", "deep"])
        let stdin = try ManifestLoader.load(paths: ["-"], readStdin: { object("piped") })
        #expect(stdin.store.objects.first?.location?.file == "-")
        #expect(throws: ManifestError(file: root.appendingPathComponent("missing.yaml").path, reason: "no such file or directory")) {
            try ManifestLoader.load(paths: [root.appendingPathComponent("missing.yaml").path])
        }
    }
}
