import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessSupport

@Suite struct EventHubsRuntimeClientTests {
    static let connection = try! EventHubsConnectionString.parse(
        "Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
        + "SharedAccessKey=\(EventHubsSASTests.key.value);EntityPath=myhub")
    /// One hour before the SAS vector's expiry, so the token made per request is that vector.
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_767_222_000) }

    static func server(_ request: HTTPRequest) -> HTTPResponse {
        let path = URLParts(request.url).path
        if path == "/myhub" { return .xml(200, EventHubsAtomFixtures.hub(ids: ["0", "1", "2", "3"])) }
        if let id = path.split(separator: "/").last, path.hasPrefix("/myhub/consumergroups/$Default/partitions/"), let n = Int64(id) {
            return .xml(200, EventHubsAtomFixtures.partition(String(id), begin: n, end: 100 * n + 50, offset: "\(n * 4096)"))
        }
        return .xml(404, EventHubsAtomFixtures.error(404, "The messaging entity could not be found."))
    }

    /// The same service with the all-partitions feed, which leaves partition 3 out.
    static func serverWithFeed(_ request: HTTPRequest) -> HTTPResponse {
        if URLParts(request.url).path == "/myhub/consumergroups/$Default/partitions" {
            return .xml(200, EventHubsAtomFixtures.partitionsFeed((0..<3).map { n in (String(n), Int64(n), 100 * Int64(n) + 50) }))
        }
        return server(request)
    }

    @Test func readsTheFeedAndAsksOnlyForWhatItLacks() async throws {
        let http = ScriptedHTTPClient(Self.serverWithFeed)
        let client = try EventHubsRuntimeClient(connection: Self.connection, http: http, clock: Self.clock)
        let partitions = try await client.allPartitions()
        #expect(partitions.map(\.partitionId) == ["0", "1", "2", "3"])
        #expect(partitions.map(\.lastEnqueuedSequenceNumber) == [50, 150, 250, 350])
        #expect(partitions[1].lastEnqueuedOffset == "4096")
        #expect(Set(http.requests.map(\.url)) == [
            "https://myns.servicebus.windows.net/myhub?api-version=2014-01",
            "https://myns.servicebus.windows.net/myhub/consumergroups/$Default/partitions?api-version=2015-01",
            "https://myns.servicebus.windows.net/myhub/consumergroups/$Default/partitions/3?api-version=2015-01",
        ])
    }

    /// Without the feed (here a 404), every partition is asked for on its own.
    @Test func readsEveryPartitionWhenTheFeedFails() async throws {
        let http = ScriptedHTTPClient(Self.server)
        let client = try EventHubsRuntimeClient(connection: Self.connection, http: http, clock: Self.clock)
        let partitions = try await client.allPartitions()
        #expect(partitions.map(\.partitionId) == ["0", "1", "2", "3"])
        #expect(partitions[2] == PartitionRuntimeInfo(partitionId: "2", beginningSequenceNumber: 2, lastEnqueuedSequenceNumber: 250,
                                                      lastEnqueuedOffset: "8192",
                                                      lastEnqueuedTime: AzureTime.parseISO8601("2016-02-23T03:22:27.024Z")))
        let requests = http.requests
        #expect(requests.count == 6)
        #expect(requests.allSatisfy { $0.method == .get })
        #expect(Set(requests.map(\.url)) == Set((0..<4).map {
            "https://myns.servicebus.windows.net/myhub/consumergroups/$Default/partitions/\($0)?api-version=2015-01"
        } + ["https://myns.servicebus.windows.net/myhub?api-version=2014-01",
             "https://myns.servicebus.windows.net/myhub/consumergroups/$Default/partitions?api-version=2015-01"]))
        #expect(requests.allSatisfy { $0.header("Authorization") == EventHubsSASTests.token })
    }

    @Test func baseURLDefaultsEmulatorAndOverride() throws {
        let http = ScriptedHTTPClient(Self.server)
        #expect(try EventHubsRuntimeClient(connection: Self.connection, http: http).baseURL == "https://myns.servicebus.windows.net/")
        let emulator = try EventHubsConnectionString.parse(
            "Endpoint=sb://127.0.0.1:5300/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;EntityPath=eh1")
        let local = try EventHubsRuntimeClient(connection: emulator, http: http)
        #expect(local.baseURL == "http://127.0.0.1:5300/")
        #expect(local.hubURL == "http://127.0.0.1:5300/eh1")
        let overridden = try EventHubsRuntimeClient(connection: emulator, eventHub: "other", consumerGroup: "my group",
                                                    endpointOverride: "http://127.0.0.1:8080/eh", http: http)
        #expect(overridden.baseURL == "http://127.0.0.1:8080/eh/")
        #expect(overridden.partitionURL("0") == "http://127.0.0.1:8080/eh/other/consumergroups/my%20group/partitions/0?api-version=2015-01")
        // The token still names the namespace, whatever URL carries it.
        #expect(overridden.tokenResource == "https://127.0.0.1:5300/other")
    }

    @Test func hubNameIsRequired() {
        let noHub = try! EventHubsConnectionString.parse("Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v")
        #expect(throws: ConnectionStringError.self) {
            try EventHubsRuntimeClient(connection: noHub, http: ScriptedHTTPClient(Self.server))
        }
        #expect((try? EventHubsRuntimeClient(connection: noHub, eventHub: "given", http: ScriptedHTTPClient(Self.server)))?.eventHub == "given")
    }

    @Test func readyTokenAndBearerAreSentAsIs() async throws {
        let sas = try EventHubsConnectionString.parse(
            "Endpoint=sb://myns.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=a&sig=b&se=1&skn=c;EntityPath=myhub")
        let http = ScriptedHTTPClient(Self.server)
        _ = try await EventHubsRuntimeClient(connection: sas, http: http).partitionIds()
        #expect(http.requests.first?.header("Authorization") == "SharedAccessSignature sr=a&sig=b&se=1&skn=c")
        let bearer = ScriptedHTTPClient(Self.server)
        _ = try await EventHubsRuntimeClient(namespace: "myns.servicebus.windows.net", eventHub: "myhub",
                                             credential: .bearer(Secret("eyJ0")), http: bearer).partition("1")
        #expect(bearer.requests.first?.header("Authorization") == "Bearer eyJ0")
    }

    func failure(_ respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse) async -> EventHubsError? {
        do {
            _ = try await EventHubsRuntimeClient(connection: Self.connection, http: ScriptedHTTPClient(respond), clock: Self.clock)
                .allPartitions()
            Issue.record("expected an error")
        } catch let error as EventHubsError {
            #expect(error.category == .remote)
            #expect(!error.message.contains(EventHubsSASTests.key.value))
            #expect(!error.message.contains("sig="))
            return error
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    @Test func unauthorizedBodyIsMapped() async {
        let detail = "InvalidSignature: The token has an invalid signature. TrackingId:7f3c9a1e-0000-0000-0000-000000000000_G1, "
            + "SystemTracker:myns.servicebus.windows.net:myhub, Timestamp:2025-11-22T10:00:00"
        let error = await failure { _ in .xml(401, EventHubsAtomFixtures.error(401, detail)) }
        #expect(error?.kind == .unauthorized(detail: detail))
        #expect(error?.message.hasPrefix("Event Hubs refused the credentials for event hub 'myhub' in namespace 'myns.servicebus.windows.net' (401): InvalidSignature") == true)
    }

    @Test func missingHubAndPartitionErrors() async {
        #expect(await failure { _ in .xml(200, EventHubsAtomFixtures.emptyFeed) }?.kind == .notFound(detail: nil))
        #expect(await failure { _ in HTTPResponse(status: 404) }?.kind == .notFound(detail: nil))
        let partition404 = await failure { request in
            URLParts(request.url).path == "/myhub" ? Self.server(request)
                : .xml(404, EventHubsAtomFixtures.error(404, "No consumer group."))
        }
        // Once the hub answered, a partition's 404 means its consumer group does not exist: said as such.
        #expect(partition404?.kind == .consumerGroupNotFound("$Default", detail: "No consumer group."))
        #expect(partition404?.message.hasPrefix("consumer group \"$Default\" does not exist in hub \"myhub\"") == true)
        #expect(await failure { _ in HTTPResponse(status: 404) }?.message
            == "event hub \"myhub\" does not exist in namespace \"myns.servicebus.windows.net\"")
        #expect(await failure { _ in HTTPResponse(status: 503) }?.kind == .throttled)
        #expect(await failure { _ in .xml(500, EventHubsAtomFixtures.error(500, "Internal")) }?.kind == .other(status: 500, detail: "Internal"))
    }

    @Test func unusableDocuments() async {
        let noEnd = await failure { request in
            URLParts(request.url).path == "/myhub" ? Self.server(request)
                : .xml(200, EventHubsAtomFixtures.partition("0", begin: 0, end: 1).replacing("EndSequenceNumber", with: "Renamed"))
        }
        #expect(noEnd?.kind == .unexpectedResponse("no PartitionDescription/EndSequenceNumber"))
        let notNumber = await failure { request in
            URLParts(request.url).path == "/myhub" ? Self.server(request)
                : .xml(200, EventHubsAtomFixtures.partition("0", begin: 0, end: 1).replacing(">1</End", with: ">x</End"))
        }
        #expect(notNumber?.kind == .unexpectedResponse("a EndSequenceNumber that is not an integer"))
        #expect(await failure { _ in .xml(200, EventHubsAtomFixtures.hub(ids: [])) }?.kind == .unexpectedResponse("no partition ids"))
    }

    @Test func parsesAtomDocumentsDirectly() throws {
        #expect(try EventHubsAtom.partitionIds(Array(EventHubsAtomFixtures.hub(ids: ["0", "1", "10", "a"]).utf8), source: "doc")
                == ["0", "1", "10", "a"])
        // PartitionIds in another namespace are not the Arrays ones.
        let wrongNamespace = EventHubsAtomFixtures.hub(ids: ["0"]).replacing("2003/10/Serialization/Arrays", with: "elsewhere")
        #expect(try EventHubsAtom.partitionIds(Array(wrongNamespace.utf8), source: "doc") == [])
        let empty = try EventHubsAtom.partition(Array(EventHubsAtomFixtures.partition("3", begin: 0, end: -1, offset: "-1",
                                                                                     time: "0001-01-01T00:00:00Z").utf8),
                                                partitionId: "3", source: "doc")
        #expect(empty.lastEnqueuedSequenceNumber == -1)
        #expect(empty.lastEnqueuedOffset == "-1")
        #expect(throws: XMLError.self) {
            try EventHubsAtom.partitionIds(Array("<!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><entry>&x;</entry>".utf8), source: "doc")
        }
    }
}

