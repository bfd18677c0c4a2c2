import Testing
@testable import ServerlessIO
@testable import ServerlessSupport

@Suite struct EventHubsConnectionStringTests {
    static let canary = "CANARYc2VjcmV0LWtleS1kby1ub3Qtc2hvdw="

    @Test func standardForm() throws {
        let parsed = try EventHubsConnectionString.parse(
            "Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=\(Self.canary);EntityPath=myhub")
        #expect(parsed.endpoint == "sb://myns.servicebus.windows.net/")
        #expect(parsed.fullyQualifiedNamespace == "myns.servicebus.windows.net")
        #expect(parsed.sharedAccessKeyName == "RootManageSharedAccessKey")
        #expect(parsed.sharedAccessKey?.value == Self.canary)
        #expect(parsed.entityPath == "myhub")
        #expect(!parsed.useDevelopmentEmulator)
        #expect(parsed.sharedAccessSignature == nil)
    }

    @Test func keysAnyCaseTrailingSemicolonNoEntityPath() throws {
        let parsed = try EventHubsConnectionString.parse(
            "endpoint=sb://MyNs.servicebus.windows.net;SHAREDACCESSKEYNAME=listen;sharedaccesskey=\(Self.canary);")
        #expect(parsed.fullyQualifiedNamespace == "MyNs.servicebus.windows.net")
        #expect(parsed.entityPath == nil)
        #expect(parsed.sharedAccessKey?.value == Self.canary)
    }

    @Test func sharedAccessSignatureForm() throws {
        let token = "SharedAccessSignature sr=https%3A%2F%2Fmyns.servicebus.windows.net%2Fmyhub&sig=abc%3D&se=1767225600&skn=listen"
        let parsed = try EventHubsConnectionString.parse("Endpoint=sb://myns.servicebus.windows.net/;SharedAccessSignature=\(token);EntityPath=myhub")
        #expect(parsed.sharedAccessSignature?.value == token)
        #expect(parsed.sharedAccessKey == nil)
        let bare = try EventHubsConnectionString.parse("Endpoint=sb://myns.servicebus.windows.net/;SharedAccessSignature=sr=x&sig=y&se=1")
        #expect(bare.sharedAccessSignature?.value == "SharedAccessSignature sr=x&sig=y&se=1")
    }

    @Test func emulatorForm() throws {
        let parsed = try EventHubsConnectionString.parse(
            "Endpoint=sb://127.0.0.1:5300/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;EntityPath=eh1")
        #expect(parsed.useDevelopmentEmulator)
        #expect(parsed.fullyQualifiedNamespace == "127.0.0.1:5300")
        let localhost = try EventHubsConnectionString.parse(
            "Endpoint=sb://localhost;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=TRUE")
        #expect(localhost.useDevelopmentEmulator)
        #expect(localhost.fullyQualifiedNamespace == "localhost")
    }

    static let failures: [(String, ConnectionStringError.Reason)] = [
        ("", .empty),
        ("SharedAccessKeyName=k;SharedAccessKey=\(canary)", .missing("Endpoint")),
        ("Endpoint=myns.servicebus.windows.net;SharedAccessKeyName=k;SharedAccessKey=\(canary)",
         .invalidEndpoint(key: "Endpoint", reason: "expected sb://NAMESPACE.servicebus.windows.net/")),
        ("Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKey=\(canary)", .requiresBoth("SharedAccessKeyName", "SharedAccessKey")),
        ("Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=k", .requiresBoth("SharedAccessKeyName", "SharedAccessKey")),
        ("Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=\(canary);SharedAccessSignature=CANARY",
         .conflicting("SharedAccessKey", "SharedAccessSignature")),
        ("Endpoint=sb://myns.servicebus.windows.net/;EntityPath=hub", .missing("SharedAccessKey or SharedAccessSignature")),
        ("Endpoint=sb://myns.servicebus.windows.net/;CANARYpastedkey", .partWithoutEquals(position: 2)),
    ]

    @Test(arguments: 0..<failures.count)
    func errorsNeverEchoTheKey(index: Int) {
        let (text, expected) = Self.failures[index]
        do {
            _ = try EventHubsConnectionString.parse(text)
            Issue.record("expected \(expected)")
        } catch let error as ConnectionStringError {
            #expect(error.reason == expected)
            #expect(error.category == .input)
            for shown in [error.message, error.hint ?? "", String(reflecting: error)] {
                #expect(!shown.contains("CANARY"))
            }
            #expect(error.message.hasPrefix("the Event Hubs connection string "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct EventHubsSASTests {
    static let key = Secret("SGVsbG9Xb3JsZEtleUZvclRlc3RpbmdPbmx5MTIzNDU2Nzg5MA==")
    static let token = "SharedAccessSignature sr=https%3A%2F%2Fmyns.servicebus.windows.net%2Fmyhub"
        + "&sig=%2BZZv%2FLSLFdwK%2BjOEoizeSuXetfbTbynYUjvn3FHOFwg%3D&se=1767225600&skn=RootManageSharedAccessKey"

    /// The SAS vector, from azure-eventhub's generate_sas_token and openssl.
    @Test func sdkSASVector() {
        let made = EventHubsSAS.token(resource: "https://myns.servicebus.windows.net/myhub", keyName: "RootManageSharedAccessKey",
                                      key: Self.key, expiry: 1_767_225_600)
        #expect(made.value == Self.token)
        #expect(EventHubsSAS.stringToSign(encodedResource: PercentEncoding.quotePlus("https://myns.servicebus.windows.net/myhub"),
                                          expiry: 1_767_225_600)
                == "https%3A%2F%2Fmyns.servicebus.windows.net%2Fmyhub\n1767225600")
        #expect("\(made)" == "<redacted>")
    }

    /// The key is used as written: base64-decoding it (as Storage does) gives a different signature.
    @Test func keyIsRawUTF8AndGoStyleLowercaseResourceSignsDifferently() {
        let lower = "https%3a%2f%2fmyns.servicebus.windows.net%2fmyhub\n1767225600"
        #expect(Base64.encode(HMACSHA256.authenticationCode(key: Array(Self.key.value.utf8), message: lower))
                == "Nk+eixLzxcVn0zHPdPUMoLnDW9yT++JazaPTTOumymY=")
    }
}
