import Foundation
import ServerlessSupport

/// Entra ID tokens for the run, from the first configured source in DefaultAzureCredential's order, or
/// the one `--azure-credential` names. One token per audience per run, and at most one refresh each
/// (a token that expired mid-run); once a source gave a token, it gives the others too (as
/// DefaultAzureCredential keeps its `_successful_credential`).
public actor EntraCredential {
    public let choice: AzureCredentialChoice
    package let environment: EntraEnvironment
    package let http: any HTTPClient
    package let log: RequestLog?
    package let clock: @Sendable () -> Date

    /// The source that gave the first token.
    public private(set) var source: AzureCredentialSource?
    private var tokens: [TokenAudience: Task<AccessToken, Error>] = [:]
    private var refreshed: Set<TokenAudience> = []

    public init(choice: AzureCredentialChoice, environment: EntraEnvironment, http: any HTTPClient,
                log: RequestLog? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.choice = choice
        self.environment = environment
        self.http = http
        self.log = log
        self.clock = clock
    }

    /// The run's token for `audience`, asked for once however many requests wait on it.
    public func token(for audience: TokenAudience) async throws -> AccessToken {
        if let task = tokens[audience] { return try await task.value }
        let task = Task { try await self.acquire(audience) }
        tokens[audience] = task
        return try await task.value
    }

    /// A fresh token after `stale` was refused as expired: once per audience, then nil (the caller reports
    /// the refusal). Concurrent callers that saw the same stale token share the one refresh.
    public func refresh(_ audience: TokenAudience, replacing stale: AccessToken) async throws -> AccessToken? {
        if let current = try? await tokens[audience]?.value, current.token != stale.token { return current }
        guard refreshed.insert(audience).inserted else { return nil }
        log?.write("the \(audience.resource) token expired; asking \(source?.displayName ?? "the credential") for a new one (once)")
        let task = Task { try await self.acquire(audience) }
        tokens[audience] = task
        return try await task.value
    }

    private func acquire(_ audience: TokenAudience) async throws -> AccessToken {
        if let source {
            let token = try await token(from: source, audience, probing: false)
            found(source, audience)
            return token
        }
        switch choice {
        case let .only(source):
            let token = try await token(from: source, audience, probing: false)
            found(source, audience)
            return token
        case .auto:
            var tried: [String] = []
            for candidate in AzureCredentialSource.allCases {
                let missing = environment.missingVariables(for: candidate)
                guard missing.isEmpty else {
                    tried.append("\(candidate.rawValue) (\(missing.joined(separator: ", ")) not set)")
                    continue
                }
                do {
                    let token = try await token(from: candidate, audience, probing: true)
                    found(candidate, audience)
                    return token
                } catch let unavailable as Unavailable {
                    tried.append("\(candidate.rawValue) (\(unavailable.reason))")
                }
            }
            throw EntraCredentialError(
                "no Azure credential found; tried " + tried.joined(separator: ", "),
                hint: "set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_FEDERATED_TOKEN_FILE), run on an Azure host with a managed identity, or run 'az login'")
        }
    }

    private func found(_ source: AzureCredentialSource, _ audience: TokenAudience) {
        self.source = source
        log?.write("using an Entra ID token from \(source.displayName) for \(audience.resource)")
    }

    /// In `auto`, a source that is not there (no IMDS answering, no `az`) lets the chain go on.
    package struct Unavailable: Error { let reason: String }

    private func token(from source: AzureCredentialSource, _ audience: TokenAudience, probing: Bool) async throws -> AccessToken {
        let env = environment
        if case .only = choice, !env.missingVariables(for: source).isEmpty {
            throw EntraCredentialError("--azure-credential \(source.rawValue) needs "
                                       + env.missingVariables(for: source).joined(separator: ", "))
        }
        switch source {
        case .clientSecret:
            return try await post(TokenRequests.clientCredentials(
                authority: env.authority, tenant: env.tenantID!, clientID: env.clientID!, secret: env.clientSecret,
                scope: audience.scope), source: source)
        case .workloadIdentity:
            // Read on every request, as azure-identity's WorkloadIdentityCredential does: the kubelet rotates it.
            let path = env.federatedTokenFile!
            guard let data = FileManager.default.contents(atPath: path) else {
                throw EntraCredentialError("cannot read the federated token file \(path) (AZURE_FEDERATED_TOKEN_FILE)")
            }
            // Sent as read, like azure-identity's `_get_service_account_token`.
            let assertion = String(decoding: data, as: UTF8.self)
            guard !assertion.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw EntraCredentialError("the federated token file \(path) (AZURE_FEDERATED_TOKEN_FILE) is empty")
            }
            return try await post(TokenRequests.clientCredentials(
                authority: env.authority, tenant: env.tenantID!, clientID: env.clientID!, assertion: Secret(assertion),
                scope: audience.scope), source: source)
        case .managedIdentity:
            if env.usesAppServiceIdentity {
                return try await get(TokenRequests.appService(endpoint: env.identityEndpoint!, header: env.identityHeader!,
                                                              resource: audience.resource, clientID: env.clientID),
                                     what: "the managed identity endpoint (IDENTITY_ENDPOINT)", probing: probing)
            }
            return try await get(TokenRequests.imds(host: env.imdsHost, resource: audience.resource, clientID: env.clientID),
                                 what: "IMDS at \(env.imdsHost)", probing: probing)
        case .azureCLI:
            let cli = AzureCLI(path: env.path)
            if probing, cli.executable == nil { throw Unavailable(reason: "az not found on PATH") }
            return try await cli.token(resource: audience.resource)
        }
    }

    private func post(_ request: HTTPRequest, source: AzureCredentialSource) async throws -> AccessToken {
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let failure as UserFacingError {
            throw EntraCredentialError("Entra ID (\(environment.authority)) could not be reached for a \(source.displayName) token: \(failure.message)")
        }
        return try TokenRequests.token(from: response, source: "Entra ID (\(source.displayName))", now: clock())
    }

    /// IMDS or App Service. When probing, a host that does not answer (no IMDS off Azure) is unavailable, not
    /// an error, and is given a second at most, as DefaultAzureCredential's IMDS probe is.
    private func get(_ request: HTTPRequest, what: String, probing: Bool) async throws -> AccessToken {
        var request = request
        if probing {
            request.timeout = .seconds(1)
            request.idempotent = false
        }
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let failure as UserFacingError {
            if probing { throw Unavailable(reason: "\(what) did not answer") }
            throw EntraCredentialError("\(what) could not be reached for a managed identity token: \(failure.message)")
        }
        if probing, response.status == 400 {
            throw Unavailable(reason: "\(what) has no identity for this host")
        }
        return try TokenRequests.token(from: response, source: "managed identity (\(what))", now: clock())
    }
}