@Suite struct PartitionInfoFileTests {
    func parse(_ text: String) throws -> [PartitionRuntimeInfo] { try PartitionInfoFile.parse(Array(text.utf8)) }

    @Test func specExample() throws {
        #expect(try parse(#"[{"partitionId":"0","lastEnqueuedSequenceNumber":150,"beginningSequenceNumber":0}]"#)
                == [PartitionRuntimeInfo(partitionId: "0", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 150)])
    }

    @Test func optionalFieldsAndDefaults() throws {
        let parsed = try parse("""
            [{"partitionId": 1, "lastEnqueuedSequenceNumber": 9223372036854775807},
             {"partitionId": "2", "lastEnqueuedSequenceNumber": -1, "beginningSequenceNumber": 5,
              "lastEnqueuedOffset": "4096", "lastEnqueuedTime": "2025-11-22T10:00:00Z"}]
            """)
        #expect(parsed[0] == PartitionRuntimeInfo(partitionId: "1", beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: .max))
        #expect(parsed[1].lastEnqueuedOffset == "4096")
        #expect(parsed[1].lastEnqueuedTime == Date(timeIntervalSince1970: 1_763_805_600))
        #expect(parsed[1].beginningSequenceNumber == 5)
    }

    static let failures: [(String, String)] = [
        ("", "--partition-info is not valid JSON"),
        ("{\"partitionId\":\"0\"}", "--partition-info must be a JSON array of objects"),
        ("[]", "--partition-info lists no partitions"),
        ("[5]", "--partition-info entry 1 is not a JSON object"),
        (#"[{"lastEnqueuedSequenceNumber":1}]"#, "--partition-info entry 1: partitionId is missing"),
        (#"[{"partitionId":"0"}]"#, "--partition-info entry 1: lastEnqueuedSequenceNumber is missing"),
        (#"[{"partitionId":"0","lastEnqueuedSequenceNumber":"150"}]"#, "--partition-info entry 1: lastEnqueuedSequenceNumber must be a whole number"),
        (#"[{"partitionId":"0","lastEnqueuedSequenceNumber":1.5}]"#, "--partition-info entry 1: lastEnqueuedSequenceNumber must be a whole number"),
        (#"[{"partitionId":"0","lastEnqueuedSequenceNumber":99999999999999999999}]"#, "--partition-info entry 1: lastEnqueuedSequenceNumber must be a whole number"),
        (#"[{"partitionId":"0","lastEnqueuedSequenceNumber":1},{"partitionId":"1","lastEnqueuedSequenceNumbr":1}]"#,
         "--partition-info entry 2: unknown key \"lastEnqueuedSequenceNumbr\" (known: beginningSequenceNumber, lastEnqueuedOffset, lastEnqueuedSequenceNumber, lastEnqueuedTime, partitionId)"),
        (#"[{"partitionId":"0","lastEnqueuedSequenceNumber":1},{"partitionId":"0","lastEnqueuedSequenceNumber":2}]"#,
         "--partition-info entry 2 repeats partitionId \"0\""),
        (#"[{"partitionId":true,"lastEnqueuedSequenceNumber":1}]"#, "--partition-info entry 1: partitionId must be a string such as \"0\""),
        (#"[{"partitionId":"0","lastEnqueuedSequenceNumber":1,"lastEnqueuedTime":"yesterday"}]"#,
         "--partition-info entry 1: lastEnqueuedTime must be an ISO 8601 time"),
    ]

    @Test(arguments: 0..<failures.count)
    func clearInputErrors(index: Int) {
        let (text, expected) = Self.failures[index]
        do {
            _ = try parse(text)
            Issue.record("expected: \(expected)")
        } catch let error as PartitionInfoError {
            #expect(error.message == expected)
            #expect(error.category == .input)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
