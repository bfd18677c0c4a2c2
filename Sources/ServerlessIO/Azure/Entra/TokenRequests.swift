import Foundation
import ServerlessSupport

/// The token requests of the Entra ID flows, built and read without I/O.
package enum TokenRequests {
    package static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// Client credentials grant with a secret or a client assertion (azure-identity
    /// `_internal/aad_client_base.py` `_get_client_secret_request` / `_get_jwt_assertion_request`):
    /// `POST {authority}/{tenant}/oauth2/v2.0/token`, form-encoded. Safe to retry: it changes nothing.
    package static func clientCredentials(authority: String, tenant: String, clientID: String,
                                  secret: Secret? = nil, assertion: Secret? = nil, scope: String) -> HTTPRequest {
        var form: [(String, String)] = [("client_id", clientID)]
        if let secret { form.append(("client_secret", secret.value)) }
        if let assertion {
            form.append(("client_assertion", assertion.value))
            form.append(("client_assertion_type", assertionType))
        }
        form += [("grant_type", "client_credentials"), ("scope", scope)]
        let body = form.map { "\(PercentEncoding.queryValue($0.0))=\(PercentEncoding.queryValue($0.1))" }.joined(separator: "&")
        return HTTPRequest(method: .post, url: "\(authority)/\(PercentEncoding.pathSegment(tenant))/oauth2/v2.0/token",
                           headers: [("Content-Type", "application/x-www-form-urlencoded"),
                                     ("Accept", "application/json"), ("User-Agent", BuildInfo.userAgent)],
                           body: Array(body.utf8), idempotent: true)
    }

    /// App Service / Functions managed identity (MSAL Python `_obtain_token_on_app_service`).
    package static func appService(endpoint: String, header: Secret, resource: String, clientID: String?) -> HTTPRequest {
        var url = endpoint + (endpoint.contains("?") ? "&" : "?")
            + "api-version=2019-08-01&resource=\(PercentEncoding.queryValue(resource))"
        if let clientID { url += "&client_id=\(PercentEncoding.queryValue(clientID))" }
        return HTTPRequest(method: .get, url: url, headers: [
            ("X-IDENTITY-HEADER", header.value), ("Metadata", "true"), ("User-Agent", BuildInfo.userAgent),
        ])
    }

    /// The instance metadata service (MSAL Python `_obtain_token_on_azure_vm`).
    package static func imds(host: String, resource: String, clientID: String?) -> HTTPRequest {
        var url = "\(host)/metadata/identity/oauth2/token?api-version=2018-02-01&resource=\(PercentEncoding.queryValue(resource))"
        if let clientID { url += "&client_id=\(PercentEncoding.queryValue(clientID))" }
        return HTTPRequest(method: .get, url: url, headers: [("Metadata", "true"), ("User-Agent", BuildInfo.userAgent)])
    }

    /// A token endpoint's answer: `access_token` with `expires_on` (epoch seconds, App Service and IMDS
    /// send it as a string) or `expires_in` (seconds from now). Failures carry Entra's own
    /// `error_description` (AADSTS...), which names no secret.
    package static func token(from response: HTTPResponse, source: String, now: Date) throws -> AccessToken {
        let value = try? JSON.parse(response.body)
        guard response.isSuccess else {
            let described = value?["error_description"].string ?? value?["message"].string ?? value?["error"].string
            throw EntraCredentialError("\(source) gave no token: HTTP \(response.status)"
                                       + (displayableServerText(described).map { ": \($0)" } ?? ""))
        }
        guard let value, let token = value["access_token"].string, !token.isEmpty else {
            throw EntraCredentialError("\(source) answered without an access_token")
        }
        let expiry: Date
        if let on = value["expires_on"].int {
            expiry = Date(timeIntervalSince1970: TimeInterval(on))
        } else if let seconds = value["expires_in"].int {
            expiry = now.addingTimeInterval(TimeInterval(seconds))
        } else {
            throw EntraCredentialError("\(source) answered without expires_in or expires_on")
        }
        return AccessToken(token: Secret(token), expiresOn: expiry)
    }
}
