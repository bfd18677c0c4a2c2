import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// Valid YAML never aborts a run: documents no rule reads are skipped with one warning each; only
/// malformed YAML is an input error, with a hint for unrendered Helm templates.
@Suite struct ManifestSkippingTests {
    func load(_ file: String, _ text: String) throws -> ManifestLoad {
        try ManifestLoader.assemble([ManifestText(file: file, text: text)], paths: [file])
    }

    /// The shapes `fission spec init` and `fission fn create --spec` write (fission/fission
    /// pkg/fission-cli/cmd/spec/types/types.go for the two CLI-only kinds, pkg/fission-cli/cmd/package/create.go
    /// for the Package's pending status), written here in our own words.
    static let fissionSpecDirectory = """
        apiVersion: fission.io/v1
        kind: DeploymentConfig
        name: hello
        uid: 6c1f3f0e-2f4e-4b9a-9d55-0d2b7d1c9e11
        ---
        kind: ArchiveUploadSpec
        name: hello-js-src
        include:
        - hello.js
        ---
        apiVersion: fission.io/v1
        kind: Package
        metadata:
          name: hello-js-pkg
          namespace: default
        spec:
          environment: {name: nodejs, namespace: default}
          source: {type: url, url: archive://hello-js-src}
        status:
          buildstatus: pending
          lastUpdateTimestamp: "2026-01-05T10:00:00Z"
        """

    @Test func fissionSpecKindsAreSkippedWithOneWarningEach() throws {
        let load = try load("specs/all.yaml", Self.fissionSpecDirectory)
        #expect(load.store.objects.map(\.kind) == ["Package"])
        #expect(load.warnings.map(\.description) == [
            "specs/all.yaml:1: skipped DeploymentConfig hello: a file only the fission CLI (fission spec apply) reads, not a Kubernetes object",
            "specs/all.yaml:6: skipped ArchiveUploadSpec hello-js-src: a file only the fission CLI (fission spec apply) reads, not a Kubernetes object",
        ])
    }

    @Test func theFissionSpecPendingStubIsNoFinding() throws {
        let store = try load("specs/all.yaml", Self.fissionSpecDirectory).store
        #expect(Doctor.run(store: store).findings.filter { $0.id == "FI-BUILD-002" }.isEmpty)
        // The same Package read from a cluster that still says pending is a finding.
        var live = ObjectStore(source: .cluster(context: "c"))
        for var object in store.objects { object.location = nil; live.add(object) }
        #expect(PackageBuildNotSucceeded().check(store: live).map(\.severity) == [.warning])
    }

    @Test func documentsThatAreNotObjectsAreSkippedNotFatal() throws {
        let load = try load("x.yaml", """
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            ---
            apiVersion: v2
            name: mychart
            version: 0.1.0
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: kept}
            """)
        #expect(load.store.objects.map(\.name) == ["kept"])
        #expect(load.warnings.map(\.description) == [
            "x.yaml:1: skipped a ConfigMap with no apiVersion (not a Kubernetes object)",
            "x.yaml:4: skipped a ConfigMap with no metadata.name",
            "x.yaml:7: skipped a document with apiVersion v2 but no kind (not a Kubernetes object)",
        ])
    }

    @Test func unrenderedHelmTemplatesGetTheHelmTemplateHint() throws {
        // libyaml cannot read this one: an input error, with the hint.
        let broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
              labels:
                {{- include "fn.labels" . | nindent 4 }}
            """
        do {
            _ = try load("templates/deployment.yaml", broken)
            Issue.record("expected an error")
        } catch let error as ManifestError {
            #expect(error.category == .input)
            #expect(error.message.hasPrefix("templates/deployment.yaml:"))
            #expect(error.hint?.contains("helm template") == true)
        } catch { Issue.record("unexpected \(error)") }
        // This one is valid YAML by accident ({{ x }} is a nested flow mapping): the file is skipped, with the hint.
        let accidental = try load("templates/service.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ include "fn.fullname" . }}
            spec:
              ports:
              - port: {{ .Values.service.port }}
            """)
        #expect(accidental.store.objects.isEmpty)
        #expect(accidental.warnings.count == 1)
        #expect(accidental.warnings.first?.line == 4)
        #expect(accidental.warnings.first?.message.contains("helm template") == true)
        // Quoted actions are strings (tpl values), and malformed YAML without actions gets no hint.
        let quoted = try load("values.yaml", "defaultNamespace: default\nannotation: \"{{ .Release.Name }}\"\n")
        #expect(quoted.store.helmValues.count == 1 && quoted.warnings.isEmpty)
        do {
            _ = try load("bad.yaml", "a: [unclosed\n")
            Issue.record("expected an error")
        } catch let error as ManifestError {
            #expect(error.hint == nil)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func anAliasToAnAnchorInAnotherDocumentIsAnError() throws {
        let text = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            data: &shared {k: v}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            data: *shared
            """
        #expect(throws: ManifestError(file: "x.yaml", line: 9,
                                      reason: "an alias refers to an anchor of an earlier document (line 4); YAML anchors do not cross ---")) {
            try load("x.yaml", text)
        }
        // Within one document an alias is fine.
        let same = try load("y.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: &d {k: v}\nbinaryData: *d\n")
        #expect(same.store.objects.first?.body["binaryData"]["k"].string == "v")
    }
}
