"""Request verification the way Azure Storage and Event Hubs do it (stdlib only).

Each check returns an AuthResult or raises AuthError carrying the HTTP status, the Azure error code
and a detail line. Nothing here logs or returns a secret: details name the string that was signed
(which holds no key) but never the key or the signature sent.

Sources: Azure's REST references "Authorize with Shared Key", "Create an account SAS" / "Create a
service SAS", "Authorize with Microsoft Entra ID" (Blob) and "Generate SAS token" (Event Hubs); the
signing vectors, produced with the Azure SDK, are in Tests/ServerlessKitTests/Azure/SharedKeySignerTests.swift.
"""

import base64
import datetime as dt
import email.utils
import hashlib
import hmac
import ipaddress
import urllib.parse

WELL_KNOWN_ACCOUNT = "devstoreaccount1"
WELL_KNOWN_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

# Shared Key requests must be dated within this window of the server clock (DOCS authorize-with-shared-key).
MAX_CLOCK_SKEW = dt.timedelta(minutes=15)

# Bearer tokens are only valid from this x-ms-version on (DOCS versioning-for-the-azure-storage-services).
BEARER_MIN_VERSION = "2017-11-09"

AUTH_FAILED_MESSAGE = (
    "Server failed to authenticate the request. Make sure the value of Authorization header "
    "is formed correctly including the signature."
)


