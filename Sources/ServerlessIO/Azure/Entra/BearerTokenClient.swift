import Foundation

/// Sends every request with the run's Entra ID token for one audience, and when the service says the
/// token expired, asks for a fresh one once and sends the request again with it.
public struct BearerTokenClient: HTTPClient {
    package let base: any HTTPClient
    public let credential: EntraCredential
    public let audience: TokenAudience

    public init(base: any HTTPClient, credential: EntraCredential, audience: TokenAudience) {
        self.base = base
        self.credential = credential
        self.audience = audience
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let token = try await credential.token(for: audience)
        let response = try await base.send(Self.authorized(request, token))
        guard Self.saysExpired(response), let fresh = try await credential.refresh(audience, replacing: token) else {
            return response
        }
        return try await base.send(Self.authorized(request, fresh))
    }

    package static func authorized(_ request: HTTPRequest, _ token: AccessToken) -> HTTPRequest {
        var request = request
        request.headers.removeAll { $0.name.lowercased() == "authorization" }
        request.headers.append((name: "Authorization", value: "Bearer \(token.token.value)"))
        return request
    }

    /// Blob: 401 with "Lifetime validation failed. The token is expired." in AuthenticationErrorDetail;
    /// Event Hubs: 401 with "ExpiredToken: ..." in the error's Detail.
    package static func saysExpired(_ response: HTTPResponse) -> Bool {
        guard response.status == 401 else { return false }
        return String(decoding: response.body, as: UTF8.self).lowercased().contains("expired")
    }
}
