import Testing
@testable import ServerlessDoctor
@testable import ServerlessKubernetes
@testable import ServerlessSupport

/// Every rule's own examples: the triggering ones produce its id, the others do not.
@Suite struct RuleExampleTests {
    static let ids = Catalogue.descriptions.map(\.id)

    /// Examples of live rules describe cluster state: they run as a live store (no file locations).
    /// A `serverVersion:` document (the shape of `kubectl version -o yaml`) is what GET /version answered.
    static func store(_ example: String, file: String, live: Bool) throws -> ObjectStore {
        let parsed = try DoctorTestSupport.store(example, file: file)
        guard live else { return parsed }
        var store = ObjectStore(source: .cluster(context: "example"))
        for var object in parsed.objects { object.location = nil; store.add(object) }
        for document in try YAML.documents(example) where !document.value["serverVersion"].isNull {
            store.serverVersion = KubernetesVersion(versionInfo: document.value["serverVersion"])
        }
        return store
    }

    @Test(arguments: ids)
    func triggeringExamplesTrigger(_ id: String) throws {
        let rule = try #require(Catalogue.rule(id))
        #expect(!rule.description.triggeringExamples.isEmpty, "\(id) has no triggering example")
        for (number, example) in rule.description.triggeringExamples.enumerated() {
            let live = rule.description.needs == .live
            let store = try Self.store(example, file: "\(id)-triggering-\(number).yaml", live: live)
            let findings = rule.check(store: store)
            #expect(findings.contains { $0.id == id }, "\(id) triggering example \(number) produced nothing")
            for finding in findings {
                #expect(live ? finding.location == nil : finding.location != nil && finding.location!.line >= 1)
                #expect(!finding.message.isEmpty && !finding.fix.isEmpty)
                #expect(finding.docs == "man kubectl-serverless-doctor (CHECKS: \(id))")
            }
        }
    }

    @Test(arguments: ids)
    func nonTriggeringExamplesStayQuiet(_ id: String) throws {
        let rule = try #require(Catalogue.rule(id))
        #expect(!rule.description.nonTriggeringExamples.isEmpty, "\(id) has no non-triggering example")
        for (number, example) in rule.description.nonTriggeringExamples.enumerated() {
            let store = try Self.store(example, file: "\(id)-clean-\(number).yaml", live: rule.description.needs == .live)
            let findings = rule.check(store: store)
            #expect(findings.isEmpty, "\(id) non-triggering example \(number): \(findings.map(\.message))")
        }
    }

    static func example(_ id: String) -> String { Catalogue.rule(id)!.description.triggeringExamples[0] }

    @Test func idsAreUniqueAndWellFormed() {
        let ids = Self.ids
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(id.range(of: #"^[A-Z]{2,3}(-[A-Z0-9]+)+-\d{3}$"#, options: .regularExpression) != nil, "\(id)") }
    }
}
