#!/usr/bin/env python3
"""A small Azure Blob Storage + Event Hubs REST test server that checks requests the way Azure does.

Stdlib only. Prints `READY <port>` on stdout once it listens on 127.0.0.1 and writes nothing else
there (diagnostics go to stderr with --verbose). HTTP/1.1 with keep-alive; HTTPS with --cert/--key.

Path layout (one port serves everything):
  /{account}/{container}[/{blob}]   Blob service, path-style like Azurite. The first path segment
                                    must be a known account: devstoreaccount1 (well-known key) or
                                    one given with --account name:base64key.
  /__admin/...                      test control (not Azure; never in the request log):
      GET    /__admin/log           the request log as a JSON array      DELETE clears it
      GET    /__admin/faults        active faults   PUT replaces them (JSON list)   DELETE clears
      GET    /__admin/hubs          configured hubs  PUT /__admin/hubs/{name} adds or replaces one
      PUT    /__admin/blobs/{account}/{container}   bulk fixtures: JSON [{"name", "body", "metadata"}]
      POST   /__admin/reset         forget all containers, blobs and the log
  /{tenant}/oauth2/v2.0/token, /metadata/identity/oauth2/token, /msi/token
                                    Entra ID: token endpoint, IMDS and App Service managed identity
                                    (azure_identity.py; --tenant, --client, --federated,
                                    --managed-identity, --identity-header, --roles, --token-lifetime)
  anything else                     Event Hubs runtime REST on the namespace root:
      GET /{hub}?api-version=...                                   Atom entry, EventHubDescription
      GET /{hub}/consumergroups/{cg}/partitions?api-version=...    Atom feed of PartitionDescription
      GET /{hub}/consumergroups/{cg}/partitions/{id}?api-version=  Atom entry, PartitionDescription
    LastEnqueuedOffset/TimeUtc are only present for api-version >= 2015-01; a missing
    api-version is treated as 2014-01.

Blob operations: List Containers (GET ?comp=list, names only), Create Container (PUT ?restype=container),
Get Container Properties/Metadata,
Delete Container, List Blobs (prefix, delimiter, marker, maxresults <= 5000, include=metadata,
Encoded names), Put Blob (BlockBlob), Set/Get Blob Metadata (?comp=metadata), Get Blob (with
x-ms-range/Range), Get Blob Properties (HEAD), Delete Blob. Writes honour If-Match/If-None-Match
(412 ConditionNotMet; Put Blob with If-None-Match: * on an existing blob gives 409
BlobAlreadyExists). Note Azurite lets Set Blob Metadata with If-None-Match: * pass on an existing
blob; this server follows the documented rule and answers 412.

Authentication, as Azure:
  Shared Key (path-style canonical resource repeats the account; x-ms-date within 15 minutes),
  account SAS and service SAS (signature over the string-to-sign of the request's `sv`, se/st,
  sp against the operation, srt/sr against the resource, spr, sip), Entra ID tokens this server issued (audience,
  expiry, data-plane role: azure_identity.py), bearer tokens listed with
  --bearer-token TOKEN[:reader] (reader may only read and list; accepted over plain HTTP too,
  which real Azure and the SDKs refuse), Event Hubs SAS tokens (key used as raw UTF-8; sr must
  cover the requested URI on this host, any scheme; se not past; skn a --eventhub-policy).
  Anonymous blob requests get 404 ResourceNotFound, which is what Azure answers for private
  containers so that their existence is not revealed (Azure/azure-storage-cpp#397).
  Failures carry the Azure error body and x-ms-error-code (Blob) or <Error><Code>401</Code>
  (Event Hubs).

Faults: --fault KIND[:key=value...], see azure_faults.py (latency, throttle, drop, reset,
truncate, malformed-xml, short-page, big, trickle, padded-headers; selectors first=, every=, method=, path=, service=).

Request log: every Azure request (not /__admin) as one JSON object per line in --log FILE and
at GET /__admin/log: seq, time, service, method, path, query (sig redacted), status, auth,
operation, error code, version, fault. Secrets (keys, signatures, tokens) are never logged.

Examples:
  azure_server.py --hub orders:partitions=4:last=100,200,-1,5:begin=0,0,-1,0 \\
      --eventhub-policy RootManageSharedAccessKey:c2VjcmV0 --log /tmp/azure.log
  azure_server.py --fault throttle:status=503:first=2:retry-after=1 --fault latency:ms=50
"""

import argparse
import datetime as dt
import http.server
import json
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import uuid
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import azure_auth as auth  # noqa: E402
import azure_blob_store as store  # noqa: E402
import azure_eventhubs as eh  # noqa: E402
import azure_faults as faults  # noqa: E402
import azure_identity as identity  # noqa: E402
import request_log  # noqa: E402

DEFAULT_VERSION = "2021-08-06"

# Operation -> (account SAS resource type, SAS permission letters of which one is needed).
OPERATIONS = {
    "CreateContainer": ("c", "cw"),
    "GetContainerProperties": ("c", "r"),
    "GetContainerMetadata": ("c", "r"),
    "DeleteContainer": ("c", "d"),
    "ListBlobs": ("c", "l"),
    "ListContainers": ("s", "l"),
    "PutBlob": ("o", "w"),  # "c" also allowed when the blob is new, see authorize()
    "SetBlobMetadata": ("o", "w"),
    "GetBlob": ("o", "r"),
    "GetBlobProperties": ("o", "r"),
    "GetBlobMetadata": ("o", "r"),
    "DeleteBlob": ("o", "d"),
}
READER_PERMISSIONS = "rl"


