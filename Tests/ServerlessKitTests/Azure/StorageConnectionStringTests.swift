import Testing
@testable import ServerlessIO

@Suite struct StorageConnectionStringTests {
    /// Valid base64, so it is accepted as a key; it must never show up in any error or description.
    static let canaryKey = "Q0FOQVJZa2V5LWRvLW5vdC1zaG93LTAxMjM0NTY3OA=="

    func account(_ credential: StorageCredential) -> String? {
        if case let .sharedKey(signer) = credential { return signer.accountName }
        return nil
    }

    @Test func fullAzureForm() throws {
        let parsed = try StorageConnectionString.parse(
            "DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey=\(Self.canaryKey);EndpointSuffix=core.windows.net")
        #expect(parsed.blobEndpoint == "https://myacct.blob.core.windows.net")
        #expect(parsed.accountName == "myacct")
        #expect(account(parsed.credential) == "myacct")
        #expect(parsed.displayAccount == "myacct")
    }

    @Test func otherCloudSuffixAndDefaultProtocol() throws {
        let parsed = try StorageConnectionString.parse(
            "AccountName=cnacct;AccountKey=\(Self.canaryKey);EndpointSuffix=core.chinacloudapi.cn")
        #expect(parsed.blobEndpoint == "https://cnacct.blob.core.chinacloudapi.cn")
        let plain = try StorageConnectionString.parse("DefaultEndpointsProtocol=HTTP;AccountName=a;AccountKey=\(Self.canaryKey)")
        #expect(plain.blobEndpoint == "http://a.blob.core.windows.net")
    }

    @Test func azuriteDocumentedFormIsPathStyleAndSignsVectorB() throws {
        let parsed = try StorageConnectionString.parse(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=\(StorageConnectionString.developmentAccountKey.value);"
            + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")
        #expect(parsed.blobEndpoint == "http://127.0.0.1:10000/devstoreaccount1")
        let request = HTTPRequest(url: parsed.blobEndpoint + "/checkpoints" + SharedKeySignerTests.listQuery,
                                  headers: SharedKeySignerTests.common)
        #expect(parsed.credential.authorize(request).header("Authorization")
                == "SharedKey devstoreaccount1:5QQ2ulNgq3AvSc8Br18qWqDdRcnu4zlDd7S8dBYQ4ys=")
    }

    @Test func blobEndpointTrailingSlashIsDropped() throws {
        let parsed = try StorageConnectionString.parse("AccountName=a;AccountKey=\(Self.canaryKey);BlobEndpoint=https://proxy.example:8443/store/")
        #expect(parsed.blobEndpoint == "https://proxy.example:8443/store")
        #expect(parsed.displayAccount == "a")
    }

    @Test func developmentStorageShortcut() throws {
        for text in ["UseDevelopmentStorage=true", "usedevelopmentstorage=TRUE;"] {
            let parsed = try StorageConnectionString.parse(text)
            #expect(parsed.blobEndpoint == "http://127.0.0.1:10000/devstoreaccount1")
            #expect(parsed.accountName == "devstoreaccount1")
            #expect(account(parsed.credential) == "devstoreaccount1")
        }
    }

    @Test func sharedAccessSignatureKeepsEqualsSignsAndIsAppended() throws {
        let sas = "sv=2021-08-06&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&sig=CANARY%2Fsig%3D"
        let parsed = try StorageConnectionString.parse("BlobEndpoint=https://myacct.blob.core.windows.net/;SharedAccessSignature=\(sas)")
        #expect(parsed.accountName == nil)
        #expect(parsed.displayAccount == "myacct.blob.core.windows.net")
        guard case let .sharedAccessSignature(token) = parsed.credential else {
            Issue.record("expected a SAS credential")
            return
        }
        #expect(token.value == sas)
        #expect(!parsed.credential.description.contains("CANARY"))
        let request = parsed.credential.authorize(HTTPRequest(url: "https://myacct.blob.core.windows.net/c?restype=container"))
        #expect(request.url == "https://myacct.blob.core.windows.net/c?restype=container&" + sas)
        #expect(request.header("Authorization") == nil)
        let bare = parsed.credential.authorize(HTTPRequest(url: "https://myacct.blob.core.windows.net/c/b"))
        #expect(bare.url == "https://myacct.blob.core.windows.net/c/b?" + sas)
    }

