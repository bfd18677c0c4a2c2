import Foundation
import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes
@testable import ServerlessRender
@testable import ServerlessSupport

@Suite struct DoctorRenderTests {
    func timerReport() throws -> DoctorReport {
        Doctor.run(store: try DoctorTestSupport.fixtureStore(["azure-functions/misconfig-pod-namespace-timer.yaml"]))
    }

    /// Runs python3 with a script, the text on stdin; returns exit status and output.
    func python(_ script: String, input: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func jsonFollowsTheContract() throws {
        let report = try timerReport()
        let value = try JSON.parse(report.render(format: .json))
        #expect(value["source"] == .object([("kind", .string("manifests")),
                                           ("paths", .array([.string("azure-functions/misconfig-pod-namespace-timer.yaml")]))]))
        let lock = try #require(value["findings"].array.first { $0["id"] == .string("AF-LOCK-001") })
        #expect(lock.members.map(\.key) == ["id", "severity", "platform", "object", "location", "message", "fix", "evidence", "docs"])
        #expect(lock["object"] == .object([("apiVersion", .string("apps/v1")), ("kind", .string("Deployment")),
                                          ("namespace", .string("jobs")), ("name", .string("nightly-report"))]))
        #expect(lock["location"] == .object([("file", .string("azure-functions/misconfig-pod-namespace-timer.yaml")), ("line", .int(35))]))
        #expect(lock["severity"] == .string("error"))
        #expect(lock["docs"] == .string("man kubectl-serverless-doctor (CHECKS: AF-LOCK-001)"))
        #expect(value["summary"] == .object([("objects", .int(1)), ("error", .int(1)), ("warning", .int(2)), ("info", .int(0)), ("skipped", .int(0))]))
        // The general checks apply to any platform found; the live one says it could not judge manifests.
        #expect(value["notJudged"].array.map(\.["id"]) == [.string("GEN-LIVE-001")])
        // YAML carries the same tree.
        #expect(try YAML.documents(report.render(format: .yaml))[0].value == value)
    }

    @Test func helmValuesFindingsNameTheChartAndFile() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(["openwhisk/values-misconfigured.yaml"]))
        let value = try JSON.parse(report.render(format: .json))
        let finding = try #require(value["findings"].array.first { $0["id"] == .string("OW-AS-001") })
        #expect(finding["object"] == .object([("kind", .string("HelmValues")), ("chart", .string("openwhisk")),
                                             ("file", .string("openwhisk/values-misconfigured.yaml"))]))
    }

    @Test func liveFindingsHaveNoLocation() throws {
        var store = ObjectStore(source: .cluster(context: "prod"))
        let parsed = try ManifestParser.parse(ManifestText(file: "x", text: RuleExampleTests.example("KD-LIVE-001")))
        for var object in parsed.objects { object.location = nil; store.add(object) }
        let report = Doctor.run(store: store)
        let value = try JSON.parse(report.render(format: .json))
        #expect(value["source"] == .object([("kind", .string("cluster")), ("context", .string("prod"))]))
        let live = try #require(value["findings"].array.first { $0["id"] == .string("KD-LIVE-001") })
        #expect(live["location"].isNull)
        #expect(!live.members.contains { $0.key == "location" })
        #expect(report.notJudged.isEmpty)
    }

    @Test func tableGroupsByPlatformAndColoursSeverity() throws {
        let report = try timerReport()
        let plain = report.render(format: .table)
        #expect(plain.hasPrefix("AZURE-FUNCTIONS\nSEVERITY   CHECK"))
        #expect(plain.contains("error      AF-LOCK-001      Deployment jobs/nightly-report"))
        #expect(plain.hasSuffix("1 error, 2 warnings, 0 info in 1 objects (manifests azure-functions/misconfig-pod-namespace-timer.yaml; platforms azure-functions, general).\n"))
        #expect(plain.contains("NOT JUDGED ON MANIFESTS (need a live cluster)\nCHECK          TITLE"))
        let coloured = report.render(format: .table, style: Style(enabled: true))
        #expect(coloured.contains("\u{1B}[31merror\u{1B}[0m"))
        let wide = report.render(format: .wide)
        #expect(wide.contains("azure-functions/misconfig-pod-namespace-timer.yaml:35"))
        #expect(wide.contains("spec.template.spec.containers[0].env[1]: POD_NAMESPACE (valueFrom)"))
        let bare = report.render(format: .table, showHeaders: false)
        #expect(bare.split(separator: "\n").allSatisfy { $0.hasPrefix("azure-functions") })
    }

    @Test func sarifValidatesAgainstTheSchema() throws {
        let report = Doctor.run(store: try DoctorTestSupport.fixtureStore(
            ["azure-functions/func-kubernetes-deploy-dry-run.yaml", "openwhisk/values-misconfigured.yaml"]))
        let sarif = report.render(format: .sarif)
        // The official SARIF 2.1.0 schema, kept beside the fixtures.
        let path = DoctorTestSupport.fixtures.appendingPathComponent("sarif-schema-2.1.0.json").path
        let (status, output) = try python("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1] if len(sys.argv) > 1 else '\(path)'))
            log = json.load(sys.stdin)
            jsonschema.validate(log, schema)
            run = log['runs'][0]
            ids = [r['id'] for r in run['tool']['driver']['rules']]
            for result in run['results']:
                assert result['ruleId'] in ids, result['ruleId']
                assert ids[result['ruleIndex']] == result['ruleId']
            print(len(run['results']), run['results'][0]['locations'][0]['physicalLocation']['region']['startLine'])
            """, input: sarif)
        #expect(status == 0, "\(output)")
        #expect(output.hasPrefix("\(report.findings.count) "))
    }

    @Test func junitParsesWithOneSuitePerPlatform() throws {
        var report = try timerReport()
        report.findings[0].message += " <&> \"quoted\" \u{01}"
        let xml = report.render(format: .junit)
        let (status, output) = try python("""
            import sys, xml.etree.ElementTree as ET
            root = ET.fromstring(sys.stdin.read())
            assert root.tag == 'testsuites'
            for suite in root.findall('testsuite'):
                cases = suite.findall('testcase')
                assert int(suite.get('tests')) == len(cases)
                assert int(suite.get('failures')) == sum(1 for c in cases if c.find('failure') is not None)
                print(suite.get('name'), suite.get('tests'), suite.get('failures'))
            print(root.find('testsuite/testcase/failure').get('message'))
            """, input: xml)
        #expect(status == 0, "\(output)")
        #expect(output.contains("azure-functions"))
        #expect(output.contains("<&> \"quoted\""))
    }

    @Test func listChecks() throws {
        let value = try JSON.parse(DoctorCatalogue.render(format: .json))
        #expect(value.array.count == Catalogue.all.count)
        #expect(value[0].members.map(\.key) == ["id", "platform", "severity", "title", "fix", "needs"])
        #expect(value.array.contains { $0["id"] == .string("KD-LIVE-001") && $0["needs"] == .string("live") })
        let table = DoctorCatalogue.render(format: .table)
        #expect(table.hasPrefix("ID "))
        #expect(table.contains("AF-LOCK-001"))
        #expect(try YAML.documents(DoctorCatalogue.render(format: .yaml))[0].value == value)
    }
}

@Suite struct ChecksDocumentTests {
    static var checksFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("CHECKS.md")
    }

    /// CHECKS.md is generated from the rules; regenerate with UPDATE_CHECKS_MD=1.
    @Test func checksDocumentIsCurrent() throws {
        let expected = DoctorCatalogue.markdown()
        if ProcessInfo.processInfo.environment["UPDATE_CHECKS_MD"] == "1" {
            try expected.write(to: Self.checksFile, atomically: true, encoding: .utf8)
        }
        let current = try String(contentsOf: Self.checksFile, encoding: .utf8)
        #expect(current == expected, "CHECKS.md is stale: run UPDATE_CHECKS_MD=1 swift test --filter ChecksDocumentTests")
        for rule in Catalogue.descriptions {
            #expect(current.contains("<a id=\"\(rule.anchor)\"></a>"))
        }
    }
}
