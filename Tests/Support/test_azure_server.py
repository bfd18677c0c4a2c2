"""azure_server.py is faithful: the real Azure SDK for Python works against it, and it refuses what
Azure refuses. The signing vectors were produced with the Azure SDK (as in
Tests/ServerlessKitTests/Azure/SharedKeySignerTests.swift)."""

import base64
import datetime as dt
import http.client
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ResourceExistsError, \
    ResourceModifiedError, ResourceNotFoundError
from azure.storage.blob import AccountSasPermissions, BlobSasPermissions, BlobServiceClient, ContainerClient, \
    ContainerSasPermissions, ResourceTypes, generate_account_sas, generate_blob_sas, generate_container_sas
from azure.eventhub.extensions.checkpointstoreblob import BlobCheckpointStore

import azure_auth
from azure_harness import ACCOUNT, HERE, KEY, azure_server, quote_blob, rfc1123, shared_key_headers

OTHER_ACCOUNT = "otheraccount"
OTHER_KEY = base64.b64encode(b"another test account key, 32 b.").decode()
EH_POLICY = "RootManageSharedAccessKey"
EH_KEY = "SGVsbG9Xb3JsZEtleUZvclRlc3RpbmdPbmx5MTIzNDU2Nzg5MA=="  # the SAS vector's key (fake), signed with azure-eventhub's generate_sas_token
TOKEN = "test-bearer-token"
READER_TOKEN = "test-reader-token"


@pytest.fixture(scope="module")
def server():
    with azure_server("--account", "%s:%s" % (OTHER_ACCOUNT, OTHER_KEY),
                      "--hub", "orders:partitions=4:last=100,200,-1,5:begin=0,0,-1,0",
                      "--hub", "wide:partitions=1024:last=7:begin=3",
                      "--eventhub-policy", "%s:%s" % (EH_POLICY, EH_KEY),
                      "--bearer-token", TOKEN, "--bearer-token", READER_TOKEN + ":reader",
                      "--log", os.path.join(tempfile.mkdtemp(), "requests.log")) as running:
        yield running


CONTAINER_NUMBERS = itertools.count(1)


@pytest.fixture
def container(server, request):
    words = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")
    name = ("t%d-%s" % (next(CONTAINER_NUMBERS), words))[:60].rstrip("-")
    client = ContainerClient.from_connection_string(server.connection_string, name)
    client.create_container()
    return client


def error_code(exc_info):
    return exc_info.value.error_code


# --- Shared Key: the server's canonicalisation reproduces vectors signed by azure-storage-blob 12.31.1's SharedKeyCredentialPolicy ---------------

VECTOR_HEADERS = [("x-ms-date", "Sat, 22 Nov 2025 10:00:00 GMT"), ("x-ms-version", "2021-08-06")]
CHECKPOINT_PATH = "/devstoreaccount1/checkpoints/ns.servicebus.windows.net/hub/%24default/checkpoint/0"


@pytest.mark.parametrize("method,path,extra,expected", [
    ("GET", "/devstoreaccount1/checkpoints?restype=container&comp=list&prefix=ns.servicebus.windows.net%2Fhub%2F"
            "%24default%2Fcheckpoint%2F&include=metadata&maxresults=5000", [],
     "5QQ2ulNgq3AvSc8Br18qWqDdRcnu4zlDd7S8dBYQ4ys="),  # vector B
    ("HEAD", CHECKPOINT_PATH, [], "lpLscqTlPombFTrPaf8h3QjuXBUSyUVyHlEFsg02UQI="),  # vector D
    ("PUT", CHECKPOINT_PATH, [("x-ms-blob-type", "BlockBlob"), ("Content-Length", "0"),
                              ("x-ms-meta-sequencenumber", "42"), ("x-ms-meta-offset", "8589934592")],
     "WUkPW1iipn4TMs8NvG6LPLSBpCyLDCP7rtn+/cvXx2o="),  # vector E
    ("PUT", CHECKPOINT_PATH + "?comp=metadata", [("Content-Length", "0"), ("x-ms-meta-sequencenumber", "42"),
                                                 ("x-ms-meta-offset", "8589934592")],
     "t2tknxUyXOcbZ0coJnnr2XaVYV2x4LqtW+6D/0o420I="),  # vector F
])
def test_shared_key_sdk_vectors(method, path, extra, expected):
    raw_path, _, raw_query = path.partition("?")
    to_sign = azure_auth.shared_key_string_to_sign(method, VECTOR_HEADERS + extra, ACCOUNT, raw_path, raw_query)
    assert azure_auth.hmac_sha256_base64(base64.b64decode(KEY), to_sign) == expected


