import Foundation
import Testing
@testable import ServerlessDoctor

/// AF-HOSTID-003 against Azure/azure-functions-host's own rules: ScriptHostIdProvider (explicit ids as written,
/// derived ids lower-cased, cut to 32, trailing dashes trimmed) and HostIdValidator (AZFD004 stops the host).
@Suite struct HostIDCollisionTests {
    static func app(_ name: String, _ env: [String: String], storage: String = "shop-storage") -> String {
        let lines = env.keys.sorted().map { "        - {name: \($0), value: \"\(env[$0]!)\"}" }.joined(separator: "\n")
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: \(name), namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: func
                    image: mcr.microsoft.com/azure-functions/dotnet:4
                    env:
            \(lines)
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: \(storage), key: connection}}}
            """
    }

    func collisions(_ apps: String...) throws -> [Finding] {
        Doctor.run(store: try DoctorTestSupport.store(apps.joined(separator: "\n---\n"))).findings.filter { $0.id == "AF-HOSTID-003" }
    }

    /// ScriptHostIdProviderTests.GetDefaultHostId_AzureHost_ReturnsExpectedResult: site name, host id, truncated.
    @Test(arguments: [("TEST-FUNCTIONS--", "test-functions", false),
                      ("TEST-FUNCTIONS-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "test-functions-xxxxxxxxxxxxxxxxx", true),
                      ("TEST-FUNCTIONS-XXXXXXXXXXXXXXXX-XXXX", "test-functions-xxxxxxxxxxxxxxxx", true)])
    func derivedHostIDsFollowScriptHostIdProviderVectors(site: String, expected: String, truncated: Bool) throws {
        let store = try DoctorTestSupport.store(Self.app("site", ["WEBSITE_INSTANCE_ID": "123123", "WEBSITE_SITE_NAME": site]))
        let host = try #require(FunctionsHost.all(in: DoctorIndex(store: store)).first)
        let id = try #require(FunctionsHostID(host))
        #expect(id.value == expected)
        #expect(id.isValidatedByHost == truncated)
    }

    @Test func explicitHostIDsAreUsedAsWrittenNotCutNorLowerCased() throws {
        let long = "orders-processing-westeurope-01-blue", other = "orders-processing-westeurope-01-green"
        #expect(try collisions(Self.app("a", ["AzureFunctionsWebHost__hostid": long]), Self.app("b", ["AzureFunctionsWebHost__hostid": other])).isEmpty)
        #expect(try collisions(Self.app("a", ["AzureFunctionsWebHost__hostid": "Shop"]), Self.app("b", ["AzureFunctionsWebHost__hostid": "shop"])).isEmpty)
        let same = try collisions(Self.app("a", ["AzureFunctionsWebHost__hostid": long]), Self.app("b", ["AzureFunctionsWebHost__hostid": long]))
        #expect(same.map(\.severity) == [.warning])
        #expect(same.first?.message.contains(" may ") == true)
    }

    @Test func siteNamesEqualInTheirFirst32CharactersCollideAndSayMay() throws {
        let found = try collisions(
            Self.app("blue", ["POD_NAMESPACE": "functions", "WEBSITE_SITE_NAME": "orders-processing-westeurope-01-blue"]),
            Self.app("green", ["POD_NAMESPACE": "functions", "WEBSITE_SITE_NAME": "orders-processing-westeurope-01-green"]))
        let finding = try #require(found.first)
        #expect(found.count == 1 && finding.severity == .warning)
        #expect(finding.message.hasPrefix("host id orders-processing-westeurope-01 (site name orders-processing-westeurope-01-"))
        #expect(finding.message.contains(" may "))
        #expect(finding.evidence.allSatisfy { $0.contains("cut to 32 characters") })
        // The suggested id would collide again (both names cut to the same 32 characters): no false remedy.
        #expect(!finding.fix.contains("=orders-processing-westeurope-01"))
        // Different storage, or a slot that makes the ids differ: no collision.
        #expect(try collisions(
            Self.app("blue", ["POD_NAMESPACE": "functions", "WEBSITE_SITE_NAME": "orders-processing-westeurope-01-blue"]),
            Self.app("green", ["POD_NAMESPACE": "functions", "WEBSITE_SITE_NAME": "orders-processing-westeurope-01-green"], storage: "other")).isEmpty)
        #expect(try collisions(
            Self.app("a", ["POD_NAMESPACE": "functions", "WEBSITE_SITE_NAME": "orders", "WEBSITE_SLOT_NAME": "Production"]),
            Self.app("b", ["POD_NAMESPACE": "functions", "WEBSITE_SITE_NAME": "orders", "WEBSITE_SLOT_NAME": "staging"])).isEmpty)
    }

    @Test func appsInDifferentNamespacesShareAnIdentityBasedAccount() throws {
        func identityApp(_ namespace: String, account: String) -> String {
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: reports, namespace: \(namespace)}
            spec:
              template:
                spec:
                  containers:
                  - name: func
                    image: mcr.microsoft.com/azure-functions/node:4
                    env:
                    - {name: AzureFunctionsWebHost__hostid, value: reports}
                    - {name: AzureWebJobsStorage__accountName, value: \(account)}
            """
        }
        let shared = try collisions(identityApp("team-a", account: "shopstorage"), identityApp("team-b", account: "ShopStorage"))
        #expect(shared.count == 1)
        #expect(shared.first?.message.contains("Deployment team-a/reports, which uses the same storage (storage account shopstorage)") == true)
        #expect(try collisions(identityApp("team-a", account: "shopstorage"), identityApp("team-b", account: "otherstorage")).isEmpty)
    }

    /// HostIdValidator.HandleCollision: default level Error logs AZFD004 and StopApplication; "Warning" only logs.
    @Test func aCutIDClaimedByAnotherHostNameStopsTheHostUnlessTheCheckLevelIsWarning() throws {
        func pair(_ extra: [String: String]) throws -> [Finding] {
            try collisions(
                Self.app("blue", ["POD_NAMESPACE": "functions", "WEBSITE_SITE_NAME": "orders-processing-westeurope-01-blue", "WEBSITE_HOSTNAME": "blue.example.com"].merging(extra) { $1 }),
                Self.app("green", ["POD_NAMESPACE": "functions", "WEBSITE_SITE_NAME": "orders-processing-westeurope-01-green", "WEBSITE_HOSTNAME": "green.example.com"].merging(extra) { $1 }))
        }
        let stops = try #require(try pair([:]).first)
        #expect(stops.severity == .error && stops.message.contains("AZFD004") && stops.message.contains("stops"))
        #expect(stops.evidence.contains { $0.contains("WEBSITE_HOSTNAME=green.example.com") })
        #expect(try pair(["FUNCTIONS_HOSTID_CHECK_LEVEL": "Warning"]).map(\.severity) == [.warning])
        // Enum.TryParse is case-sensitive: "warning" is not Warning, so the host still stops.
        #expect(try pair(["FUNCTIONS_HOSTID_CHECK_LEVEL": "warning"]).map(\.severity) == [.error])
        // Same host name: the validator sees its own record, no stop; the locks may still be shared.
        #expect(try pair(["WEBSITE_HOSTNAME": "shared.example.com"]).map(\.severity) == [.warning])
    }
}
