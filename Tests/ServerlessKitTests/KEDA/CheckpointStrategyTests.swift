import Testing
@testable import ServerlessCompletion
@testable import ServerlessDoctor
@testable import ServerlessInspect
@testable import ServerlessKEDA

/// The strategy table is the one list of KEDA's checkpoint readers: the reader KEDA picks, the near misses'
/// layouts, AF-KEDA-EH-003, the `--checkpoint-strategy` help and its completion all follow it, so a row
/// added there shows up in each (KEDA's `newCheckpointer`, pkg/scalers/azure/azure_eventhub_checkpoint.go).
@Suite("KEDA: the checkpoint strategy table")
struct CheckpointStrategyTests {
    @Test func everyReaderAndEveryLayoutHasExactlyOneRow() {
        #expect(CheckpointStrategy.all.map(\.reader) == CheckpointReader.allCases)
        #expect(Set(CheckpointStrategy.all.map(\.layout)) == Set(CheckpointLayout.allCases))
        #expect(CheckpointStrategy.all.count == CheckpointLayout.allCases.count)
        for layout in CheckpointLayout.allCases { #expect(layout.strategy.layout == layout) }
        // Only KEDA's default reader has no name: any other value with a container selects it.
        #expect(CheckpointStrategy.all.filter { $0.name == nil }.map(\.reader) == [.default])
        #expect(CheckpointStrategy.names == ["azureFunction", "blobMetadata", "goSdk", "dapr"])
    }

    @Test func eachNameSelectsItsReaderExactlyAndOnlyThatName() {
        for strategy in CheckpointStrategy.named {
            let name = strategy.name!
            #expect(CheckpointReader(strategy: name, blobContainer: "checkpoints") == strategy.reader)
            #expect(CheckpointReader(strategy: name, blobContainer: "") == strategy.reader)
            // KEDA compares exactly: another casing is an unknown value.
            #expect(CheckpointReader(strategy: name.uppercased(), blobContainer: "checkpoints") == .default)
            #expect(CheckpointReader(strategy: name.uppercased(), blobContainer: "") == .azureFunction)
        }
    }

    @Test func theBlobPathAndContainerComeFromTheRow() throws {
        let connection = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=r;SharedAccessKey=aw==;EntityPath=hub"
        for strategy in CheckpointStrategy.all {
            let trigger = EventHubTriggerMetadata(
                metadata: ["checkpointStrategy": strategy.name ?? "unknown", "blobContainer": "checkpoints", "consumerGroup": "Billing"],
                authParams: ["connection": connection, "storageConnection": "UseDevelopmentStorage=true"])
            let settings = try EventHubScalerSettings(parsing: trigger)
            #expect(settings.reader == strategy.reader)
            let location = try settings.checkpointLocation(partitionID: "3").get()
            #expect(location.container == (strategy.fixedContainer ?? "checkpoints"))
            // The blob KEDA reads is recognised as the row's own layout.
            let found = RecognisedCheckpoint.recognise(container: location.container, blob: location.blobName,
                                                       namespace: "ns.servicebus.windows.net", hub: "hub", partitionIds: ["3"])
            #expect(found?.layout == strategy.layout, "\(strategy.reader)")
            #expect(strategy.reader.readsMetadata == (strategy.value == .metadata))
        }
    }

    /// AF-KEDA-EH-003 knows every name: exact ones pass (with a container where the row needs one), another
    /// casing is flagged with the exact name, and a missing container only where the row reads blobContainer.
    @Test func theRuleFollowsTheTable() throws {
        // The rule's own passing example (blobMetadata in azure-webjobs-eventhub), with another strategy or no container.
        let example = try #require(CheckpointStrategyMisconfigured.description.nonTriggeringExamples.first)
        func findings(_ strategy: String, container: Bool) throws -> [Finding] {
            var yaml = example.replacingOccurrences(of: "checkpointStrategy: blobMetadata", with: "checkpointStrategy: \(strategy)")
            if !container { yaml = yaml.replacingOccurrences(of: "blobContainer: azure-webjobs-eventhub", with: "") }
            #expect(yaml != example || strategy == "blobMetadata")
            return CheckpointStrategyMisconfigured().check(DoctorIndex(store: try DoctorTestSupport.store(yaml)))
        }
        for strategy in CheckpointStrategy.named {
            let name = strategy.name!
            #expect(try findings(name, container: true).isEmpty, "\(name)")
            #expect(try findings(name, container: false).isEmpty == !strategy.needsContainer, "\(name)")
            let miscased = try findings(name.uppercased(), container: true)
            #expect(miscased.first?.message.contains("case-sensitive: \(name)") == true, "\(name)")
        }
    }

    @Test func theHelpAndTheCompletionOfferEveryName() throws {
        #expect(CheckpointStrategy.helpText.hasPrefix(CheckpointStrategy.names.joined(separator: "|") + ", or \"\""))
        // The built command's own flag, as completion and the man pages see it.
        guard Ops.binary != nil else { return }
        let option = try #require(try Ops.tree().subcommand(named: "checkpoints")?.option(long: "checkpoint-strategy"))
        for name in CheckpointStrategy.names { #expect(option.abstract.contains(name)) }
        #expect(ValueKind(argument: option) == .known(CheckpointStrategy.names, commaList: false))
    }
}