def test_header_order_matches_the_service_collation_the_sdk_emulates():
    from azure.storage.blob._shared.authentication import compare

    rng = random.Random(7)
    alphabet = "ab0z9_-'.+~$|A"
    for _ in range(20000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
        sign = lambda x: (x > 0) - (x < 0)  # noqa: E731
        assert sign(azure_auth.compare_header_names(a, b)) == sign(compare(a, b)), (a, b)
    # The case that broke SDKs (Azure/azure-sdk-for-python#10277): '_' sorts before digits.
    assert azure_auth.compare_header_names("x-ms-meta-i_", "x-ms-meta-i0") < 0


# --- Blob operations with the SDK ---------------------------------------------------------------------

def test_container_blobs_and_metadata_round_trip(server, container):
    container.upload_blob("a/one", b"hello", metadata={"SequenceNumber": "42", "offset": "7"})
    container.upload_blob("a/two", b"", metadata={"ownerid": "me"})
    props = container.get_container_properties()
    assert props.name == container.container_name and props.etag

    listed = {b.name: b for b in container.list_blobs(include=["metadata"])}
    assert list(listed) == ["a/one", "a/two"]
    assert listed["a/one"].metadata == {"SequenceNumber": "42", "offset": "7"}  # case preserved
    assert listed["a/one"].size == 5 and listed["a/one"].blob_type == "BlockBlob"

    blob = container.get_blob_client("a/one")
    assert blob.download_blob().readall() == b"hello"
    assert container.get_blob_client("a/two").download_blob().readall() == b""  # 416 then full GET
    properties = blob.get_blob_properties()
    assert properties.metadata == {"SequenceNumber": "42", "offset": "7"}
    assert properties.etag.strip('"') == listed["a/one"].etag.strip('"')
    assert properties.last_modified is not None and properties.size == 5

    with pytest.raises(ResourceExistsError) as exc:
        container.create_container()
    assert error_code(exc) == "ContainerAlreadyExists"
    with pytest.raises(ResourceNotFoundError) as exc:
        container.get_blob_client("missing").get_blob_properties()
    assert error_code(exc) == "BlobNotFound"  # from x-ms-error-code: HEAD has no body
    missing = ContainerClient.from_connection_string(server.connection_string, "no-such-container")
    with pytest.raises(ResourceNotFoundError) as exc:
        list(missing.list_blobs())
    assert error_code(exc) == "ContainerNotFound"


def test_set_metadata_replaces_the_whole_set_and_changes_the_etag(container):
    blob = container.get_blob_client("m")
    first = blob.upload_blob(b"x", metadata={"a": "1", "b": "2"})
    second = blob.set_blob_metadata({"c": "3"})
    assert second["etag"] != first["etag"]
    assert blob.get_blob_properties().metadata == {"c": "3"}


def test_conditional_writes_as_claim_ownership_uses_them(container):
    blob = container.get_blob_client("own")
    blob.upload_blob(b"", overwrite=True, if_none_match="*")
    with pytest.raises(ResourceExistsError) as exc:  # Put Blob, If-None-Match: * on an existing blob
        blob.upload_blob(b"", overwrite=True, if_none_match="*")
    assert error_code(exc) == "BlobAlreadyExists"
    etag = blob.get_blob_properties().etag
    blob.set_blob_metadata({"ownerid": "a"}, etag=etag, match_condition=__import__("azure.core").core.MatchConditions.IfNotModified)
    with pytest.raises(ResourceModifiedError) as exc:  # the old ETag no longer matches
        blob.set_blob_metadata({"ownerid": "b"}, etag=etag,
                               match_condition=__import__("azure.core").core.MatchConditions.IfNotModified)
    assert error_code(exc) == "ConditionNotMet"


def test_paging_follows_next_markers_in_lexicographic_order(container):
    names = ["p/%02d" % i for i in range(23)] + ["p/Z", "p/_", "p/a"]
    for name in names:
        container.upload_blob(name, b"")
    pages = list(container.list_blobs(name_starts_with="p/", results_per_page=5).by_page())
    seen = [[b.name for b in page] for page in pages]
    assert [len(p) for p in seen] == [5, 5, 5, 5, 5, 1]
    assert [n for p in seen for n in p] == sorted(names)  # byte order: 'Z' < '_' < 'a'


def test_short_pages_with_a_next_marker_are_followed(server, container):
    for i in range(6):
        container.upload_blob("s%d" % i, b"")
    server.admin("PUT", "faults", ["short-page:items=0:first=1:path=/%s" % container.container_name,
                                   "short-page:items=2:path=/%s" % container.container_name])
    try:
        pages = [[b.name for b in p] for p in container.list_blobs(results_per_page=5).by_page()]
    finally:
        server.admin("DELETE", "faults")
    assert pages[0] == [] and sum(pages, []) == ["s%d" % i for i in range(6)]


def test_maxresults_is_capped_at_5000(server):
    server.admin("PUT", "blobs/%s/bulk-container" % ACCOUNT, [{"name": "b%05d" % i} for i in range(5003)])
    client = ContainerClient.from_connection_string(server.connection_string, "bulk-container")
    pages = client.list_blobs(results_per_page=6000).by_page()
    first = list(next(pages))
    assert len(first) == 5000 and pages.continuation_token
    assert len(list(next(pages))) == 3


def test_delimiter_gives_blob_prefixes(container):
    for name in ["x/1", "x/2", "y/z/3", "top"]:
        container.upload_blob(name, b"")
    items = list(container.walk_blobs(delimiter="/"))
    assert sorted((i.name, type(i).__name__) for i in items) == [("top", "BlobProperties"), ("x/", "BlobPrefix"),
                                                                ("y/", "BlobPrefix")]
    assert [b.name for b in container.list_blobs(name_starts_with="x/")] == ["x/1", "x/2"]


def test_xml_illegal_names_are_listed_encoded(server, container):
    container.upload_blob("bad\x01name", b"")
    assert [b.name for b in container.list_blobs()] == ["bad\x01name"]
    status, _, body = server.request("GET", "/%s/%s?restype=container&comp=list" % (ACCOUNT, container.container_name),
                                     shared_key_headers("GET", "/%s/%s?restype=container&comp=list"
                                                        % (ACCOUNT, container.container_name), {}))
    assert status == 200 and b'<Name Encoded="true">bad%01name</Name>' in body


def test_list_xml_has_the_shape_the_sdk_parses(server, container):
    from azure.storage.blob._generated import models
    from azure.storage.blob._generated._utils.serialization import Deserializer

    container.upload_blob("k/1", b"abc", metadata={"sequencenumber": "9"})
    container.upload_blob("k/2", b"")
    path = "/%s/%s?restype=container&comp=list&prefix=k%%2F&maxresults=1&include=metadata" % (
        ACCOUNT, container.container_name)
    status, headers, body = server.request("GET", path, shared_key_headers("GET", path, {}))
    assert status == 200 and headers["content-type"] == "application/xml"

    root = ET.fromstring(body)
    assert root.tag == "EnumerationResults"
    assert root.get("ServiceEndpoint") == server.blob_endpoint + "/"
    assert root.get("ContainerName") == container.container_name
    assert [c.tag for c in root] == ["Prefix", "MaxResults", "Blobs", "NextMarker"]
    blob = root.find("Blobs/Blob")
    assert [c.tag for c in blob][:3] == ["Name", "Properties", "Metadata"]
    for tag in ("Creation-Time", "Last-Modified", "Etag", "Content-Length", "BlobType", "LeaseStatus", "LeaseState"):
        assert blob.find("Properties/" + tag) is not None, tag
    dt.datetime.strptime(blob.findtext("Properties/Last-Modified"), "%a, %d %b %Y %H:%M:%S GMT")

    models_by_name = {k: v for k, v in models.__dict__.items() if isinstance(v, type)}
    parsed = Deserializer(models_by_name)("ListBlobsFlatSegmentResponse", body.decode(), "application/xml")
    assert parsed.container_name == container.container_name and parsed.max_results == 1
    item = parsed.segment.blob_items[0]
    assert item.name.content == "k/1" and item.properties.content_length == 3
    assert item.metadata.additional_properties == {"sequencenumber": "9"}
    assert parsed.next_marker  # an opaque marker to send back
    next_path = path + "&marker=" + urllib.parse.quote(parsed.next_marker, safe="")
    status, _, body = server.request("GET", next_path, shared_key_headers("GET", next_path, {}))
    assert status == 200 and ET.fromstring(body).findtext("Blobs/Blob/Name") == "k/2"
    assert ET.fromstring(body).find("NextMarker").text is None


# --- Event Hubs checkpoint store (the real one) -------------------------------------------------------

def test_checkpoint_store_round_trip_and_ownership(server, container):
    store = BlobCheckpointStore.from_connection_string(server.connection_string, container.container_name)
    where = {"fully_qualified_namespace": "MyNS.servicebus.windows.net", "eventhub_name": "Hub",
             "consumer_group": "$Default"}
    for pid, seq in (("0", 100), ("1", 120), ("0", 150)):
        store.update_checkpoint(dict(where, partition_id=pid, sequence_number=seq, offset=str(seq * 10)))
    checkpoints = store.list_checkpoints(*where.values())
    assert [(c["partition_id"], c["sequence_number"], c["offset"]) for c in checkpoints] == \
        [("0", 150, "1500"), ("1", 120, "1200")]
    names = [b.name for b in container.list_blobs()]
    assert names == ["myns.servicebus.windows.net/hub/$default/checkpoint/0",
                     "myns.servicebus.windows.net/hub/$default/checkpoint/1"]  # the store lowercases all

    claimed = store.claim_ownership([dict(where, partition_id="0", owner_id="owner-a")])
    assert [o["owner_id"] for o in claimed] == ["owner-a"]
    stale = dict(claimed[0])
    renewed = store.claim_ownership([dict(claimed[0], owner_id="owner-a")])  # with the current ETag
    assert len(renewed) == 1
    assert store.claim_ownership([dict(stale, owner_id="owner-b")]) == []  # stale ETag: 412, ownership lost
    assert store.claim_ownership([dict(where, partition_id="0", owner_id="owner-c")]) == []  # no ETag: exists
    owners = store.list_ownership(*where.values())
    assert [(o["partition_id"], o["owner_id"]) for o in owners] == [("0", "owner-a")]


# --- SAS ----------------------------------------------------------------------------------------------

def in_hours(h):
    return dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=h)


