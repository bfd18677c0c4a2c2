import Foundation
import Testing
@testable import ServerlessIO
@testable import ServerlessSupport

/// The Entra ID flows without a network: requests as azure-identity / MSAL Python build them, their
/// answers, the chain's order, and one token per audience with at most one refresh.
struct EntraCredentialTests {
    static func form(_ request: HTTPRequest) -> [String: String] {
        var pairs: [String: String] = [:]
        for part in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1).map { PercentEncoding.decode(String($0), plusAsSpace: true) }
            pairs[kv[0]] = kv.count > 1 ? kv[1] : ""
        }
        return pairs
    }

    static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
    }

    // azure-identity `_internal/aad_client_base.py` `_get_client_secret_request`
    @Test func clientSecretRequestIsAzureIdentitysForm() {
        let request = TokenRequests.clientCredentials(authority: "https://login.microsoftonline.com", tenant: "t-1",
                                                      clientID: "c-1", secret: Secret("s+/="), scope: TokenAudience.storage.scope)
        #expect(request.method == .post && request.idempotent)
        #expect(request.url == "https://login.microsoftonline.com/t-1/oauth2/v2.0/token")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(Self.form(request) == ["client_id": "c-1", "client_secret": "s+/=", "grant_type": "client_credentials",
                                       "scope": "https://storage.azure.com/.default"])
    }

    // azure-identity `_get_jwt_assertion_request`, as WorkloadIdentityCredential sends the token file
    @Test func workloadIdentityRequestCarriesTheAssertion() {
        let request = TokenRequests.clientCredentials(authority: "https://login.microsoftonline.com", tenant: "t", clientID: "c",
                                                      assertion: Secret("a.b.c"), scope: TokenAudience.eventHubs.scope)
        #expect(Self.form(request) == ["client_id": "c", "client_assertion": "a.b.c",
                                       "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                       "grant_type": "client_credentials", "scope": "https://eventhubs.azure.net/.default"])
    }

    // MSAL Python `_obtain_token_on_azure_vm` and `_obtain_token_on_app_service`
    @Test func managedIdentityRequests() {
        let imds = TokenRequests.imds(host: EntraEnvironment.defaultIMDSHost, resource: TokenAudience.storage.resource, clientID: nil)
        #expect(imds.url == "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fstorage.azure.com%2F")
        #expect(imds.header("Metadata") == "true" && imds.method == .get)
        let app = TokenRequests.appService(endpoint: "http://127.0.0.1:41741/msi/token", header: Secret("h"),
                                           resource: TokenAudience.eventHubs.resource, clientID: "mi")
        #expect(app.url == "http://127.0.0.1:41741/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Feventhubs.azure.net%2F&client_id=mi")
        #expect(app.header("X-IDENTITY-HEADER") == "h")
    }

    // azure-identity `_internal/utils.py` `normalize_authority`
    @Test func authorityHostIsNormalisedAsTheSDKsDo() throws {
        #expect(try EntraEnvironment([:]).authority == "https://login.microsoftonline.com")
        #expect(try EntraEnvironment(["AZURE_AUTHORITY_HOST": "login.microsoftonline.us"]).authority == "https://login.microsoftonline.us")
        #expect(try EntraEnvironment(["AZURE_AUTHORITY_HOST": "https://login.chinacloudapi.cn/ "]).authority == "https://login.chinacloudapi.cn")
        #expect(throws: EntraCredentialError.self) { try EntraEnvironment(["AZURE_AUTHORITY_HOST": "http://login.example"]) }
        #expect(try EntraEnvironment([:]).missingVariables(for: .clientSecret) == ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"])
    }

    @Test func tokenAnswersOfEveryEndpoint() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        // Entra: expires_in as a number
        let entra = try TokenRequests.token(from: Self.json(#"{"token_type":"Bearer","expires_in":3599,"access_token":"t1"}"#), source: "x", now: now)
        #expect(entra.token.value == "t1" && entra.expiresOn == now.addingTimeInterval(3599))
        // IMDS and App Service: strings, expires_on wins
        let imds = try TokenRequests.token(from: Self.json(#"{"access_token":"t2","expires_in":"86399","expires_on":"1086399","token_type":"Bearer"}"#), source: "x", now: now)
        #expect(imds.expiresOn == Date(timeIntervalSince1970: 1_086_399))
        let refused = Self.json(#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1"}"#, status: 401)
        #expect { try TokenRequests.token(from: refused, source: "Entra ID (client secret)", now: now) } throws: { error in
            (error as? EntraCredentialError)?.message == "Entra ID (client secret) gave no token: HTTP 401: AADSTS7000215: Invalid client secret provided."
        }
    }

    // azure-identity `_credentials/azure_cli.py` `parse_token`
    @Test func azureCLIOutputOldAndNew() throws {
        let new = try AzureCLI.parse(Array(#"{"accessToken":"t","expiresOn":"2030-01-01 00:00:00.000000","expires_on":1893456000,"tokenType":"Bearer"}"#.utf8))
        #expect(new.expiresOn == Date(timeIntervalSince1970: 1_893_456_000))
        let old = try AzureCLI.parse(Array(#"{"accessToken":"t","expiresOn":"2030-01-01 00:00:00.000000"}"#.utf8))
        #expect(abs(old.expiresOn.timeIntervalSince1970 - 1_893_456_000) <= 14 * 3600)  // local time
        #expect(throws: EntraCredentialError.self) { try AzureCLI.parse(Array("{}".utf8)) }
    }

    @Test func oneRequestPerAudienceAndOneRefresh() async throws {
        let counter = ResponseQueue((1...4).map { Self.json(#"{"access_token":"tok-\#($0)","expires_in":3600}"#) })
        let http = ScriptedHTTPClient { _ in counter.next() }
        let environment = try EntraEnvironment(["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s",
                                                "IDENTITY_ENDPOINT": "http://127.0.0.1:1/msi", "IDENTITY_HEADER": "h"])
        let credential = EntraCredential(choice: .auto, environment: environment, http: http)
        async let a = credential.token(for: .storage)
        async let b = credential.token(for: .storage)
        let (first, second) = try await (a, b)
        #expect(first.token == second.token && http.requests.count == 1)
        #expect(http.requests[0].method == .post)  // the client secret comes before managed identity
        #expect(await credential.source == .clientSecret)
        let fresh = try await credential.refresh(.storage, replacing: first)
        #expect(fresh != nil && fresh?.token != first.token)
        #expect(try await credential.refresh(.storage, replacing: fresh!) == nil)  // once only
        _ = try await credential.token(for: .eventHubs)
        #expect(http.requests.count == 3)
    }

    @Test func bearerClientResendsOnceWithAFreshTokenWhenTheOldOneExpired() async throws {
        let tokens = ResponseQueue((1...2).map { Self.json(#"{"access_token":"tok-\#($0)","expires_in":3600}"#) })
        let expired = HTTPResponse.xml(401, "<Error><Code>InvalidAuthenticationInfo</Code><AuthenticationErrorDetail>Lifetime validation failed. The token is expired.</AuthenticationErrorDetail></Error>")
        let storage = ResponseQueue([expired, .xml(200, "<ok/>"), expired, expired])
        let seen = ScriptedHTTPClient { request in
            request.url.contains("oauth2") ? tokens.next() : storage.next()
        }
        let environment = try EntraEnvironment(["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s"])
        let client = BearerTokenClient(base: seen, credential: EntraCredential(choice: .only(.clientSecret), environment: environment,
                                                                                 http: seen), audience: .storage)
        let request = HTTPRequest(url: "https://a.blob.core.windows.net/c", headers: [("Authorization", "Bearer old")])
        #expect(try await client.send(request).status == 200)
        let sent = seen.requests.filter { !$0.url.contains("oauth2") }.map { $0.header("Authorization") }
        #expect(sent == ["Bearer tok-1", "Bearer tok-2"])
        #expect(try await client.send(request).status == 401)  // no second refresh
    }
}
