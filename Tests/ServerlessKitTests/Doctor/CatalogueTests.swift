import Foundation
import Testing
@testable import ServerlessDoctor

/// Rules are found, not listed: every rule type declared under Sources/ServerlessDoctor/Rules is in
/// `Catalogue.all`, once, the catalogue is in id order, and each rule lives in a file named by its id.
@Suite struct CatalogueTests {
    static let rulesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../../Sources/ServerlessDoctor/Rules").standardized

    /// Each Swift file under Rules/ with the rule types it declares (`struct X: Rule`, any modifiers).
    static func ruleFiles() throws -> [(file: String, types: [String])] {
        let declaration = try Regex(#"(?:struct|class|enum)\s+(\w+)\s*:[^{]*\bRule\b"#)
        let walker = try #require(FileManager.default.enumerator(atPath: rulesFolder.path))
        var files: [(String, [String])] = []
        while let path = walker.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: rulesFolder.appendingPathComponent(path), encoding: .utf8)
            let types = text.matches(of: declaration).compactMap { $0.output[1].substring.map(String.init) }
            files.append((URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, types))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test func everyRuleUnderRulesIsCataloguedOnceInAFileNamedByItsID() throws {
        let files = try Self.ruleFiles()
        #expect(files.count > 80, "found \(files.count) files under \(Self.rulesFolder.path)")
        let catalogued = Dictionary(grouping: Catalogue.all, by: { String(describing: type(of: $0)) })
        #expect(catalogued.values.allSatisfy { $0.count == 1 }, "a rule type listed twice")
        var declared = 0
        for (file, types) in files {
            // Rules/ holds rules only, one per file named by its id; what several rules share is in Facts/.
            let namedLikeAnID = try file.wholeMatch(of: Regex(#"[A-Z]+(-[A-Z0-9]+)+"#)) != nil
            #expect(namedLikeAnID, "\(file).swift is not named by a rule id: helpers belong in Doctor/Facts/")
            #expect(types.count == 1, "\(file).swift declares \(types)")
            for type in types {
                declared += 1
                let rule = try #require(catalogued[type]?.first, "\(type) (\(file).swift) is not in Catalogue.all: it never runs")
                #expect(rule.description.id == file, "\(type) has id \(rule.description.id) but lives in \(file).swift")
            }
        }
        #expect(declared == Catalogue.all.count, "Catalogue.all lists a rule not declared under Rules/")
    }

    @Test func idsAreUniqueAndInOrder() {
        let ids = Catalogue.all.map(\.description.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted(), "Catalogue.all must be in id order")
        #expect(Catalogue.ids.count == ids.count)
    }
}