def test_container_sas_from_the_sdk_reads_but_may_not_write(server, container):
    container.upload_blob("r", b"data")
    sas = generate_container_sas(ACCOUNT, container.container_name, account_key=KEY,
                                 permission=ContainerSasPermissions(read=True, list=True), expiry=in_hours(1))
    client = ContainerClient(server.blob_endpoint, container.container_name, credential=sas)
    assert [b.name for b in client.list_blobs()] == ["r"]
    assert client.download_blob("r").readall() == b"data"
    with pytest.raises(HttpResponseError) as exc:
        client.upload_blob("w", b"")
    assert exc.value.status_code == 403 and error_code(exc) == "AuthorizationPermissionMismatch"
    other = ContainerClient(server.blob_endpoint, "another-container", credential=sas)
    with pytest.raises(ClientAuthenticationError) as exc:  # signed for a different container
        list(other.list_blobs())
    assert error_code(exc) == "AuthenticationFailed"


def test_blob_sas_covers_only_its_blob(server, container):
    container.upload_blob("one", b"1")
    container.upload_blob("two", b"2")
    sas = generate_blob_sas(ACCOUNT, container.container_name, "one", account_key=KEY,
                            permission=BlobSasPermissions(read=True), expiry=in_hours(1))
    client = ContainerClient(server.blob_endpoint, container.container_name, credential=sas)
    assert client.download_blob("one").readall() == b"1"
    with pytest.raises(ClientAuthenticationError):
        client.download_blob("two").readall()