    @Test func sasWithAccountNameDerivesTheEndpoint() throws {
        let parsed = try StorageConnectionString.parse("AccountName=myacct;SharedAccessSignature=?sv=2021-08-06&sig=x")
        #expect(parsed.blobEndpoint == "https://myacct.blob.core.windows.net")
        let request = parsed.credential.authorize(HTTPRequest(url: "https://myacct.blob.core.windows.net/c"))
        #expect(request.url == "https://myacct.blob.core.windows.net/c?sv=2021-08-06&sig=x")
    }

    @Test func accountKeyWinsOverSAS() throws {
        let parsed = try StorageConnectionString.parse("AccountName=a;SharedAccessSignature=sv=1&sig=x;AccountKey=\(Self.canaryKey)")
        #expect(account(parsed.credential) == "a")
    }

    @Test func keysAreCaseInsensitiveAndSpacesTolerated() throws {
        let parsed = try StorageConnectionString.parse(
            " accountname = myacct ;\nACCOUNTKEY=\(Self.canaryKey) ; endpointSUFFIX=core.usgovcloudapi.net ;;")
        #expect(parsed.blobEndpoint == "https://myacct.blob.core.usgovcloudapi.net")
        #expect(account(parsed.credential) == "myacct")
    }

    @Test func noCredentialIsAnonymous() throws {
        let parsed = try StorageConnectionString.parse("BlobEndpoint=https://public.blob.core.windows.net")
        guard case .anonymous = parsed.credential else {
            Issue.record("expected anonymous")
            return
        }
    }

    static let failures: [(String, ConnectionStringError.Reason)] = [
        ("", .empty),
        (" ; ;", .empty),
        ("AccountName=a;CANARYsecretpastedwithoutequals", .partWithoutEquals(position: 2)),
        ("AccountName=a;=CANARY", .emptyKey(position: 2)),
        ("AccountName=a;AccountKey=CANARY-not-base64!", .accountKeyNotBase64(.badLength(18))),
        ("AccountName=a;AccountKey=CANARY+not/base64!!!", .accountKeyNotBase64(.badCharacter(position: 17))),
        ("AccountKey=\(canaryKey)", .missing("AccountName (or BlobEndpoint)")),
        ("BlobEndpoint=https://a.blob.core.windows.net;AccountKey=\(canaryKey)", .requiresBoth("AccountName", "AccountKey")),
        ("AccountName=a;AccountKey=", .emptyValue(key: "AccountKey")),
        ("AccountName=a;SharedAccessSignature=", .emptyValue(key: "SharedAccessSignature")),
        ("DefaultEndpointsProtocol=ftp;AccountName=a;AccountKey=\(canaryKey)", .unsupportedProtocol("ftp")),
        ("AccountName=a;AccountKey=\(canaryKey);BlobEndpoint=a.blob.core.windows.net",
         .invalidEndpoint(key: "BlobEndpoint", reason: "it must start with https:// or http://")),
        ("AccountName=a;BlobEndpoint=https://",
         .invalidEndpoint(key: "BlobEndpoint", reason: "it has no host")),
        ("BlobEndpoint=https://a.blob.core.windows.net/?sv=1&sig=CANARY",
         .invalidEndpoint(key: "BlobEndpoint", reason: "it has a query; put a SAS in SharedAccessSignature")),
    ]

    @Test(arguments: 0..<failures.count)
    func errorsAreInputErrorsThatNeverEchoSecrets(index: Int) {
        let (text, expected) = Self.failures[index]
        do {
            _ = try StorageConnectionString.parse(text)
            Issue.record("expected \(expected) for case \(index)")
        } catch let error as ConnectionStringError {
            #expect(error.reason == expected)
            #expect(error.category == .input)
            for shown in [error.message, error.hint ?? "", "\(error)", String(reflecting: error)] {
                #expect(!shown.contains("CANARY"))
                #expect(!shown.contains(Self.canaryKey))
                #expect(!shown.contains("\n"))
            }
            #expect(error.message.hasPrefix("the storage connection string "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