class AuthError(Exception):
    def __init__(self, status, code, message, detail=None, headers=None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers or {}


class AuthResult:
    """Who the request is and what it may do. `permissions` is None for full access."""

    def __init__(self, kind, permissions=None, resource_types=None, container=None, blob=None):
        self.kind = kind  # sharedkey | sas-account | sas-service | bearer | anonymous | eventhubs-sas
        self.permissions = permissions
        self.resource_types = resource_types  # account SAS srt, e.g. "co"
        self.container = container  # service SAS scope
        self.blob = blob


def hmac_sha256_base64(key_bytes, text):
    return base64.b64encode(hmac.new(key_bytes, text.encode("utf-8"), hashlib.sha256).digest()).decode()


def failed(detail):
    return AuthError(403, "AuthenticationFailed", AUTH_FAILED_MESSAGE, detail)


# --- Shared Key ------------------------------------------------------------------------------------

# The service sorts canonical header names with a Windows-style collation, not byte order:
# '-' and "'" are ignored at first and only break ties; letters compare case-insensitively and
# come after digits, which come after the other symbols ('+' last among them). Header names only
# use HTTP token characters, so this table covers every legal name.
_PRIMARY_ORDER = "!#$%&*.^_`|~+0123456789abcdefghijklmnopqrstuvwxyz"
_TIE_BREAKERS = {"'": 1, "-": 2}


def _primary(ch):
    ch = ch.lower()
    if ch in _TIE_BREAKERS:
        return None
    index = _PRIMARY_ORDER.find(ch)
    if index < 0:
        raise ValueError("illegal character in header name: %r" % ch)
    return index


def compare_header_names(a, b):
    """Order two canonical header names as the Storage service does."""
    pa = [w for w in map(_primary, a) if w is not None]
    pb = [w for w in map(_primary, b) if w is not None]
    if pa != pb:
        return -1 if pa < pb else 1
    # Tie on letters and digits: walk both names position by position. At the first position where
    # they differ, a plain character sorts first; otherwise end-of-name < "'" < '-'.
    for i in range(max(len(a), len(b))):
        ta = _tie_weight(a, i)
        tb = _tie_weight(b, i)
        if ta == tb:
            continue
        if ta is None:
            return -1
        if tb is None:
            return 1
        return -1 if ta < tb else 1
    return 0


def _tie_weight(name, i):
    if i >= len(name):
        return 0
    return _TIE_BREAKERS.get(name[i])


def canonicalized_headers(headers):
    """headers: list of (name, value) as received. Returns the CanonicalizedHeaders block."""
    merged = {}
    for name, value in headers:
        lower = name.lower()
        if lower.startswith("x-ms-"):
            merged.setdefault(lower, []).append(value.strip())
    import functools

    names = sorted(merged, key=functools.cmp_to_key(compare_header_names))
    return "".join("%s:%s\n" % (n, ",".join(merged[n])) for n in names)


def parse_query(raw_query):
    """Query as (lowercased name -> list of decoded values), the way Shared Key canonicalises it."""
    result = {}
    if not raw_query:
        return result
    for part in raw_query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        name = urllib.parse.unquote_plus(name).lower()
        result.setdefault(name, []).append(urllib.parse.unquote_plus(value))
    return result


def canonicalized_resource(account, raw_path, raw_query):
    """'/' + account + path exactly as sent (path-style repeats the account) + sorted query lines."""
    text = "/" + account + (raw_path or "/")
    query = parse_query(raw_query)
    for name in sorted(query):
        text += "\n%s:%s" % (name, ",".join(sorted(query[name])))
    return text


def shared_key_string_to_sign(method, headers, account, raw_path, raw_query):
    def header(name):
        values = [v for n, v in headers if n.lower() == name]
        return ",".join(values)

    content_length = header("content-length")
    if content_length == "0":
        content_length = ""
    # With x-ms-date present the Date line stays empty (Azurite PR #2316; DOCS).
    date = "" if header("x-ms-date") else header("date")
    lines = [
        method.upper(),
        header("content-encoding"),
        header("content-language"),
        content_length,
        header("content-md5"),
        header("content-type"),
        date,
        header("if-modified-since"),
        header("if-match"),
        header("if-none-match"),
        header("if-unmodified-since"),
        header("range"),
    ]
    return "\n".join(lines) + "\n" + canonicalized_headers(headers) + canonicalized_resource(account, raw_path, raw_query)


def verify_shared_key(authorization, method, headers, path_account, raw_path, raw_query, keys, now):
    """authorization: the header value after 'SharedKey '. keys: account name -> base64 key."""
    account, sep, signature = authorization.partition(":")
    if not sep or not signature:
        raise AuthError(400, "InvalidAuthenticationInfo",
                        "Authentication information is not given in the correct format. "
                        "Check the value of Authorization header.")
    if account != path_account or account not in keys:
        raise failed("The account %s in the Authorization header does not match the account %s in the URL."
                     % (account, path_account))
    date_text = next((v for n, v in headers if n.lower() == "x-ms-date"), None) or \
        next((v for n, v in headers if n.lower() == "date"), None)
    if not date_text:
        raise failed("Request date header not specified.")
    try:
        date = email.utils.parsedate_to_datetime(date_text)
    except (TypeError, ValueError):
        date = None
    if date is None or date.tzinfo is None:
        raise failed("The Date header in the request is incorrect.")
    if now - date > MAX_CLOCK_SKEW:
        raise failed("Request date header too old: '%s'" % date_text)
    if date - now > MAX_CLOCK_SKEW:
        raise failed("Request date header too new: '%s'" % date_text)
    string_to_sign = shared_key_string_to_sign(method, headers, account, raw_path, raw_query)
    expected = hmac_sha256_base64(base64.b64decode(keys[account]), string_to_sign)
    if not hmac.compare_digest(expected, signature):
        raise failed("The MAC signature found in the HTTP request is not the same as any computed signature. "
                     "Server used following string to sign: '%s'." % string_to_sign)
    return AuthResult("sharedkey")


# --- SAS -------------------------------------------------------------------------------------------

def parse_sas_time(text):
    """ISO 8601 UTC as SAS accepts it: date, minutes, seconds or fractions, with a trailing Z."""
    formats = ["%Y-%m-%d", "%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ"]
    trimmed = text
    if "." in text and text.endswith("Z"):
        head, frac = text[:-1].split(".", 1)
        trimmed = head + "." + frac[:6] + "Z"  # .NET writes 7 fraction digits
    for fmt in formats:
        try:
            return dt.datetime.strptime(trimmed, fmt).replace(tzinfo=dt.timezone.utc)
        except ValueError:
            continue
    raise AuthError(400, "InvalidQueryParameterValue",
                    "Value for one of the query parameters specified in the request URI is invalid.",
                    "signed time %r is not a valid ISO 8601 UTC time" % text)


def _sas_value(query, name):
    values = query.get(name)
    return values[0] if values else ""


def account_sas_string_to_sign(account, q):
    fields = [account, q("sp"), q("ss"), q("srt"), q("st"), q("se"), q("sip"), q("spr"), q("sv")]
    if q("sv") >= "2020-12-06":  # the encryption-scope line arrived with 2020-12-06
        fields.append(q("ses"))
    return "\n".join(fields) + "\n"


def service_sas_string_to_sign(account, container, blob, q):
    sv = q("sv")
    if sv >= "2015-02-21":
        resource = "/blob/%s/%s" % (account, container)
    else:
        resource = "/%s/%s" % (account, container)
    if q("sr") in ("b", "bs", "bv"):
        resource += "/" + blob
    fields = [q("sp"), q("st"), q("se"), resource, q("si"), q("sip"), q("spr"), sv]
    if sv >= "2018-11-09":
        fields += [q("sr"), q("sst")]  # signed resource and snapshot time
    if sv >= "2020-12-06":
        fields.append(q("ses"))
    fields += [q("rscc"), q("rscd"), q("rsce"), q("rscl"), q("rsct")]
    return "\n".join(fields)


def verify_sas(query, account, container, blob, keys, now, is_https, client_ip):
    """query: parse_query() of the request. Returns an AuthResult scoped to what the SAS grants."""
    def q(name):
        return _sas_value(query, name)

    if not q("sv"):
        raise failed("sv is mandatory. Cannot be empty")
    if account not in keys:
        raise failed("Unknown account %s." % account)
    if q("si"):
        raise failed("Stored access policies (si) are not supported by this test server.")
    if not q("se"):
        raise failed("se is mandatory. Cannot be empty")
    expiry = parse_sas_time(q("se"))
    start = parse_sas_time(q("st")) if q("st") else None
    if now > expiry or (start is not None and now < start):
        raise failed("Signature not valid in the specified time frame: Start [%s] - Expiry [%s] - Current [%s]"
                     % (q("st"), q("se"), now.strftime("%a, %d %b %Y %H:%M:%S GMT")))

    key = base64.b64decode(keys[account])
    is_account_sas = bool(q("ss") or q("srt"))
    if is_account_sas:
        string_to_sign = account_sas_string_to_sign(account, q)
    else:
        if q("sr") not in ("c", "b", "bs", "bv"):
            raise failed("Missing or unsupported signed resource sr=%r." % q("sr"))
        string_to_sign = service_sas_string_to_sign(account, container or "", blob or "", q)
    if not hmac.compare_digest(hmac_sha256_base64(key, string_to_sign), q("sig")):
        raise failed("Signature fields not well formed or signature did not match. "
                     "Server used following string to sign: '%s'." % string_to_sign)

    if q("spr") == "https" and not is_https:
        raise AuthError(403, "AuthorizationProtocolMismatch",
                        "This request is not authorized to perform this operation using this protocol.")
    if q("sip") and not _ip_allowed(q("sip"), client_ip):
        raise AuthError(403, "AuthorizationSourceIPMismatch",
                        "This request is not authorized to perform this operation using this source IP %s."
                        % client_ip)
    if is_account_sas:
        if "b" not in q("ss"):
            raise AuthError(403, "AuthorizationServiceMismatch",
                            "This request is not authorized to perform this operation using this service.")
        return AuthResult("sas-account", permissions=q("sp"), resource_types=q("srt"))
    return AuthResult("sas-service", permissions=q("sp"), container=container,
                      blob=blob if q("sr") != "c" else None)


def _ip_allowed(sip, client_ip):
    low, _, high = sip.partition("-")
    try:
        ip = ipaddress.ip_address(client_ip)
        return ipaddress.ip_address(low) <= ip <= ipaddress.ip_address(high or low)
    except ValueError:
        return False


# --- Event Hubs SAS --------------------------------------------------------------------------------

def eventhubs_error(code, detail):
    return AuthError(401, str(code), detail)


def normalise_resource(uri):
    """Scheme-less, lowercase, no trailing slash: sb://, https:// and amqps:// name the same entity."""
    text = uri.strip().lower()
    if "://" in text:
        text = text.split("://", 1)[1]
    return text.rstrip("/")


def resource_covers(token_resource, requested):
    """True when the token's resource is the requested resource or a path prefix of it."""
    granted = normalise_resource(token_resource)
    wanted = normalise_resource(requested)
    if wanted == granted or wanted.startswith(granted + "/"):
        return True
    # A token for the bare host (no port) covers the same host on any port.
    host, _, rest = wanted.partition("/")
    if ":" in host:
        portless = host.split(":", 1)[0] + ("/" + rest if rest else "")
        return portless == granted or portless.startswith(granted + "/")
    return False


def eventhubs_sas_signature(key, encoded_resource, expiry):
    """Signature of an Event Hubs SAS: the key string's UTF-8 bytes, not base64-decoded (azure-eventhub `_pyamqp/utils.py` `generate_sas_token`)."""
    return hmac_sha256_base64(key.encode("utf-8"), "%s\n%s" % (encoded_resource, expiry))


def verify_eventhubs_sas(token, requested_resources, policies, now_epoch):
    """token: the part after 'SharedAccessSignature '. requested_resources: URIs that name the target."""
    fields = {}
    for part in token.split("&"):
        name, _, value = part.partition("=")
        fields[name.strip().lower()] = value.strip()
    for required in ("sr", "sig", "se", "skn"):
        if required not in fields:
            raise eventhubs_error(401, "InvalidSignature: The token is missing the '%s' field." % required)
    policy = urllib.parse.unquote(fields["skn"])
    if policy not in policies:
        raise eventhubs_error(401, "InvalidSignature: The token has an invalid signature (unknown key name '%s')."
                              % policy)
    # sr is signed exactly as it appears in the token, still URL-encoded.
    expected = eventhubs_sas_signature(policies[policy], fields["sr"], fields["se"])
    if not hmac.compare_digest(expected, urllib.parse.unquote(fields["sig"])):
        raise eventhubs_error(401, "InvalidSignature: The token has an invalid signature.")
    try:
        expiry = int(fields["se"])
    except ValueError:
        raise eventhubs_error(401, "InvalidSignature: The token expiry '%s' is not a number." % fields["se"])
    if expiry <= now_epoch:
        raise eventhubs_error(401, "ExpiredToken: The token is expired. Expiration time: '%s'"
                              % dt.datetime.fromtimestamp(expiry, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ"))
    resource = urllib.parse.unquote(fields["sr"])
    if not any(resource_covers(resource, wanted) for wanted in requested_resources):
        raise eventhubs_error(401, "InvalidAudience: The token audience '%s' does not cover the requested "
                              "resource." % resource)
    return AuthResult("eventhubs-sas")


def make_eventhubs_sas(resource_uri, policy, key, expiry, lowercase_encoding=False):
    """A token as the SDKs build it: quote_plus(resource) (Go lowercases the escapes)."""
    encoded = urllib.parse.quote_plus(resource_uri)
    if lowercase_encoding:
        encoded = encoded.lower()
    signature = eventhubs_sas_signature(key, encoded, expiry)
    return "SharedAccessSignature sr=%s&sig=%s&se=%s&skn=%s" % (
        encoded, urllib.parse.quote_plus(signature), expiry, urllib.parse.quote_plus(policy))