def test_account_sas_from_the_sdk_creates_and_writes(server):
    sas = generate_account_sas(ACCOUNT, KEY, resource_types=ResourceTypes(container=True, object=True),
                               permission=AccountSasPermissions(read=True, write=True, list=True, create=True),
                               expiry=in_hours(1))
    service = BlobServiceClient(server.blob_endpoint, credential=sas)
    client = service.create_container("account-sas-container")
    client.upload_blob("x", b"1", metadata={"k": "v"})
    assert [b.metadata for b in client.list_blobs(include=["metadata"])] == [{"k": "v"}]
    objects_only = generate_account_sas(ACCOUNT, KEY, resource_types=ResourceTypes(object=True),
                                        permission=AccountSasPermissions(read=True, list=True), expiry=in_hours(1))
    with pytest.raises(HttpResponseError) as exc:
        list(ContainerClient(server.blob_endpoint, "account-sas-container", credential=objects_only).list_blobs())
    assert error_code(exc) == "AuthorizationResourceTypeMismatch"


def test_list_containers_answers_the_sdk_with_a_key_or_a_service_level_account_sas(server):
    service = BlobServiceClient(server.blob_endpoint, credential={"account_name": ACCOUNT, "account_key": KEY})
    service.get_container_client("listed-b").create_container()
    service.get_container_client("listed-a").create_container()
    names = [c.name for c in service.list_containers()]
    assert names == sorted(names) and {"listed-a", "listed-b"} <= set(names)
    sas = generate_account_sas(ACCOUNT, KEY, resource_types=ResourceTypes(service=True),
                               permission=AccountSasPermissions(list=True), expiry=in_hours(1))
    assert [c.name for c in BlobServiceClient(server.blob_endpoint, credential=sas).list_containers()] == names
    containers_only = generate_account_sas(ACCOUNT, KEY, resource_types=ResourceTypes(container=True, object=True),
                                           permission=AccountSasPermissions(read=True, list=True), expiry=in_hours(1))
    with pytest.raises(HttpResponseError) as exc:
        list(BlobServiceClient(server.blob_endpoint, credential=containers_only).list_containers())
    assert error_code(exc) == "AuthorizationResourceTypeMismatch"


@pytest.mark.parametrize("case", ["wrong-key", "expired", "not-yet-valid", "wrong-account-key"])
def test_bad_sas_and_keys_are_refused_with_authentication_failed(server, container, case):
    key = base64.b64encode(b"not the account key at all......").decode()
    if case == "wrong-account-key":
        client = ContainerClient(server.blob_endpoint, container.container_name,
                                 credential={"account_name": ACCOUNT, "account_key": key})
    else:
        kwargs = {"wrong-key": dict(account_key=key, expiry=in_hours(1)),
                  "expired": dict(account_key=KEY, expiry=in_hours(-1)),
                  "not-yet-valid": dict(account_key=KEY, start=in_hours(1), expiry=in_hours(2))}[case]
        sas = generate_container_sas(ACCOUNT, container.container_name, permission=ContainerSasPermissions(list=True),
                                     **kwargs)
        client = ContainerClient(server.blob_endpoint, container.container_name, credential=sas)
    with pytest.raises(ClientAuthenticationError) as exc:
        list(client.list_blobs())
    assert exc.value.status_code == 403 and error_code(exc) == "AuthenticationFailed"
    detail = ET.fromstring(exc.value.response.text()).findtext("AuthenticationErrorDetail")
    if case in ("expired", "not-yet-valid"):
        assert "not valid in the specified time frame" in detail
    else:
        assert "string to sign" in detail and KEY not in detail and key not in detail


