"""Entra ID for the Azure test server (stdlib only): the token endpoint, the managed identity endpoints,
and the bearer checks Blob Storage and Event Hubs make.

Endpoints (served by azure_server.py on its one port):
  POST /{tenant}/oauth2/v2.0/token    client credentials grant with client_secret, or with a
                                      client_assertion (workload identity), form-encoded
  GET  /{tenant}/v2.0/.well-known/openid-configuration   what MSAL asks before its first token
  GET  /metadata/identity/oauth2/token?api-version=2018-02-01&resource=R   IMDS (header Metadata: true)
  GET  /msi/token?api-version=2019-08-01&resource=R       App Service (header X-IDENTITY-HEADER)

Tokens are JWTs signed HS256 with SIGNING_KEY (Entra signs RS256; these servers only need to know their
own tokens): aud is the resource without `/.default` (v1 tokens, as Storage and Event Hubs get them), iss
`https://sts.windows.net/{tenant}/`, appid/oid the client, exp/nbf/iat. Storage accepts aud
https://storage.azure.com[/], Event Hubs https://eventhubs.azure.net[/]. Refusals use Azure's words:
Blob 401 InvalidAuthenticationInfo with "Audience validation failed. Audience did not match." or
"Lifetime validation failed. The token is expired." in AuthenticationErrorDetail, 403
AuthorizationPermissionMismatch without a data-plane role; Event Hubs 401 ExpiredToken / InvalidAudience /
"'Listen' claim(s) are required".

The client_assertion of a workload identity must be a JWT whose sub matches the client's federated
credential (--federated CLIENT:SUBJECT) and whose aud is api://AzureADTokenExchange, as Entra checks a
Kubernetes service account token; its signature is not checked (Entra checks it against the issuer's keys).

Error texts: the AADSTS codes and words Entra answers with (AADSTS7000215 invalid secret, AADSTS700016
unknown application, AADSTS70021 no matching federated identity record, AADSTS90002 tenant not found).
Nothing here logs a secret, an assertion or a token.
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import uuid

SIGNING_KEY = b"kubectl-serverless test signing key; not a secret of any real service"
ASSERTION_AUDIENCE = "api://AzureADTokenExchange"
STORAGE = "storage"
EVENTHUBS = "eventhubs"
AUDIENCES = {
    STORAGE: {"https://storage.azure.com", "https://storage.azure.com/"},
    EVENTHUBS: {"https://eventhubs.azure.net", "https://eventhubs.azure.net/"},
}
ROLE_NAMES = {STORAGE: "Storage Blob Data Reader", EVENTHUBS: "Azure Event Hubs Data Receiver"}


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def jwt(claims, key=SIGNING_KEY):
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = _b64(hmac.new(key, ("%s.%s" % (header, payload)).encode(), hashlib.sha256).digest())
    return "%s.%s.%s" % (header, payload, signature)


def claims_of(token):
    """The payload of a JWT, or None when it is not one."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        return json.loads(_unb64(parts[1]))
    except ValueError:
        return None


def signature_ok(token, key=SIGNING_KEY):
    parts = token.split(".")
    if len(parts) != 3:
        return False
    expected = _b64(hmac.new(key, ("%s.%s" % (parts[0], parts[1])).encode(), hashlib.sha256).digest())
    return hmac.compare_digest(expected, parts[2])


def mint_access_token(resource, client_id, tenant="test-tenant", lifetime=3600, now=None):
    """An access token as Entra would issue for `resource` (v1 audience: no /.default)."""
    now = int(now if now is not None else time.time())
    audience = resource[: -len(".default")] if resource.endswith(".default") else resource
    return jwt({"aud": audience.rstrip("/"), "iss": "https://sts.windows.net/%s/" % tenant, "iat": now,
                "nbf": now, "exp": now + lifetime, "appid": client_id, "oid": client_id, "tid": tenant,
                "ver": "1.0"})