class RequestLog:
    def __init__(self, path):
        self.lock = threading.Lock()
        self.entries = []
        self.path = path
        if path:
            open(path, "w").close()

    def add(self, entry):
        with self.lock:
            entry["seq"] = len(self.entries) + 1
            self.entries.append(entry)
            if self.path:
                with open(self.path, "a") as f:
                    f.write(json.dumps(entry, sort_keys=True) + "\n")

    def clear(self):
        with self.lock:
            self.entries = []
            if self.path:
                open(self.path, "w").close()

    def snapshot(self):
        with self.lock:
            return list(self.entries)


class Settings:
    def __init__(self, args):
        self.keys = {auth.WELL_KNOWN_ACCOUNT: auth.WELL_KNOWN_KEY}
        for spec in args.account:
            name, _, key = spec.partition(":")
            self.keys[name] = key
        self.bearer = {}
        for spec in args.bearer_token:
            token, _, role = spec.partition(":")
            self.bearer[token] = role or "contributor"
        self.policies = {}
        for spec in args.eventhub_policy:
            name, _, key = spec.partition(":")
            self.policies[name] = key
        self.namespaces = [n.lower() for n in args.eventhub_namespace]
        self.hubs_lock = threading.Lock()
        self.hubs = {}
        if args.hubs_file:
            with open(args.hubs_file) as f:
                loaded = json.load(f)
            for obj in loaded.get("hubs", loaded) if isinstance(loaded, dict) else loaded:
                hub = eh.hub_from_json(obj)
                self.hubs[hub.name.lower()] = hub
        for spec in args.hub:
            hub = eh.parse_hub_spec(spec)
            self.hubs[hub.name.lower()] = hub
        self.directory = identity.Directory(
            tenants=args.tenant, clients=args.client, federated=args.federated,
            managed_identity=args.managed_identity, identity_header=args.identity_header, roles=args.roles,
            lifetime=args.token_lifetime)
        self.store = store.BlobStore(self.keys)
        self.faults = faults.FaultPlan(faults.parse_fault(s) for s in args.fault)
        self.log = RequestLog(args.log)
        self.verbose = args.verbose


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0"
    sys_version = ""

    # --- plumbing ---

    def setup(self):
        context = getattr(self.server, "ssl_context", None)
        if context is not None:
            self.request = context.wrap_socket(self.request, server_side=True)
        super().setup()

    @property
    def settings(self):
        return self.server.settings

    def parse_request(self):
        parsed = super().parse_request()
        if parsed:  # every request, admin calls too: the read-only proof tells them apart by User-Agent
            request_log.record("azure", self.command, self.path, self.headers.get("User-Agent"))
        return parsed

    def log_message(self, fmt, *args):
        if self.settings.verbose:
            sys.stderr.write("azure_server: " + (fmt % args) + "\n")

    def do_GET(self):
        self.dispatch()

    do_HEAD = do_PUT = do_DELETE = do_POST = do_GET

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def dispatch(self):
        raw_path, _, raw_query = self.path.partition("?")
        self.raw_path, self.raw_query = raw_path, raw_query
        self.query = auth.parse_query(raw_query)
        self.body = self.read_body()
        self.request_id = str(uuid.uuid4())
        self.entry = None
        if raw_path.startswith("/__admin"):
            return self.admin()
        first = urllib.parse.unquote(raw_path.lstrip("/").split("/", 1)[0])
        blob_like = first in self.settings.keys or "x-ms-version" in self.headers or "sv" in self.query
        service = "identity" if is_identity_path(raw_path) else "blob" if blob_like else "eventhubs"
        self.entry = {
            "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
            "service": service,
            "method": self.command,
            "path": raw_path,
            "query": {k: ("REDACTED" if k == "sig" else ",".join(v)) for k, v in self.query.items()},
            "status": None,
            "auth": None,
            "operation": None,
            "error": None,
            "version": self.headers.get("x-ms-version") or (self.query.get("api-version") or [None])[0],
            "fault": None,
        }
        fired = self.settings.faults.firing(self.command, raw_path, service)
        self.fired = fired
        if "latency" in fired:
            time.sleep(fired["latency"].get("ms", 0) / 1000.0)
        if "drop" in fired:
            self.entry["fault"] = "drop"
            self.settings.log.add(self.entry)
            self.close_connection = True
            return
        if "throttle" in fired:
            fault = fired["throttle"]
            self.entry["fault"] = "throttle"
            status = fault.get("status", 503)
            retry = str(fault.get("retry-after", 1))
            if service == "blob":
                return self.storage_error(store.StorageError(
                    status, "ServerBusy", "The server is busy.", headers={"Retry-After": retry}))
            return self.respond(status, [("Retry-After", retry), ("Content-Type", "application/xml; charset=utf-8")],
                                eh.error_xml(status, "ServerBusy: The request was throttled."))
        try:
            if service == "identity":
                self.identity_request(first)
            elif service == "blob":
                self.blob_request(first)
            else:
                self.eventhubs_request()
        except store.StorageError as error:
            self.storage_error(error)
        except (ConnectionError, socket.timeout):
            raise
        except auth.AuthError as error:
            if service == "blob":
                extra = {"AuthenticationErrorDetail": error.detail} if error.detail else {}
                self.storage_error(store.StorageError(error.status, error.code, error.message, extra, error.headers))
            else:
                self.entry["error"] = error.code
                self.respond(error.status, [("Content-Type", "application/xml; charset=utf-8")],
                             eh.error_xml(error.status, error.message))
        except Exception:  # a bug here must show up as a 500 the test sees, not a silent hang-up
            import traceback

            traceback.print_exc(file=sys.stderr)
            self.storage_error(store.StorageError(500, "InternalError", "The server encountered an internal error."))

    def respond(self, status, headers, body=b"", head_only=False):
        """Send one response; body faults (reset, truncate, malformed-xml) are applied here."""
        fired = getattr(self, "fired", {})
        if "malformed-xml" in fired and body:
            body = body[: max(1, len(body) - len(body) // 3)]
            self.mark_fault("malformed-xml")
        declared = len(body)
        out = ["HTTP/1.1 %d %s\r\n" % (status, self.responses.get(status, ("",))[0])]
        names = {n.lower() for n, _ in headers}
        base = [("Server", self.server_version), ("Date", store.http_date(dt.datetime.now(dt.timezone.utc)))]
        if self.entry is not None and self.entry["service"] == "blob":
            base += [("x-ms-request-id", self.request_id),
                     ("x-ms-version", self.headers.get("x-ms-version") or
                      (self.query.get("sv") or [DEFAULT_VERSION])[0])]
            if "x-ms-client-request-id" in self.headers:
                base.append(("x-ms-client-request-id", self.headers["x-ms-client-request-id"]))
        lines = base + list(headers)
        if "content-length" not in names:
            lines.append(("Content-Length", declared))
        padding = ("", "")
        if "padded-headers" in fired:
            padding = (" \t", "\t ")
            self.mark_fault("padded-headers")
        if self.close_connection:
            lines.append(("Connection", "close"))
        for name, value in lines:
            out.append("%s: %s%s%s\r\n" % (name, padding[0], value, padding[1]))
        out.append("\r\n")
        payload = "".join(out).encode("latin-1")
        if self.entry is not None:
            self.entry["status"] = status
            self.settings.log.add(self.entry)
        send_body = b"" if (head_only or self.command == "HEAD") else body
        if "big" in fired or "trickle" in fired:
            return self.stream_fault(status, headers, send_body, fired)
        if send_body and ("reset" in fired or "truncate" in fired):
            kind = "reset" if "reset" in fired else "truncate"
            self.mark_fault(kind)
            self.wfile.write(payload + send_body[: len(send_body) // 2])
            self.close_connection = True
            if kind == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            return
        self.wfile.write(payload + send_body)

    def stream_fault(self, status, headers, body, fired):
        """`big`: a 200 far larger than any client should take. `trickle`: the real answer, one byte at a time."""
        self.close_connection = True
        kind = "big" if "big" in fired else "trickle"
        self.mark_fault(kind)
        if self.entry is not None:
            self.entry["status"] = 200 if kind == "big" else status
            self.settings.log.add(self.entry)
        if kind == "big":
            stream_big(self.wfile, fired["big"].get("size", 70 << 20), "application/xml")
        else:
            trickle(self.wfile, status, headers, body or b"<x/>", fired["trickle"].get("interval", 1000))

    def mark_fault(self, kind):
        if self.entry is not None:
            self.entry["fault"] = kind

    def storage_error(self, error):
        if self.entry is not None:
            self.entry["error"] = error.code
        body = store.error_xml(error.code, error.message, self.request_id, error.extra)
        headers = [("x-ms-error-code", error.code), ("Content-Type", "application/xml")]
        headers += list(error.headers.items())
        if self.command == "HEAD" or error.status == 304:
            headers.append(("Content-Length", "0"))
            body = b""
        self.respond(error.status, headers, body)

    # --- Blob service ---

    def blob_request(self, account):
        segments = self.raw_path.lstrip("/").split("/")
        if account not in self.settings.keys:
            raise store.StorageError(404, "ResourceNotFound", "The specified account %s does not exist." % account)
        container = urllib.parse.unquote(segments[1]) if len(segments) > 1 else ""
        blob = urllib.parse.unquote("/".join(segments[2:])) if len(segments) > 2 else ""
        operation = self.blob_operation(container, blob)
        self.entry["operation"] = operation
        result = self.authenticate_blob(account, container, blob)
        self.entry["auth"] = result.kind
        with self.settings.store.lock:
            self.authorize(result, operation, account, container, blob)
            getattr(self, "op_" + operation)(account, container, blob)

    def blob_operation(self, container, blob):
        q = self.query
        restype = (q.get("restype") or [""])[0]
        comp = (q.get("comp") or [""])[0]
        method = self.command
        if not container and not blob and method == "GET" and comp == "list":
            return "ListContainers"
        if container and not blob and restype == "container":
            table = {("PUT", ""): "CreateContainer", ("GET", ""): "GetContainerProperties",
                     ("HEAD", ""): "GetContainerProperties", ("GET", "metadata"): "GetContainerMetadata",
                     ("HEAD", "metadata"): "GetContainerMetadata", ("DELETE", ""): "DeleteContainer",
                     ("GET", "list"): "ListBlobs"}
            if (method, comp) in table:
                return table[(method, comp)]
        if container and blob:
            table = {("PUT", ""): "PutBlob", ("PUT", "metadata"): "SetBlobMetadata", ("GET", ""): "GetBlob",
                     ("HEAD", ""): "GetBlobProperties", ("GET", "metadata"): "GetBlobMetadata",
                     ("HEAD", "metadata"): "GetBlobMetadata", ("DELETE", ""): "DeleteBlob"}
            if (method, comp) in table:
                return table[(method, comp)]
        raise store.StorageError(400, "InvalidUri", "The requested URI does not represent any resource on the server.")

    def authenticate_blob(self, account, container, blob):
        now = dt.datetime.now(dt.timezone.utc)
        authorization = self.headers.get("Authorization")
        headers = list(self.headers.items())
        version = self.headers.get("x-ms-version")
        if authorization:
            scheme, _, value = authorization.partition(" ")
            if scheme in ("SharedKey", "Bearer") and not version:
                raise store.StorageError(400, "MissingRequiredHeader",
                                         "An HTTP header that's mandatory for this request is not specified.",
                                         {"HeaderName": "x-ms-version"})
            self.entry["auth"] = {"SharedKey": "sharedkey", "Bearer": "bearer"}.get(scheme, "unknown")
            if scheme == "SharedKey":
                return auth.verify_shared_key(value.strip(), self.command, headers, account, self.raw_path,
                                              self.raw_query, self.settings.keys, now)
            if scheme == "Bearer" and identity.claims_of(value.strip()) is not None:
                if version < auth.BEARER_MIN_VERSION:
                    raise auth.AuthError(403, "AuthenticationFailed", auth.AUTH_FAILED_MESSAGE,
                                         "Bearer tokens need x-ms-version %s or later." % auth.BEARER_MIN_VERSION)
                self.verify_entra_token(value.strip(), identity.STORAGE)
                return auth.AuthResult("bearer", permissions=READER_PERMISSIONS)
            if scheme == "Bearer":
                role = self.settings.bearer.get(value.strip())
                if role is None:
                    raise auth.AuthError(
                        401, "InvalidAuthenticationInfo",
                        "Server failed to authenticate the request. Please refer to the information in the "
                        "www-authenticate header.", "Issuer validation failed or the token is not known.",
                        {"WWW-Authenticate": "Bearer authorization_uri=https://login.microsoftonline.com/"
                                             "00000000-0000-0000-0000-000000000000/oauth2/authorize "
                                             "resource_id=https://storage.azure.com"})
                if version < auth.BEARER_MIN_VERSION:
                    raise auth.AuthError(403, "AuthenticationFailed", auth.AUTH_FAILED_MESSAGE,
                                         "Bearer tokens need x-ms-version %s or later." % auth.BEARER_MIN_VERSION)
                return auth.AuthResult("bearer", permissions=None if role == "contributor" else READER_PERMISSIONS)
            raise auth.AuthError(400, "InvalidAuthenticationInfo",
                                 "Authentication information is not given in the correct format. "
                                 "Check the value of Authorization header.")
        if "sig" in self.query:
            self.entry["auth"] = "sas-account" if ("ss" in self.query or "srt" in self.query) else "sas-service"
            is_https = getattr(self.server, "ssl_context", None) is not None
            return auth.verify_sas(self.query, account, container, blob, self.settings.keys, now, is_https,
                                   self.client_address[0])
        self.entry["auth"] = "anonymous"
        raise store.StorageError(404, "ResourceNotFound", "The specified resource does not exist.")

    def authorize(self, result, operation, account, container, blob):
        resource_type, letters = OPERATIONS[operation]
        if operation == "PutBlob":
            exists = blob in self.settings.store.accounts[account].get(container, store.Container({})).blobs
            letters = "w" if exists else "cw"
        if result.kind == "sas-account" and resource_type not in (result.resource_types or ""):
            raise store.StorageError(403, "AuthorizationResourceTypeMismatch",
                                     "This request is not authorized to perform this operation using this "
                                     "resource type.")
        if result.kind == "sas-service" and operation == "ListContainers":
            raise store.StorageError(403, "AuthorizationFailure",
                                     "This request is not authorized to perform this operation.")
        if result.kind == "sas-service" and operation in ("CreateContainer", "DeleteContainer"):
            letters = ""  # a service SAS never grants container creation or deletion
        if result.permissions is not None and not any(p in result.permissions for p in letters):
            raise store.StorageError(403, "AuthorizationPermissionMismatch",
                                     "This request is not authorized to perform this operation using this "
                                     "permission.")

    def conditions(self):
        return {k: self.headers[k] for k in ("if-match", "if-none-match") if self.headers.get(k)}

    def check_read_conditions(self, etag):
        if_match = self.headers.get("If-Match")
        if if_match and if_match.strip() != "*" and store.strip_quotes(if_match) != etag:
            raise store.condition_not_met()
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match and (if_none_match.strip() == "*" or store.strip_quotes(if_none_match) == etag):
            raise store.StorageError(304, "ConditionNotMet", "The condition specified using HTTP conditional "
                                     "header(s) is not met.")

    def container_headers(self, found):
        return [("ETag", '"%s"' % found.etag), ("Last-Modified", store.http_date(found.last_modified))]

    def op_CreateContainer(self, account, container, blob):
        found = self.settings.store.create_container(account, container, store.parse_metadata(self.headers.items()))
        self.respond(201, self.container_headers(found))

    def op_GetContainerProperties(self, account, container, blob):
        found = self.settings.store.container(account, container)
        headers = self.container_headers(found) + [("x-ms-meta-" + k, v) for k, v in found.metadata.items()]
        headers += [("x-ms-lease-status", "unlocked"), ("x-ms-lease-state", "available"),
                    ("x-ms-has-immutability-policy", "false"), ("x-ms-has-legal-hold", "false")]
        self.respond(200, headers)

    op_GetContainerMetadata = op_GetContainerProperties

    def op_DeleteContainer(self, account, container, blob):
        self.settings.store.container(account, container)
        del self.settings.store.accounts[account][container]
        self.respond(202, [])

    def op_ListBlobs(self, account, container, blob):
        q = {k: v[0] for k, v in self.query.items()}
        try:
            max_results = int(q.get("maxresults", store.MAX_RESULTS_CAP))
        except ValueError:
            max_results = 0
        if max_results <= 0:
            raise store.StorageError(400, "OutOfRangeQueryParameterValue",
                                     "One of the query parameters specified in the request URI is outside the "
                                     "permissible range.", {"QueryParameterName": "maxresults",
                                                            "QueryParameterValue": q.get("maxresults", "")})
        max_results = min(max_results, store.MAX_RESULTS_CAP)
        if "short-page" in self.fired:
            max_results = min(max_results, self.fired["short-page"].get("items", 0))
            self.mark_fault("short-page")
        includes = {i.strip().lower() for i in q.get("include", "").split(",") if i.strip()}
        page, next_marker = self.short_page_list(account, container, q, max_results)
        scheme = "https" if getattr(self.server, "ssl_context", None) else "http"
        endpoint = "%s://%s/%s/" % (scheme, self.headers.get("Host", "127.0.0.1"), account)
        body = store.list_blobs_xml(endpoint, container, q, page, next_marker, "metadata" in includes)
        self.respond(200, [("Content-Type", "application/xml")], body)

    def op_ListContainers(self, account, container, blob):
        """List Containers (names only, in name order, one page of at most maxresults)."""
        q = {k: v[0] for k, v in self.query.items()}
        names = sorted(self.settings.store.accounts[account])
        try:
            names = names[:max(1, min(int(q.get("maxresults", store.MAX_RESULTS_CAP)), store.MAX_RESULTS_CAP))]
        except ValueError:
            pass
        scheme = "https" if getattr(self.server, "ssl_context", None) else "http"
        endpoint = "%s://%s/%s/" % (scheme, self.headers.get("Host", "127.0.0.1"), account)
        items = "".join("<Container><Name>%s</Name><Properties></Properties></Container>" % escape(n) for n in names)
        body = ('<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="%s">'
                "<Containers>%s</Containers><NextMarker /></EnumerationResults>" % (escape(endpoint), items))
        self.respond(200, [("Content-Type", "application/xml")], body.encode("utf-8"))

    def short_page_list(self, account, container, q, max_results):
        s = self.settings.store
        if max_results == 0:  # short-page fault with no items: the next page starts where this one did
            page, _ = s.list_entries(account, container, q.get("prefix", ""), q.get("delimiter", ""),
                                     q.get("marker", ""), 1)
            return [], (store.encode_marker(page[0][1]) if page else "")
        return s.list_entries(account, container, q.get("prefix", ""), q.get("delimiter", ""),
                              q.get("marker", ""), max_results)

    def op_PutBlob(self, account, container, blob):
        blob_type = self.headers.get("x-ms-blob-type")
        if not blob_type:
            raise store.StorageError(400, "MissingRequiredHeader", "An HTTP header that's mandatory for this "
                                     "request is not specified.", {"HeaderName": "x-ms-blob-type"})
        if blob_type != "BlockBlob":
            raise store.StorageError(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in "
                                     "the correct format.", {"HeaderName": "x-ms-blob-type",
                                                            "HeaderValue": blob_type})
        content_type = self.headers.get("x-ms-blob-content-type") or self.headers.get("Content-Type")
        found = self.settings.store.put_blob(account, container, blob, self.body,
                                             store.parse_metadata(self.headers.items()), content_type,
                                             self.conditions())
        self.respond(201, [("ETag", '"%s"' % found.etag), ("Last-Modified", store.http_date(found.last_modified)),
                           ("Content-MD5", found.content_md5), ("x-ms-request-server-encrypted", "true")])

    def op_SetBlobMetadata(self, account, container, blob):
        found = self.settings.store.set_metadata(account, container, blob, store.parse_metadata(self.headers.items()),
                                                 self.conditions())
        self.respond(200, [("ETag", '"%s"' % found.etag), ("Last-Modified", store.http_date(found.last_modified)),
                           ("x-ms-request-server-encrypted", "true")])

    def op_GetBlobProperties(self, account, container, blob):
        found = self.settings.store.blob(account, container, blob)
        self.check_read_conditions(found.etag)
        self.respond(200, store.blob_headers(found) + [("Content-Length", str(len(found.body)))])

    def op_GetBlobMetadata(self, account, container, blob):
        found = self.settings.store.blob(account, container, blob)
        self.check_read_conditions(found.etag)
        headers = [("ETag", '"%s"' % found.etag), ("Last-Modified", store.http_date(found.last_modified))]
        self.respond(200, headers + [("x-ms-meta-" + k, v) for k, v in found.metadata.items()])

    def op_GetBlob(self, account, container, blob):
        found = self.settings.store.blob(account, container, blob)
        self.check_read_conditions(found.etag)
        headers = store.blob_headers(found)
        wanted = self.headers.get("x-ms-range") or self.headers.get("Range")
        if not wanted:
            return self.respond(200, headers, found.body)
        size = len(found.body)
        try:
            first, _, last = wanted.strip().split("=", 1)[1].partition("-")
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
        except (IndexError, ValueError):
            start, end = 0, size - 1
        if start >= size:
            raise store.StorageError(416, "InvalidRange", "The range specified is invalid for the current size of "
                                     "the resource.", headers={"Content-Range": "bytes */%d" % size})
        headers = [h for h in headers if h[0] != "Content-MD5"]
        headers += [("Content-Range", "bytes %d-%d/%d" % (start, end, size)),
                    ("x-ms-blob-content-md5", found.content_md5)]
        self.respond(206, headers, found.body[start:end + 1])

    def op_DeleteBlob(self, account, container, blob):
        self.settings.store.delete_blob(account, container, blob, self.conditions())
        self.respond(202, [])

    # --- Event Hubs ---

    def eventhubs_request(self):
        segments = [urllib.parse.unquote(s) for s in self.raw_path.strip("/").split("/") if s]
        self.entry["operation"] = "EventHubsRuntime"
        self.entry["auth"] = self.authenticate_eventhubs(segments)
        api_version = (self.query.get("api-version") or ["2014-01"])[0]
        host = self.headers.get("Host", "127.0.0.1")
        base = "%s://%s" % ("https" if getattr(self.server, "ssl_context", None) else "http", host)
        if self.command != "GET":
            return self.eventhubs_error(405, "The requested HTTP verb is not allowed on this test server.")
        with self.settings.hubs_lock:
            hub = self.settings.hubs.get(segments[0].lower()) if segments else None
        if hub is None:
            return self.eventhubs_error(404, "The messaging entity 'sb://%s/%s' could not be found."
                                        % (host, segments[0] if segments else ""))
        ctype = "application/atom+xml;type=%s;charset=utf-8"
        if len(segments) == 1:
            self.entry["operation"] = "GetEventHub"
            return self.respond(200, [("Content-Type", ctype % "entry")], eh.hub_entry_xml(base, hub, api_version))
        if len(segments) in (4, 5) and segments[1].lower() == "consumergroups" and segments[3].lower() == "partitions":
            cg = segments[2]
            if not hub.has_consumer_group(cg):
                return self.eventhubs_error(404, "The messaging entity 'sb://%s/%s/consumergroups/%s' could not be "
                                            "found." % (host, hub.name, cg))
            if len(segments) == 4:
                self.entry["operation"] = "ListPartitions"
                return self.respond(200, [("Content-Type", ctype % "feed")],
                                    eh.partitions_feed_xml(base, hub, cg, api_version))
            self.entry["operation"] = "GetPartition"
            if not hub.has_partition(segments[4]):
                return self.eventhubs_error(404, "Partition '%s' does not exist in '%s'." % (segments[4], hub.name))
            return self.respond(200, [("Content-Type", ctype % "entry")],
                                eh.partition_entry_xml(base, hub, cg, segments[4], api_version))
        return self.eventhubs_error(404, "No Event Hubs resource at %s." % self.raw_path)

    def eventhubs_error(self, status, detail):
        self.entry["error"] = str(status)
        self.respond(status, [("Content-Type", "application/xml; charset=utf-8")], eh.error_xml(status, detail))

    def authenticate_eventhubs(self, segments):
        authorization = (self.headers.get("Authorization") or "").strip()
        self.entry["auth"] = "anonymous"
        if not authorization:
            raise auth.eventhubs_error(401, "MissingToken: The authorization header was not found.")
        scheme, _, value = authorization.partition(" ")
        if scheme == "Bearer":
            self.entry["auth"] = "bearer"
            if identity.claims_of(value.strip()) is not None:
                self.verify_entra_token(value.strip(), identity.EVENTHUBS, "/".join(segments))
                return "bearer"
            if value.strip() not in self.settings.bearer:
                raise auth.eventhubs_error(401, "InvalidIssuer: The token is not known to this server.")
            return "bearer"
        if scheme != "SharedAccessSignature":
            raise auth.eventhubs_error(401, "InvalidToken: The authorization header is not a SharedAccessSignature "
                                       "or Bearer token.")
        self.entry["auth"] = "eventhubs-sas"
        path = "/".join(segments)
        hosts = [self.headers.get("Host", "127.0.0.1")] + self.settings.namespaces
        auth.verify_eventhubs_sas(value, ["%s/%s" % (h, path) for h in hosts], self.settings.policies,
                                  int(time.time()))
        return "eventhubs-sas"

    # --- Entra ID (azure_identity.py) ---

    def identity_request(self, first):
        directory = self.settings.directory
        self.entry["operation"] = "GetToken"
        try:
            if self.raw_path.endswith("/oauth2/v2.0/token"):
                if self.command != "POST":
                    raise identity.IdentityError(405, {"error": "invalid_request",
                                                       "error_description": "The token endpoint takes POST only."})
                kind, body = directory.client_credentials(first, identity.parse_form(self.body))
                self.entry["auth"] = kind
            elif self.raw_path.endswith("/.well-known/openid-configuration"):
                self.entry["operation"] = "OpenIDConfiguration"
                host = self.headers.get("Host", "127.0.0.1")
                base = "%s://%s" % ("https" if getattr(self.server, "ssl_context", None) else "http", host)
                body = directory.openid_configuration(base, first)
            elif self.raw_path == "/metadata/identity/oauth2/token":
                self.entry["auth"] = "managed-identity-imds"
                body = directory.imds(self.query, self.headers)
            else:
                self.entry["auth"] = "managed-identity-app-service"
                body = directory.app_service(self.query, self.headers)
        except identity.IdentityError as error:
            self.entry["error"] = error.body.get("error") or str(error.status)
            return self.respond(error.status, [("Content-Type", "application/json; charset=utf-8")],
                                json.dumps(error.body).encode())
        self.respond(200, [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")],
                     json.dumps(body).encode())

    def verify_entra_token(self, token, service, entity=""):
        """Storage and Event Hubs refuse a token the way Azure words it (see azure_identity.py)."""
        try:
            return self.settings.directory.check_bearer(token, service)
        except identity.BearerRefused as refused:
            if service == identity.STORAGE:
                if refused.reason == "role":
                    raise auth.AuthError(403, "AuthorizationPermissionMismatch",
                                         "This request is not authorized to perform this operation using this "
                                         "permission.")
                detail = {"audience": "Audience validation failed. Audience did not match.",
                          "expired": "Lifetime validation failed. The token is expired.",
                          "signature": "Signature validation failed. Signature is invalid."}[refused.reason]
                raise auth.AuthError(401, "InvalidAuthenticationInfo",
                                     "Server failed to authenticate the request. Please refer to the information in "
                                     "the www-authenticate header.", detail,
                                     {"WWW-Authenticate": "Bearer authorization_uri=https://login.microsoftonline.com/"
                                                          "test-tenant/oauth2/authorize "
                                                          "resource_id=https://storage.azure.com"})
            host = self.headers.get("Host", "127.0.0.1")
            if refused.reason == "audience":
                detail = ("InvalidAudience: The token audience '%s' is not valid for Event Hubs; expected "
                          "https://eventhubs.azure.net/." % refused.value)
            elif refused.reason == "expired":
                detail = ("ExpiredToken: The token is expired. Expiration time: '%s'."
                          % time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(int(refused.value or 0))))
            elif refused.reason == "signature":
                detail = "InvalidSignature: The token has an invalid signature."
            else:
                detail = ("Unauthorized access. 'Listen' claim(s) are required to perform this operation. "
                          "Resource: 'sb://%s/%s'." % (host, entity))
            raise auth.eventhubs_error(401, detail)

    # --- admin (not Azure) ---

    def admin(self):
        parts = [p for p in self.raw_path.split("/") if p][1:]
        what = parts[0] if parts else ""
        s = self.settings
        try:
            if what == "log" and self.command == "GET":
                return self.admin_json(200, s.log.snapshot())
            if what == "log" and self.command == "DELETE":
                s.log.clear()
                return self.admin_json(200, {"cleared": True})
            if what == "faults" and self.command == "GET":
                return self.admin_json(200, s.faults.to_json())
            if what == "faults" and self.command in ("PUT", "POST"):
                specs = json.loads(self.body or b"[]")
                s.faults.replace([faults.parse_fault(x) for x in specs])
                return self.admin_json(200, s.faults.to_json())
            if what == "faults" and self.command == "DELETE":
                s.faults.replace([])
                return self.admin_json(200, [])
            if what == "hubs" and self.command == "GET":
                with s.hubs_lock:
                    return self.admin_json(200, [h.to_json() for h in s.hubs.values()])
            if what == "hubs" and self.command in ("PUT", "POST") and len(parts) == 2:
                obj = json.loads(self.body or b"{}")
                obj["name"] = urllib.parse.unquote(parts[1])
                hub = eh.hub_from_json(obj)
                with s.hubs_lock:
                    s.hubs[hub.name.lower()] = hub
                return self.admin_json(200, hub.to_json())
            if what == "blobs" and self.command in ("PUT", "POST") and len(parts) == 3:
                return self.admin_put_blobs(urllib.parse.unquote(parts[1]), urllib.parse.unquote(parts[2]))
            if what == "reset" and self.command == "POST":
                with s.store.lock:
                    s.store.accounts = {name: {} for name in s.keys}
                s.log.clear()
                return self.admin_json(200, {"reset": True})
        except (ValueError, KeyError, TypeError, store.StorageError) as error:
            return self.admin_json(400, {"error": str(error)})
        return self.admin_json(404, {"error": "unknown admin endpoint %s %s" % (self.command, self.raw_path)})

    def admin_put_blobs(self, account, container):
        """Bulk fixtures without per-blob requests: [{"name", "body", "metadata"}], container created.
        Metadata values are stored as Azure stores them: they reach it as header values, whose surrounding
        spaces and tabs every HTTP server strips (RFC 9110 5.5), so " 5" is stored, listed and sent as "5"
        (the `padded-headers` fault sends values padded on the wire instead)."""
        s = self.settings.store
        items = json.loads(self.body or b"[]")
        with s.lock:
            if account not in s.accounts:
                return self.admin_json(404, {"error": "unknown account %s" % account})
            if container not in s.accounts[account]:
                s.create_container(account, container, {})
            blobs = s.accounts[account][container].blobs
            for item in items:
                metadata = {k: v.strip(" \t") for k, v in item.get("metadata", {}).items()}
                blobs[item["name"]] = store.Blob(item.get("body", "").encode("utf-8"), metadata,
                                                 item.get("content_type"))
        return self.admin_json(200, {"written": len(items)})

    def admin_json(self, status, obj):
        if self.settings.verbose:
            sys.stderr.write("azure_server admin: %s %s -> %d\n" % (self.command, self.raw_path, status))
        self.respond(status, [("Content-Type", "application/json")], json.dumps(obj).encode("utf-8"))


def stream_big(wfile, size, content_type):
    """A 200 of `size` bytes; stops quietly when the client hangs up (as it should)."""
    try:
        wfile.write(("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                     % (content_type, size)).encode("latin-1"))
        block = b" " * 65536
        left = size
        while left > 0:
            wfile.write(block[:min(left, len(block))])
            left -= len(block)
    except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
        pass


def trickle(wfile, status, headers, body, interval_ms):
    """Headers at once, then the body one byte per interval: a slow-loris response."""
    try:
        head = "HTTP/1.1 %d Slow\r\n" % status
        for name, value in headers:
            if name.lower() != "content-length":
                head += "%s: %s\r\n" % (name, value)
        head += "Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
        wfile.write(head.encode("latin-1"))
        wfile.flush()
        for i in range(len(body)):
            time.sleep(interval_ms / 1000.0)
            wfile.write(body[i:i + 1])
            wfile.flush()
    except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
        pass


def is_identity_path(raw_path):
    return (raw_path.endswith("/oauth2/v2.0/token") or raw_path.endswith("/.well-known/openid-configuration")
            or raw_path == "/metadata/identity/oauth2/token" or raw_path == "/msi/token")


class Server(http.server.ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops the SYNs of a burst of new connections (a 1 s stall each).
    request_queue_size = 1024
    daemon_threads = True
    allow_reuse_address = True


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--cert", help="PEM certificate; with --key serves HTTPS")
    p.add_argument("--key", help="PEM private key for --cert")
    p.add_argument("--account", action="append", default=[], metavar="NAME:BASE64KEY")
    p.add_argument("--bearer-token", action="append", default=[], metavar="TOKEN[:reader]")
    p.add_argument("--hub", action="append", default=[], metavar="NAME:partitions=N:last=..")
    p.add_argument("--hubs-file", help='JSON: [{"name": .., "partitions": .., "last": [..]}, ..]')
    p.add_argument("--eventhub-policy", action="append", default=[], metavar="NAME:KEY")
    p.add_argument("--eventhub-namespace", action="append", default=[], metavar="HOST",
                   help="extra host name Event Hubs SAS tokens may name in sr (e.g. myns.servicebus.windows.net)")
    p.add_argument("--tenant", action="append", default=[], metavar="ID", help="an Entra ID tenant the token endpoint knows")
    p.add_argument("--client", action="append", default=[], metavar="CLIENT_ID:SECRET",
                   help="an application that gets tokens with a client secret")
    p.add_argument("--federated", action="append", default=[], metavar="CLIENT_ID:SUBJECT",
                   help="an application whose federated credential trusts service account tokens with this sub")
    p.add_argument("--managed-identity", metavar="CLIENT_ID", help="the identity IMDS and /msi/token hand out")
    p.add_argument("--identity-header", metavar="VALUE", help="App Service's IDENTITY_HEADER for /msi/token")
    p.add_argument("--roles", action="append", default=[], metavar="PRINCIPAL=storage,eventhubs",
                   help="data-plane reader roles of a principal (default: both)")
    p.add_argument("--token-lifetime", type=int, default=3600, metavar="SECONDS")
    p.add_argument("--fault", action="append", default=[], metavar="KIND[:key=value..]")
    p.add_argument("--log", help="append each Azure request as a JSON line to this file")
    p.add_argument("--verbose", action="store_true", help="access and admin lines on stderr")
    return p.parse_args(argv)


def main(argv=None):
    # A parent may hand down a blocked SIGTERM (Foundation's Process under Swift Testing does), which
    # would make Process.terminate() a no-op and waitUntilExit() hang; take the default back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    args = parse_args(argv)
    try:
        settings = Settings(args)
    except (ValueError, KeyError, OSError) as error:
        sys.stderr.write("azure_server: %s\n" % error)
        return 2
    server = Server(("127.0.0.1", args.port), Handler)
    server.settings = settings
    server.ssl_context = None
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        server.ssl_context = context
    sys.stdout.write("READY %d\n" % server.server_address[1])
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