def test_tampered_old_or_anonymous_requests_are_refused(server, container):
    path = "/%s/%s?restype=container&comp=list" % (ACCOUNT, container.container_name)
    headers = shared_key_headers("GET", path, {"x-ms-client-request-id": "abc"})
    assert server.request("GET", path, headers)[0] == 200
    tampered = dict(headers, **{"x-ms-client-request-id": "abd"})
    status, response_headers, body = server.request("GET", path, tampered)
    assert status == 403 and response_headers["x-ms-error-code"] == "AuthenticationFailed"
    assert ET.fromstring(body).find("AuthenticationErrorDetail") is not None
    other_query = path.replace("comp=list", "comp=list&prefix=a")
    assert server.request("GET", other_query, headers)[0] == 403  # query not covered by the signature
    old = shared_key_headers("GET", path, {"x-ms-date": rfc1123(dt.datetime.now(dt.timezone.utc)
                                                                  - dt.timedelta(minutes=16))})
    status, _, body = server.request("GET", path, old)
    assert status == 403 and b"Request date header too old" in body
    status, response_headers, _ = server.request("GET", path)
    assert status == 404 and response_headers["x-ms-error-code"] == "ResourceNotFound"  # anonymous


def test_other_accounts_use_their_own_key(server):
    path = "/%s/acct-container?restype=container" % OTHER_ACCOUNT
    assert server.request("PUT", path, shared_key_headers("PUT", path, {}, OTHER_ACCOUNT, OTHER_KEY))[0] == 201
    status, headers, _ = server.request("PUT", path, shared_key_headers("PUT", path, {}, OTHER_ACCOUNT, KEY))
    assert status == 403 and headers["x-ms-error-code"] == "AuthenticationFailed"


def test_bearer_tokens(server, container):
    path = "/%s/%s?restype=container&comp=list" % (ACCOUNT, container.container_name)
    version = {"x-ms-version": "2021-08-06"}
    assert server.request("GET", path, dict(version, Authorization="Bearer " + TOKEN))[0] == 200
    assert server.request("GET", path, dict(version, Authorization="Bearer " + READER_TOKEN))[0] == 200
    put = "/%s/%s/new" % (ACCOUNT, container.container_name)
    status, headers, _ = server.request("PUT", put, dict(version, Authorization="Bearer " + READER_TOKEN,
                                                         **{"x-ms-blob-type": "BlockBlob"}))
    assert status == 403 and headers["x-ms-error-code"] == "AuthorizationPermissionMismatch"
    status, headers, _ = server.request("GET", path, dict(version, Authorization="Bearer nope"))
    assert status == 401 and headers["x-ms-error-code"] == "InvalidAuthenticationInfo"
    assert headers["www-authenticate"].startswith("Bearer authorization_uri=")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_bearer_token_from_the_sdk_over_https(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)

    class FixedToken:
        def get_token(self, *scopes, **kwargs):
            assert scopes == ("https://storage.azure.com/.default",)
            return AccessToken(TOKEN, int(time.time()) + 3600)

    with azure_server("--cert", str(cert), "--key", str(key), "--bearer-token", TOKEN, scheme="https") as tls:
        service = BlobServiceClient(tls.blob_endpoint, credential=FixedToken(), connection_verify=str(cert))
        client = service.create_container("tls-container")
        client.upload_blob("b", b"over tls")
        assert client.download_blob("b").readall() == b"over tls"
        assert {e["auth"] for e in tls.admin("GET", "log")} == {"bearer"}


# --- Event Hubs REST ----------------------------------------------------------------------------------

def test_eventhubs_sas_sdk_vector():
    uri = "https://myns.servicebus.windows.net/myhub"
    token = azure_auth.make_eventhubs_sas(uri, EH_POLICY, EH_KEY, 1767225600)
    assert token == ("SharedAccessSignature sr=https%3A%2F%2Fmyns.servicebus.windows.net%2Fmyhub&sig=%2BZZv%2FLSLF"
                     "dwK%2BjOEoizeSuXetfbTbynYUjvn3FHOFwg%3D&se=1767225600&skn=RootManageSharedAccessKey")
    go_style = azure_auth.make_eventhubs_sas(uri, EH_POLICY, EH_KEY, 1767225600, lowercase_encoding=True)
    assert "sig=" + urllib.parse.quote_plus("Nk+eixLzxcVn0zHPdPUMoLnDW9yT++JazaPTTOumymY=") in go_style
    from azure.eventhub._pyamqp.utils import generate_sas_token  # the SDK's own builder agrees

    assert generate_sas_token(uri, EH_POLICY, EH_KEY, 1767225600) == token


def eh_get(server, path, token):
    headers = {"Authorization": token} if token else {}
    return server.request("GET", path, headers)