def mint_service_account_token(subject, issuer="https://oidc.test.example/", lifetime=3600):
    """A projected Kubernetes service account token as the workload identity webhook mounts it."""
    now = int(time.time())
    return jwt({"aud": [ASSERTION_AUDIENCE], "iss": issuer, "sub": subject, "iat": now, "nbf": now,
                "exp": now + lifetime}, key=b"the cluster's own key")


class IdentityError(Exception):
    def __init__(self, status, body):
        super().__init__(body.get("error", str(status)))
        self.status = status
        self.body = body


def aad_error(status, error, code, description):
    return IdentityError(status, {
        "error": error, "error_codes": [code],
        "error_description": "AADSTS%d: %s\r\nTrace ID: %s\r\nCorrelation ID: %s\r\nTimestamp: %s" % (
            code, description, uuid.uuid4(), uuid.uuid4(), time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime())),
        "timestamp": time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime()),
        "trace_id": str(uuid.uuid4()), "correlation_id": str(uuid.uuid4()),
    })


class Directory:
    """The tenant, its applications and identities, and their data-plane roles."""

    def __init__(self, tenants=(), clients=(), federated=(), managed_identity=None, identity_header=None,
                 roles=(), lifetime=3600):
        self.tenants = set(tenants)
        self.secrets = {}
        for spec in clients:
            client, _, secret = spec.partition(":")
            self.secrets[client] = secret
        self.subjects = {}
        for spec in federated:
            client, _, subject = spec.partition(":")
            self.subjects[client] = subject
        self.managed_identity = managed_identity
        self.identity_header = identity_header
        # principal -> set of services it holds a reader role on; principals not listed hold both
        self.roles = {}
        for spec in roles:
            principal, _, services = spec.partition("=")
            self.roles[principal] = {s for s in services.split(",") if s}
        self.lifetime = lifetime

    def has_role(self, principal, service):
        return service in self.roles.get(principal, {STORAGE, EVENTHUBS})

    # --- token endpoints ---

    def client_credentials(self, tenant, form):
        """-> (kind, response dict). kind names the credential for the request log."""
        def one(name):
            values = form.get(name) or []
            return values[0] if values else None

        if tenant not in self.tenants:
            raise aad_error(400, "invalid_request", 90002,
                            "Tenant '%s' not found. Check to make sure you have the correct tenant ID and are "
                            "signing into the correct cloud." % tenant)
        if one("grant_type") != "client_credentials":
            raise aad_error(400, "unsupported_grant_type", 70003,
                            "The app requested an unsupported grant type '%s'." % one("grant_type"))
        scope = one("scope") or ""
        if not scope.endswith("/.default"):
            raise aad_error(400, "invalid_scope", 1002012,
                            "The provided value for scope %s is not valid. Client credential flows must have a "
                            "scope value with /.default suffixed to the resource identifier (application ID URI)."
                            % scope)
        client = one("client_id") or ""
        if one("client_secret") is not None:
            kind = "client-secret"
            if client not in self.secrets:
                raise self._unknown_client(client, tenant)
            if not hmac.compare_digest(one("client_secret"), self.secrets[client]):
                raise aad_error(401, "invalid_client", 7000215,
                                "Invalid client secret provided. Ensure the secret being sent in the request is the "
                                "client secret value, not the client secret ID, for a secret added to app '%s'."
                                % client)
        elif one("client_assertion") is not None:
            kind = "client-assertion"
            if one("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
                raise aad_error(400, "invalid_request", 700010, "Invalid client assertion type.")
            if client not in self.subjects:
                raise self._unknown_client(client, tenant)
            claims = claims_of(one("client_assertion")) or {}
            audiences = claims.get("aud") if isinstance(claims.get("aud"), list) else [claims.get("aud")]
            if claims.get("sub") != self.subjects[client] or ASSERTION_AUDIENCE not in audiences:
                raise aad_error(400, "invalid_client", 70021,
                                "No matching federated identity record found for presented assertion. Assertion "
                                "Issuer: '%s'. Assertion Subject: '%s'. Assertion Audience: '%s'."
                                % (claims.get("iss"), claims.get("sub"), ",".join(str(a) for a in audiences)))
            if int(claims.get("exp", 0)) < time.time():
                raise aad_error(400, "invalid_client", 700024, "Client assertion is not within its valid time range.")
        else:
            raise aad_error(400, "invalid_client", 7000218,
                            "The request body must contain the following parameter: 'client_assertion' or "
                            "'client_secret'.")
        token = mint_access_token(scope, client, tenant, self.lifetime)
        return kind, {"token_type": "Bearer", "expires_in": self.lifetime, "ext_expires_in": self.lifetime,
                      "access_token": token}

    def _unknown_client(self, client, tenant):
        return aad_error(400, "unauthorized_client", 700016,
                         "Application with identifier '%s' was not found in the directory '%s'. This can happen "
                         "if the application has not been installed by the administrator of the tenant or "
                         "consented to by any user in the tenant." % (client, tenant))

    def openid_configuration(self, base, tenant):
        return {
            "token_endpoint": "%s/%s/oauth2/v2.0/token" % (base, tenant),
            "authorization_endpoint": "%s/%s/oauth2/v2.0/authorize" % (base, tenant),
            "issuer": "%s/%s/v2.0" % (base, tenant),
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "tenant_region_scope": "WW",
        }

    def imds(self, query, headers):
        """IMDS: Metadata: true, api-version, resource. Every value a string, as IMDS sends them."""
        if (headers.get("Metadata") or "").lower() != "true":
            raise IdentityError(400, {"error": "invalid_request",
                                      "error_description": "Required metadata header not specified"})
        return self._managed(query, expires_in_field=True)

    def app_service(self, query, headers):
        if self.identity_header is None or headers.get("X-IDENTITY-HEADER") != self.identity_header:
            raise IdentityError(401, {"statusCode": 401, "message": "Unauthorized: the X-IDENTITY-HEADER is missing or wrong."})
        return self._managed(query, expires_in_field=False)

    def _managed(self, query, expires_in_field):
        resource = (query.get("resource") or [""])[0]
        client = (query.get("client_id") or [self.managed_identity])[0]
        if not self.managed_identity or client != self.managed_identity:
            raise IdentityError(400, {"error": "invalid_request",
                                      "error_description": "Identity not found"})
        if not resource:
            raise IdentityError(400, {"error": "invalid_request",
                                      "error_description": "Required query variable 'resource' is missing"})
        now = int(time.time())
        body = {"access_token": mint_access_token(resource, client, "managed-tenant", self.lifetime, now),
                "client_id": client, "expires_on": str(now + self.lifetime), "resource": resource,
                "token_type": "Bearer"}
        if expires_in_field:
            body.update({"expires_in": str(self.lifetime), "ext_expires_in": str(self.lifetime),
                         "not_before": str(now)})
        return body

    # --- bearer checks on the data planes ---

    def check_bearer(self, token, service):
        """-> principal, or raises (reason, status) as ValueError-like BearerRefused."""
        claims = claims_of(token)
        if claims is None or not signature_ok(token):
            raise BearerRefused("signature", 401)
        if claims.get("aud") not in AUDIENCES[service]:
            raise BearerRefused("audience", 401, claims.get("aud"))
        if int(claims.get("exp", 0)) <= time.time():
            raise BearerRefused("expired", 401, claims.get("exp"))
        principal = claims.get("oid") or claims.get("appid")
        if not self.has_role(principal, service):
            raise BearerRefused("role", 403 if service == STORAGE else 401)
        return principal


class BearerRefused(Exception):
    def __init__(self, reason, status, value=None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.value = value


def parse_form(body):
    return urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
