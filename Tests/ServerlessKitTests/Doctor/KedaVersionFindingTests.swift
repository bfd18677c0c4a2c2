import Foundation
import Testing
@testable import ServerlessDoctor

/// KD-VER-001's message counts the azure-eventhub objects and names them; the two must agree.
@Suite struct KedaVersionFindingTests {
    static func input(objects: Int) -> String {
        let scaled = (1...objects).map { number in
            TestManifests.scaledObject("consumer-\(number)", namespace: "functions", triggers: ["""
                - type: azure-eventhub
                  metadata: {eventHubName: orders, connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage}
                """])
        }
        let operatorDeployment = TestManifests.deployment("keda-operator", namespace: "keda", container: TestManifests.container(
            "keda-operator", image: "ghcr.io/kedacore/keda:2.15.1", env: [#"- {name: WATCH_NAMESPACE, value: ""}"#]))
        return ([operatorDeployment] + scaled).joined(separator: "\n---\n")
    }

    func message(objects: Int) throws -> String {
        let findings = Doctor.run(store: try DoctorTestSupport.store(Self.input(objects: objects))).findings.filter { $0.id == "KD-VER-001" }
        #expect(findings.count == 1)
        return try #require(findings.first?.message)
    }

    @Test func theCountAndTheListedObjectsAgree() throws {
        let all = try message(objects: 5)
        #expect(all.contains("5 object(s) use that scaler: "))
        #expect((1...5).allSatisfy { all.contains("ScaledObject functions/consumer-\($0)") })
        #expect(!all.contains("more"))

        let many = try message(objects: 7)
        #expect(many.contains("7 object(s) use that scaler: "))
        let listed = (1...7).filter { many.contains("ScaledObject functions/consumer-\($0)") }
        #expect(listed.count == 5)
        #expect(many.hasSuffix(" and 2 more"))
    }
}