def ns_uri(server, path=""):
    return "sb://127.0.0.1:%d/%s" % (server.port, path)


def test_eventhubs_runtime_information(server):
    from azure.eventhub._pyamqp.utils import generate_sas_token

    token = generate_sas_token(ns_uri(server, "orders"), EH_POLICY, EH_KEY, int(time.time()) + 600)
    ns = {"a": "http://www.w3.org/2005/Atom", "sb": "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect",
          "arr": "http://schemas.microsoft.com/2003/10/Serialization/Arrays"}
    status, headers, body = eh_get(server, "/orders?api-version=2014-01", token)
    assert status == 200 and headers["content-type"].startswith("application/atom+xml;type=entry")
    description = ET.fromstring(body).find("a:content/sb:EventHubDescription", ns)
    assert description.findtext("sb:PartitionCount", namespaces=ns) == "4"
    assert [e.text for e in description.findall("sb:PartitionIds/arr:string", ns)] == ["0", "1", "2", "3"]

    status, _, body = eh_get(server, "/orders/consumergroups/$Default/partitions/2?api-version=2015-01", token)
    partition = ET.fromstring(body).find("a:content/sb:PartitionDescription", ns)
    assert (partition.findtext("sb:BeginSequenceNumber", namespaces=ns),
            partition.findtext("sb:EndSequenceNumber", namespaces=ns),
            partition.findtext("sb:LastEnqueuedOffset", namespaces=ns)) == ("-1", "-1", "-1")
    status, _, body = eh_get(server, "/orders/consumergroups/%24Default/partitions?api-version=2015-01", token)
    entries = ET.fromstring(body).findall("a:entry", ns)
    assert [e.findtext("a:content/sb:PartitionDescription/sb:EndSequenceNumber", namespaces=ns) for e in entries] \
        == ["100", "200", "-1", "5"]
    assert entries[0].find("a:content/sb:PartitionDescription/sb:LastEnqueuedTimeUtc", ns) is not None
    status, _, body = eh_get(server, "/orders/consumergroups/$Default/partitions/0?api-version=2014-01", token)
    assert b"LastEnqueuedOffset" not in body  # only from 2015-01 on


def test_eventhubs_large_hubs_are_cheap(server):
    token = azure_auth.make_eventhubs_sas(ns_uri(server), EH_POLICY, EH_KEY, int(time.time()) + 600)
    started = time.monotonic()
    status, _, body = eh_get(server, "/wide/consumergroups/$Default/partitions?api-version=2015-01", token)
    assert status == 200 and time.monotonic() - started < 2
    assert body.count(b"<EndSequenceNumber>7</EndSequenceNumber>") == 1024
    assert eh_get(server, "/wide/consumergroups/$Default/partitions/1023?api-version=2015-01", token)[0] == 200
    assert eh_get(server, "/wide/consumergroups/$Default/partitions/1024?api-version=2015-01", token)[0] == 404


@pytest.mark.parametrize("case,detail", [
    ("expired", b"ExpiredToken"), ("wrong-key", b"InvalidSignature"), ("other-hub", b"InvalidAudience"),
    ("unknown-policy", b"InvalidSignature"), ("missing", b"MissingToken"),
])
def test_eventhubs_bad_tokens_are_refused(server, case, detail):
    soon = int(time.time()) + 600
    token = {
        "expired": azure_auth.make_eventhubs_sas(ns_uri(server, "orders"), EH_POLICY, EH_KEY, int(time.time()) - 1),
        "wrong-key": azure_auth.make_eventhubs_sas(ns_uri(server, "orders"), EH_POLICY, "another key", soon),
        "other-hub": azure_auth.make_eventhubs_sas(ns_uri(server, "ord"), EH_POLICY, EH_KEY, soon),
        "unknown-policy": azure_auth.make_eventhubs_sas(ns_uri(server, "orders"), "ListenOnly", EH_KEY, soon),
        "missing": None,
    }[case]
    status, _, body = eh_get(server, "/orders?api-version=2014-01", token)
    assert status == 401 and b"<Code>401</Code>" in body and detail in body


def test_eventhubs_accepts_namespace_tokens_go_encoding_and_bearer(server):
    soon = int(time.time()) + 600
    for token in (azure_auth.make_eventhubs_sas("https://127.0.0.1:%d/" % server.port, EH_POLICY, EH_KEY, soon),
                  azure_auth.make_eventhubs_sas(ns_uri(server, "orders"), EH_POLICY, EH_KEY, soon, True),
                  "Bearer " + TOKEN):
        assert eh_get(server, "/orders/consumergroups/$Default/partitions/0?api-version=2015-01", token)[0] == 200
    token = azure_auth.make_eventhubs_sas(ns_uri(server), EH_POLICY, EH_KEY, soon)
    assert eh_get(server, "/nohub?api-version=2014-01", token)[0] == 404
    assert eh_get(server, "/orders/consumergroups/other/partitions/0?api-version=2015-01", token)[0] == 404


