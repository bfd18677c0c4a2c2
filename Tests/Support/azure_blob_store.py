"""In-memory Blob Storage: accounts, containers, block blobs, and the XML Azure answers with.

Shapes follow Azure's Blob service REST reference: "List Blobs", "Blob service error codes", "Get
Blob Properties" and "Set Blob Metadata". Real Azure quotes ETags in headers and not in list XML; both are accepted
in If-Match / If-None-Match.
"""

import base64
import datetime as dt
import hashlib
import itertools
import re
import threading
import urllib.parse
from xml.sax.saxutils import escape

MAX_RESULTS_CAP = 5000
MAX_METADATA_BYTES = 8 * 1024
_etag_counter = itertools.count(0x8DE2A0000000000)
_METADATA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters XML 1.0 cannot carry; names holding them are listed with Encoded="true".
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class StorageError(Exception):
    def __init__(self, status, code, message, extra=None, headers=None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra or {}  # extra child elements of <Error>, e.g. AuthenticationErrorDetail
        self.headers = headers or {}


def http_date(moment):
    return moment.strftime("%a, %d %b %Y %H:%M:%S GMT")


def new_etag():
    return "0x%X" % next(_etag_counter)


def strip_quotes(etag):
    etag = etag.strip()
    if etag.startswith("W/"):
        etag = etag[2:]
    return etag.strip('"')


class Blob:
    def __init__(self, body, metadata, content_type):
        now = dt.datetime.now(dt.timezone.utc)
        self.body = body
        self.metadata = metadata  # insertion-ordered, case preserved
        self.content_type = content_type or "application/octet-stream"
        self.created = now
        self.touch(now)

    def touch(self, now=None):
        self.last_modified = now or dt.datetime.now(dt.timezone.utc)
        self.etag = new_etag()

    @property
    def content_md5(self):
        return base64.b64encode(hashlib.md5(self.body).digest()).decode()


class Container:
    def __init__(self, metadata):
        self.metadata = metadata
        self.blobs = {}
        self.last_modified = dt.datetime.now(dt.timezone.utc)
        self.etag = new_etag()


class BlobStore:
    def __init__(self, accounts):
        self.lock = threading.RLock()
        self.accounts = {name: {} for name in accounts}

    # --- containers ---

    def container(self, account, name):
        found = self.accounts[account].get(name)
        if found is None:
            raise StorageError(404, "ContainerNotFound", "The specified container does not exist.")
        return found

    def create_container(self, account, name, metadata):
        if not re.fullmatch(r"[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]", name) and name != "$root":
            raise StorageError(400, "InvalidResourceName", "The specifed resource name contains invalid characters.")
        containers = self.accounts[account]
        if name in containers:
            raise StorageError(409, "ContainerAlreadyExists", "The specified container already exists.")
        containers[name] = Container(metadata)
        return containers[name]

    # --- blobs ---

    def blob(self, account, container, name):
        found = self.container(account, container).blobs.get(name)
        if found is None:
            raise StorageError(404, "BlobNotFound", "The specified blob does not exist.")
        return found

    def put_blob(self, account, container, name, body, metadata, content_type, conditions):
        blobs = self.container(account, container).blobs
        existing = blobs.get(name)
        if existing is not None and conditions.get("if-none-match", "").strip() == "*":
            raise StorageError(409, "BlobAlreadyExists", "The specified blob already exists.")
        check_write_conditions(existing, conditions)
        blobs[name] = Blob(body, metadata, content_type)
        return blobs[name]

    def set_metadata(self, account, container, name, metadata, conditions):
        blobs = self.container(account, container).blobs
        existing = blobs.get(name)
        check_write_conditions(existing, conditions)
        if existing is None:
            raise StorageError(404, "BlobNotFound", "The specified blob does not exist.")
        existing.metadata = metadata
        existing.touch()
        return existing

    def delete_blob(self, account, container, name, conditions):
        blobs = self.container(account, container).blobs
        existing = blobs.get(name)
        if existing is None:
            raise StorageError(404, "BlobNotFound", "The specified blob does not exist.")
        check_write_conditions(existing, conditions)
        del blobs[name]

    # --- listing ---

    def list_entries(self, account, container, prefix, delimiter, marker, max_results):
        """One page: (entries, next_marker). Entries are ('blob', name, Blob) or ('prefix', name)."""
        blobs = self.container(account, container).blobs
        names = sorted(n for n in blobs if n.startswith(prefix))
        entries = []
        seen_prefixes = set()
        for name in names:
            if delimiter:
                cut = name.find(delimiter, len(prefix))
                if cut >= 0:
                    group = name[: cut + len(delimiter)]
                    if group not in seen_prefixes:
                        seen_prefixes.add(group)
                        entries.append(("prefix", group))
                    continue
            entries.append(("blob", name, blobs[name]))
        start = decode_marker(marker) if marker else None
        if start is not None:
            entries = [e for e in entries if e[1] >= start]
        page = entries[:max_results]
        next_marker = encode_marker(entries[max_results][1]) if len(entries) > max_results else ""
        return page, next_marker


def check_write_conditions(existing, conditions):
    """Write-operation rules for If-Match / If-None-Match (DOCS specifying-conditional-headers)."""
    if_match = conditions.get("if-match")
    if_none_match = conditions.get("if-none-match")
    if if_match:
        if existing is None:
            if if_match.strip() != "*":
                raise condition_not_met()
        elif if_match.strip() != "*" and strip_quotes(if_match) != existing.etag:
            raise condition_not_met()
    if if_none_match and existing is not None:
        if if_none_match.strip() == "*" or strip_quotes(if_none_match) == existing.etag:
            raise condition_not_met()


def condition_not_met():
    return StorageError(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.")


def encode_marker(name):
    """Opaque like Azure's ('2!<n>!<base64>'): it holds '!', '+', '/' and '=' so clients must URL-encode it."""
    data = base64.b64encode(("000000!" + name + "!").encode("utf-8")).decode()
    return "2!%d!%s" % (len(data), data)


def decode_marker(marker):
    try:
        _, _, data = marker.split("!", 2)
        text = base64.b64decode(data, validate=True).decode("utf-8")
        if not text.startswith("000000!") or not text.endswith("!"):
            raise ValueError
        return text[len("000000!"):-1]
    except (ValueError, UnicodeDecodeError):
        raise StorageError(400, "OutOfRangeInput", "One of the request inputs is out of range.")


def parse_metadata(headers):
    """x-ms-meta-* request headers -> ordered dict (case kept); names must be C# identifiers."""
    metadata = {}
    seen = set()
    size = 0
    for name, value in headers:
        if not name.lower().startswith("x-ms-meta-"):
            continue
        key = name[len("x-ms-meta-"):]
        if not _METADATA_NAME.match(key) or key.lower() in seen:
            raise StorageError(400, "InvalidMetadata", "The metadata specified is invalid. It has characters "
                               "that are not permitted.")
        seen.add(key.lower())
        metadata[key] = value.strip()
        size += len(key.encode()) + len(value.encode())
    if size > MAX_METADATA_BYTES:
        raise StorageError(400, "MetadataTooLarge", "The size of the request metadata exceeds the maximum size "
                           "permitted.")
    return metadata


def blob_headers(blob):
    headers = [
        ("Last-Modified", http_date(blob.last_modified)),
        ("x-ms-creation-time", http_date(blob.created)),
        ("ETag", '"%s"' % blob.etag),
        ("Content-Type", blob.content_type),
        ("Content-MD5", blob.content_md5),
        ("x-ms-blob-type", "BlockBlob"),
        ("x-ms-lease-status", "unlocked"),
        ("x-ms-lease-state", "available"),
        ("x-ms-server-encrypted", "true"),
        ("x-ms-access-tier", "Hot"),
        ("x-ms-access-tier-inferred", "true"),
        ("Accept-Ranges", "bytes"),
    ]
    headers += [("x-ms-meta-" + k, v) for k, v in blob.metadata.items()]
    return headers


# --- XML -------------------------------------------------------------------------------------------

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'


def error_xml(code, message, request_id, extra):
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f0Z")
    parts = [XML_DECLARATION, "<Error><Code>", escape(code), "</Code><Message>",
             escape("%s\nRequestId:%s\nTime:%s" % (message, request_id, now)), "</Message>"]
    for name, value in extra.items():
        parts += ["<%s>" % name, escape(value), "</%s>" % name]
    parts.append("</Error>")
    return "".join(parts).encode("utf-8")


def name_xml(name):
    if _XML_ILLEGAL.search(name):
        return '<Name Encoded="true">%s</Name>' % escape(urllib.parse.quote(name, safe="/"))
    return "<Name>%s</Name>" % escape(name)


def list_blobs_xml(service_endpoint, container, query, entries, next_marker, include_metadata):
    """EnumerationResults as Azure shapes it: echo only the parameters the request sent."""
    out = [XML_DECLARATION,
           '<EnumerationResults ServiceEndpoint="%s" ContainerName="%s">' % (escape(service_endpoint, {'"': "&quot;"}),
                                                                           escape(container))]
    for param, element in (("prefix", "Prefix"), ("marker", "Marker"), ("maxresults", "MaxResults"),
                           ("delimiter", "Delimiter")):
        if param in query:
            out.append("<%s>%s</%s>" % (element, escape(query[param]), element))
    out.append("<Blobs>")
    for entry in entries:
        if entry[0] == "prefix":
            out.append("<BlobPrefix>%s</BlobPrefix>" % name_xml(entry[1]))
            continue
        _, name, blob = entry
        out.append("<Blob>%s<Properties>" % name_xml(name))
        out.append("<Creation-Time>%s</Creation-Time><Last-Modified>%s</Last-Modified><Etag>%s</Etag>"
                   % (http_date(blob.created), http_date(blob.last_modified), blob.etag))
        out.append("<Content-Length>%d</Content-Length><Content-Type>%s</Content-Type>"
                   % (len(blob.body), escape(blob.content_type)))
        out.append("<Content-Encoding /><Content-Language /><Content-CRC64 /><Content-MD5>%s</Content-MD5>"
                   "<Cache-Control /><Content-Disposition />" % blob.content_md5)
        out.append("<BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier><AccessTierInferred>true"
                   "</AccessTierInferred><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>"
                   "<ServerEncrypted>true</ServerEncrypted></Properties>")
        if include_metadata:
            if blob.metadata:
                out.append("<Metadata>%s</Metadata>" % "".join(
                    "<%s>%s</%s>" % (k, escape(v), k) for k, v in blob.metadata.items()))
            else:
                out.append("<Metadata />")
        out.append("<OrMetadata /></Blob>")
    out.append("</Blobs>")
    out.append("<NextMarker>%s</NextMarker>" % escape(next_marker) if next_marker else "<NextMarker />")
    out.append("</EnumerationResults>")
    return "".join(out).encode("utf-8")
