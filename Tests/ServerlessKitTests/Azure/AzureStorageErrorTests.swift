import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessSupport

@Suite struct AzureStorageErrorTests {
    static let connection = BlobContainerClientTests.connection

    func failure(_ response: HTTPResponse, blob: String? = "ns/hub/$default/checkpoint/0",
                 head: Bool = false) async -> AzureStorageError? {
        let http = ScriptedHTTPClient(responses: [response])
        let client = BlobContainerClient(connection: Self.connection, container: "checkpoints", http: http, clock: vectorClock)
        do {
            if let blob {
                _ = head ? try await client.getProperties(blob).name : try await client.getBlob(blob).name
            } else {
                _ = try await client.listBlobs()
            }
            Issue.record("expected an error")
        } catch let error as AzureStorageError {
            #expect(error.category == .remote)
            #expect(!error.message.contains("\n"))
            #expect(!error.message.contains("Eby8"))
            return error
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    static func errorBody(_ code: String, _ message: String, extra: String = "") -> String {
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>\(code)</Code><Message>\(message)\n"
            + "RequestId:8a3b2c1d-0000-0000-0000-000000000000\nTime:2025-11-22T10:00:00.0000000Z</Message>\(extra)</Error>"
    }

    @Test func headResponseCodeComesFromTheHeader() async {
        let error = await failure(HTTPResponse(status: 404, headers: [("x-ms-error-code", "BlobNotFound")]), head: true)
        #expect(error?.kind == .blobNotFound)
        #expect(error?.message == "blob 'ns/hub/$default/checkpoint/0' in container 'checkpoints' of storage account 'devstoreaccount1' does not exist")
    }

    @Test func containerNotFoundFromBodyOnly() async {
        let error = await failure(.xml(404, Self.errorBody("ContainerNotFound", "The specified container does not exist.")), blob: nil)
        #expect(error?.kind == .containerNotFound)
        #expect(error?.message == "container \"checkpoints\" not found in storage account \"devstoreaccount1\"")
        #expect(error?.hint != nil)
    }

    @Test func headerWinsOverBody() async {
        let error = await failure(.xml(404, Self.errorBody("BlobNotFound", "x"), headers: [("x-ms-error-code", "ContainerNotFound")]))
        #expect(error?.kind == .containerNotFound)
    }

    @Test func bare404IsWhatWasAskedFor() async {
        #expect(await failure(HTTPResponse(status: 404), head: true)?.kind == .blobNotFound)
        #expect(await failure(HTTPResponse(status: 404), blob: nil)?.kind == .containerNotFound)
    }

    @Test func authenticationFailedKeepsTheDetailButNotTheSignature() async {
        let signature = "5QQ2ulNgq3AvSc8Br18qWqDdRcnu4zlDd7S8dBYQ4ys="
        let detail = "<AuthenticationErrorDetail>The MAC signature found in the HTTP request '\(signature)' is not the same as any "
            + "computed signature. Server used following string to sign: 'GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sat'.</AuthenticationErrorDetail>"
        let error = await failure(.xml(403, Self.errorBody("AuthenticationFailed", "Server failed to authenticate the request.", extra: detail),
                                       headers: [("x-ms-error-code", "AuthenticationFailed")]), blob: nil)
        guard case let .authenticationFailed(shown)? = error?.kind else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(shown == "The MAC signature found in the HTTP request '<redacted>' is not the same as any computed signature. "
                + "Server used following string to sign: 'GET")
        #expect(!(error?.message.contains(signature) ?? true))
        #expect(error?.message.hasPrefix("storage account 'devstoreaccount1' refused the credentials (AuthenticationFailed): ") == true)
    }

    @Test func anExpiredSASIsSaidWithItsExpiryInWordsThatDoNotChangePerRequest() async {
        // Azure's AuthenticationErrorDetail for a SAS past its `se` (the test server answers the same).
        let text = "Signature not valid in the specified time frame: Start [] - Expiry [Sun, 06 Dec 2026 10:00:00 GMT] - "
            + "Current [Mon, 07 Dec 2026 03:00:01 GMT]"
        let error = await failure(.xml(403, Self.errorBody("AuthenticationFailed", "Server failed to authenticate the request.",
                                                           extra: "<AuthenticationErrorDetail>\(text)</AuthenticationErrorDetail>")))
        #expect(error?.message == "storage account 'devstoreaccount1' refused the SAS: it expired at Sun, 06 Dec 2026 10:00:00 GMT")
        #expect(error?.hint == "issue a new SAS (a later se) and put it in the storage connection string (Azure: \(text))")
        let notYet = text.replacingOccurrences(of: "Expiry [Sun, 06", with: "Expiry [Tue, 08")
        let early = await failure(.xml(403, Self.errorBody("AuthenticationFailed", "Server failed to authenticate the request.",
                                                           extra: "<AuthenticationErrorDetail>\(notYet)</AuthenticationErrorDetail>")))
        #expect(early?.message == "storage account 'devstoreaccount1' refused the credentials (AuthenticationFailed): \(notYet)")
    }

    @Test func aRefusedListOrReadNamesTheSASLetterItLacks() async {
        let body = Self.errorBody("AuthorizationPermissionMismatch", "This request is not authorized to perform this operation using this permission.")
        let list = await failure(.xml(403, body), blob: nil)
        #expect(list?.message.contains("refused to list blobs (AuthorizationPermissionMismatch): the SAS lacks list (l) permission") == true)
        let read = await failure(.xml(403, body))
        #expect(read?.message.contains("refused to read blobs (AuthorizationPermissionMismatch): the SAS lacks read (r) permission") == true)
        #expect(read?.hint == "issue a SAS with sp=rl (read and list), or grant the identity Storage Blob Data Reader")
    }

    @Test func containerNamesAzureRefusesAreSaidBeforeAnyRequest() {
        for good in ["checkpoints", "azure-webjobs-eventhub", "abc", String(repeating: "a", count: 63), "$root"] {
            #expect(throws: Never.self) { try BlobContainerName.validate(good) }
        }
        let cases = [("Orders_Checkpoints", "upper-case letters are not allowed"), ("orders_checkpoints", "'_' is not allowed"),
                     ("ab", "it has 2 characters, not 3 to 63"), ("-orders", "it must start and end with a letter or digit"),
                     ("orders--checkpoints", "two hyphens in a row are not allowed")]
        for (name, rule) in cases {
            #expect(throws: BlobContainerName.Invalid(name: name, rule: rule)) { try BlobContainerName.validate(name) }
        }
    }

    @Test func authenticationFailedOnHeadHasNoDetail() async {
        let error = await failure(HTTPResponse(status: 403, headers: [("x-ms-error-code", "AuthenticationFailed")]), head: true)
        #expect(error?.kind == .authenticationFailed(detail: nil))
    }

    @Test func authorizationCodes() async {
        let mismatch = await failure(HTTPResponse(status: 403, headers: [("x-ms-error-code", "AuthorizationPermissionMismatch")]), head: true)
        #expect(mismatch?.kind == .authorizationFailure(code: "AuthorizationPermissionMismatch"))
        let sourceIP = await failure(.xml(403, Self.errorBody("AuthorizationSourceIPMismatch", "no")), blob: nil)
        #expect(sourceIP?.kind == .authorizationFailure(code: "AuthorizationSourceIPMismatch"))
        #expect(await failure(HTTPResponse(status: 403), head: true)?.kind == .authorizationFailure(code: "403 Forbidden"))
    }

    @Test func throttling() async {
        #expect(await failure(HTTPResponse(status: 503, headers: [("x-ms-error-code", "ServerBusy")]))?.kind == .throttled)
        #expect(await failure(HTTPResponse(status: 429))?.kind == .throttled)
    }

    @Test func otherErrorsKeepStatusCodeAndFirstLineOfMessage() async {
        let error = await failure(.xml(400, Self.errorBody("InvalidHeaderValue", "The API version 2099-01-01 is not supported by Azurite."),
                                       headers: [("x-ms-error-code", "InvalidHeaderValue")]), blob: nil)
        #expect(error?.kind == .other(status: 400, code: "InvalidHeaderValue",
                                      message: "The API version 2099-01-01 is not supported by Azurite."))
        #expect(error?.message == "reading container 'checkpoints' of storage account 'devstoreaccount1' failed: HTTP 400 "
                + "InvalidHeaderValue: The API version 2099-01-01 is not supported by Azurite.")
        let proxy = await failure(HTTPResponse(status: 502, body: Array("<html><body>Bad gateway</body></html>".utf8)), blob: nil)
        #expect(proxy?.kind == .other(status: 502, code: nil, message: nil))
    }

    @Test func errorBodyParser() {
        let body = Array(Self.errorBody("InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.",
                                        extra: "<QueryParameterName>maxresults</QueryParameterName>").utf8)
        #expect(ErrorBody.parse(body) == ErrorBody(code: "InvalidQueryParameterValue",
            message: "Value for one of the query parameters specified in the request URI is invalid.\nRequestId:8a3b2c1d-0000-0000-0000-000000000000\nTime:2025-11-22T10:00:00.0000000Z",
            detail: nil))
        #expect(ErrorBody.parse([]) == nil)
        #expect(ErrorBody.parse(Array("not xml".utf8)) == nil)
        #expect(ErrorBody.parse(Array("<!DOCTYPE x [<!ENTITY a SYSTEM \"file:///etc/passwd\">]><Error><Code>&a;</Code></Error>".utf8)) == nil)
    }

    @Test func serverTextIsOneLineWithSignaturesRemoved() {
        #expect(displayableServerText("Malformed token SharedAccessSignature sr=a&sig=abc%2Bdef%3D&se=1 seen\nsecond line")
                == "Malformed token SharedAccessSignature sr=a&sig=<redacted>&se=1 seen")
        #expect(displayableServerText("request 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY' and 'short'")
                == "request '<redacted>' and 'short'")
        #expect(displayableServerText("  \n") == nil)
    }
}