# --- faults -------------------------------------------------------------------------------------------

@pytest.fixture
def sas_path(server, container):
    container.upload_blob("f", b"0123456789" * 10)
    sas = generate_container_sas(ACCOUNT, container.container_name, account_key=KEY,
                                 permission=ContainerSasPermissions(read=True, list=True), expiry=in_hours(1))
    yield lambda blob=None: ("/%s/%s/%s?%s" % (ACCOUNT, container.container_name, blob, sas) if blob else
                             "/%s/%s?restype=container&comp=list&%s" % (ACCOUNT, container.container_name, sas))
    server.admin("DELETE", "faults")


def test_throttling_first_n_then_success(server, sas_path):
    server.admin("PUT", "faults", ["throttle:status=503:first=2:retry-after=3", "latency:ms=150:first=1"])
    started = time.monotonic()
    status, headers, _ = server.request("GET", sas_path("f"))
    assert time.monotonic() - started >= 0.15
    assert status == 503 and headers["retry-after"] == "3" and headers["x-ms-error-code"] == "ServerBusy"
    assert server.request("GET", sas_path("f"))[0] == 503
    assert server.request("GET", sas_path("f"))[0] == 200
    server.admin("PUT", "faults", [{"kind": "throttle", "status": 429, "every": 2}])
    assert [server.request("GET", sas_path("f"))[0] for _ in range(4)] == [200, 429, 200, 429]


def test_connection_faults(server, sas_path):
    server.admin("PUT", "faults", ["drop:first=1"])
    with pytest.raises(http.client.RemoteDisconnected):
        server.request("GET", sas_path("f"))
    server.admin("PUT", "faults", ["truncate:first=1"])
    with pytest.raises(http.client.IncompleteRead):
        server.request("GET", sas_path("f"))
    server.admin("PUT", "faults", ["reset:first=1"])
    with pytest.raises((ConnectionResetError, http.client.IncompleteRead)):
        server.request("GET", sas_path("f"))
    server.admin("PUT", "faults", ["malformed-xml:first=1:method=GET"])
    status, _, body = server.request("GET", sas_path())
    assert status == 200
    with pytest.raises(ET.ParseError):
        ET.fromstring(body)
    assert server.request("GET", sas_path("f"))[0] == 200  # every fault was first=1
    assert [f["seen"] for f in server.admin("GET", "faults")] == [2]


def test_keep_alive_serves_many_requests_on_one_connection(server, sas_path):
    conn = server.connection()
    for _ in range(3):
        conn.request("GET", sas_path("f"))
        response = conn.getresponse()
        assert response.status == 200 and len(response.read()) == 100
    conn.close()


def raw_response_head(server, path):
    """The status line and header lines exactly as sent (http.client would strip what we look at)."""
    import socket
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")


def test_padded_headers_surround_every_value_with_optional_whitespace(server, container, sas_path):
    container.upload_blob("meta", b"{}", metadata={"sequencenumber": "5"})
    server.admin("PUT", "faults", ["padded-headers:path=/meta"])
    head = raw_response_head(server, sas_path("meta"))
    assert head[0] == "HTTP/1.1 200 OK"
    assert "x-ms-meta-sequencenumber:  \t5\t " in head
    assert "Content-Length:  \t2\t " in head
    assert all(re.match(r"^[^:]+:  \t.*\t $", line) for line in head[1:]), head
    # Only the wire form changes: the stored value, and the listing that shows it, stay "5".
    status, _, body = server.request("GET", sas_path() + "&include=metadata")
    assert status == 200 and b"<sequencenumber>5</sequencenumber>" in body
    assert [entry["fault"] for entry in server.admin("GET", "log")[-2:]] == ["padded-headers", None]
    # Fixtures hold what Azure can hold: a value given with surrounding whitespace is stored without it.
    server.admin("PUT", "blobs/%s/%s" % (ACCOUNT, container.container_name),
                 [{"name": "padded", "metadata": {"sequencenumber": " \t5 "}}])
    assert container.get_blob_client("padded").get_blob_properties().metadata == {"sequencenumber": "5"}


def test_faults_from_the_command_line():
    with azure_server("--fault", "throttle:status=429:first=1:service=eventhubs") as s:
        assert s.request("GET", "/hub?api-version=2014-01")[0] == 429
        assert s.request("GET", "/hub?api-version=2014-01")[0] == 401


# --- request log --------------------------------------------------------------------------------------

def test_request_log_records_every_request_without_secrets(server, container):
    server.admin("DELETE", "log")
    sas = generate_container_sas(ACCOUNT, container.container_name, account_key=KEY,
                                 permission=ContainerSasPermissions(read=True, list=True), expiry=in_hours(1))
    reader = ContainerClient(server.blob_endpoint, container.container_name, credential=sas)
    list(reader.list_blobs(include=["metadata"]))
    with pytest.raises(ResourceNotFoundError):
        reader.get_blob_client("nothing").get_blob_properties()
    server.request("GET", "/__admin/faults")  # admin traffic is not logged
    log = server.admin("GET", "log")
    assert [(e["method"], e["operation"], e["status"], e["auth"]) for e in log] == [
        ("GET", "ListBlobs", 200, "sas-service"), ("HEAD", "GetBlobProperties", 404, "sas-service")]
    assert {e["method"] for e in log} <= {"GET", "HEAD"}
    assert log[0]["query"]["sig"] == "REDACTED" and log[0]["query"]["include"] == "metadata"
    assert log[1]["error"] == "BlobNotFound"
    with open(server.process.args[server.process.args.index("--log") + 1]) as f:
        lines = [json.loads(line) for line in f]
    assert lines == log
    text = json.dumps(lines)
    assert KEY not in text and urllib.parse.parse_qs(sas)["sig"][0] not in text


def test_seed_script_writes_every_layout_with_the_sdk(server):
    output = subprocess.run(
        [sys.executable, os.path.join(HERE, "seed_checkpoints.py"), "--endpoint", server.blob_endpoint,
         "--container", "seeded", "--namespace", "ns.servicebus.windows.net", "--hub", "hub",
         "--consumer-group", "$Default", "--sequence", "0=100,1=120", "--spec",
         json.dumps([{"strategy": s} for s in ("blobMetadata", "azureFunction", "goSdk", "dapr", "default")])],
        check=True, capture_output=True, text=True).stdout
    written = [json.loads(line) for line in output.splitlines()]
    assert [(w["container"], w["blob"]) for w in written if w["partition"] == "0"] == [
        ("seeded", "ns.servicebus.windows.net/hub/$default/checkpoint/0"),
        ("azure-webjobs-eventhub", "ns.servicebus.windows.net/hub/$Default/0"),
        ("seeded", "0"), ("seeded", "dapr-hub-$Default-0"), ("seeded", "$Default/0")]
    seeded = ContainerClient.from_connection_string(server.connection_string, "seeded")
    meta = seeded.get_blob_client("ns.servicebus.windows.net/hub/$default/checkpoint/1").get_blob_properties()
    assert meta.metadata["sequencenumber"] == "120" and meta.size == 0
    assert seeded.download_blob("dapr-hub-$Default-0").readall() == (
        b'{"partitionID":"0","epoch":0,"owner":"","checkpoint":{"sequenceNumber":100,"enqueueTime":""},'
        b'"state":"","token":""}')
    functions = ContainerClient.from_connection_string(server.connection_string, "azure-webjobs-eventhub")
    assert functions.download_blob("ns.servicebus.windows.net/hub/$Default/1").readall() == (
        b'{"SequenceNumber":120,"PartitionId":"1","Owner":"","Token":"","Epoch":0}')


def test_hubs_from_a_json_file_and_namespace_aliases(tmp_path):
    hubs = tmp_path / "hubs.json"
    hubs.write_text(json.dumps([{"name": "Telemetry", "partitions": 2, "last": [9, 4], "offset": ["90", "40"],
                                 "consumer-groups": ["$Default", "keda"]}]))
    with azure_server("--hubs-file", str(hubs), "--eventhub-policy", "%s:%s" % (EH_POLICY, EH_KEY),
                      "--eventhub-namespace", "myns.servicebus.windows.net") as s:
        soon = int(time.time()) + 600
        token = azure_auth.make_eventhubs_sas("sb://myns.servicebus.windows.net/telemetry", EH_POLICY, EH_KEY, soon)
        status, _, body = eh_get(s, "/telemetry/consumergroups/keda/partitions/1?api-version=2015-01", token)
        assert status == 200 and b"<EndSequenceNumber>4</EndSequenceNumber>" in body
        assert b"<LastEnqueuedOffset>40</LastEnqueuedOffset>" in body
        other = azure_auth.make_eventhubs_sas("sb://otherns.servicebus.windows.net/", EH_POLICY, EH_KEY, soon)
        assert eh_get(s, "/telemetry?api-version=2014-01", other)[0] == 401
        s.admin("PUT", "hubs/telemetry", {"partitions": 1, "last": [11]})
        status, _, body = eh_get(s, "/telemetry/consumergroups/$Default/partitions/0?api-version=2015-01", token)
        assert b"<EndSequenceNumber>11</EndSequenceNumber>" in body


def test_head_returns_metadata_headers_with_their_case(server, container):
    container.upload_blob("h", b"", metadata={"SequenceNumber": "5", "offset": "1"})
    path = "/%s/%s/h" % (ACCOUNT, container.container_name)
    status, headers, body = server.request("HEAD", path, shared_key_headers("HEAD", path, {}))
    assert status == 200 and body == b"" and headers["content-length"] == "0"
    conn = server.connection()
    conn.request("HEAD", path, headers=shared_key_headers("HEAD", path, {}))
    raw = conn.getresponse()
    names = [n for n, _ in raw.getheaders() if n.lower().startswith("x-ms-meta-")]
    conn.close()
    assert names == ["x-ms-meta-SequenceNumber", "x-ms-meta-offset"]
