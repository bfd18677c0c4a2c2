"""The Entra ID side of azure_server.py is faithful: the real azure-identity package gets tokens from it
(ClientSecretCredential, WorkloadIdentityCredential, ManagedIdentityCredential through IMDS and App
Service) and azure-storage-blob reads a blob with them, over TLS with a test CA; Blob and Event Hubs
refuse wrong audiences, expired tokens and missing roles the way Azure words it."""

import json
import os
import tempfile

import pytest
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
from azure.identity import ClientSecretCredential, ManagedIdentityCredential, WorkloadIdentityCredential
from azure.storage.blob import BlobServiceClient

import azure_identity as identity
import kube_certs
from azure_harness import azure_server

TENANT = "test-tenant"
APP, SECRET = "app-client", "app-secret-value"
WI_APP, SUBJECT = "wi-client", "system:serviceaccount:fn:wi-sa"
MI_CLIENT, IDENTITY_HEADER = "mi-client", "identity-header-value"
NO_STORAGE_ROLE = "no-storage-client"
STORAGE_SCOPE = "https://storage.azure.com/.default"
EVENTHUBS_SCOPE = "https://eventhubs.azure.net/.default"


@pytest.fixture(scope="module")
def certs():
    with tempfile.TemporaryDirectory() as directory:
        yield kube_certs.generate(directory)


@pytest.fixture(scope="module")
def server(certs):
    with azure_server("--cert", certs["server.crt"], "--key", certs["server.key"], "--tenant", TENANT,
                      "--client", "%s:%s" % (APP, SECRET), "--client", "%s:other-secret" % NO_STORAGE_ROLE,
                      "--roles", "%s=eventhubs" % NO_STORAGE_ROLE, "--federated", "%s:%s" % (WI_APP, SUBJECT),
                      "--managed-identity", MI_CLIENT, "--identity-header", IDENTITY_HEADER,
                      "--hub", "orders:partitions=2:last=10,20", scheme="https") as running:
        service = BlobServiceClient.from_connection_string(running.connection_string, connection_verify=certs["ca.crt"])
        container = service.get_container_client("checkpoints")
        container.create_container()
        container.upload_blob("ns/orders/$default/checkpoint/0", b"", metadata={"sequencenumber": "7"})
        yield running


@pytest.fixture
def tls_env(monkeypatch, certs):
    # azure-identity's transport (requests) trusts the test CA through this, as a user would set it.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certs["ca.crt"])
    return monkeypatch


def authority(server):
    return "https://127.0.0.1:%d" % server.port


def read_blob_with(server, credential, ca):
    service = BlobServiceClient(server.blob_endpoint, credential=credential, connection_verify=ca)
    container = service.get_container_client("checkpoints")
    names = [b.name for b in container.list_blobs(include=["metadata"])]
    props = container.get_blob_client("ns/orders/$default/checkpoint/0").get_blob_properties()
    return names, props.metadata


def test_client_secret_credential_reads_a_blob(server, tls_env, certs):
    credential = ClientSecretCredential(TENANT, APP, SECRET, authority=authority(server),
                                        disable_instance_discovery=True)
    names, metadata = read_blob_with(server, credential, certs["ca.crt"])
    assert names == ["ns/orders/$default/checkpoint/0"] and metadata == {"sequencenumber": "7"}
    log = server.admin("GET", "log")
    posts = [e for e in log if e["method"] == "POST"]
    assert posts and all(e["auth"] == "client-secret" and e["path"] == "/%s/oauth2/v2.0/token" % TENANT for e in posts)
    assert not any(SECRET in json.dumps(e) for e in log)


def test_workload_identity_credential_reads_a_blob(server, tls_env, certs, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(identity.mint_service_account_token(SUBJECT))
    credential = WorkloadIdentityCredential(tenant_id=TENANT, client_id=WI_APP, token_file_path=str(token_file),
                                            authority=authority(server))
    names, _ = read_blob_with(server, credential, certs["ca.crt"])
    assert names == ["ns/orders/$default/checkpoint/0"]
    assert any(e["auth"] == "client-assertion" for e in server.admin("GET", "log"))


def test_workload_identity_with_another_subject_gets_aadsts70021(server, tls_env, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(identity.mint_service_account_token("system:serviceaccount:fn:other"))
    credential = WorkloadIdentityCredential(tenant_id=TENANT, client_id=WI_APP, token_file_path=str(token_file),
                                            authority=authority(server))
    with pytest.raises(ClientAuthenticationError, match="AADSTS70021"):
        credential.get_token(STORAGE_SCOPE)


def test_wrong_secret_gets_aadsts7000215(server, tls_env):
    credential = ClientSecretCredential(TENANT, APP, "wrong", authority=authority(server),
                                        disable_instance_discovery=True)
    with pytest.raises(ClientAuthenticationError, match="AADSTS7000215"):
        credential.get_token(STORAGE_SCOPE)


def test_managed_identity_through_imds_reads_a_blob(server, tls_env, certs):
    tls_env.delenv("IDENTITY_ENDPOINT", raising=False)
    tls_env.delenv("IDENTITY_HEADER", raising=False)
    tls_env.setenv("AZURE_POD_IDENTITY_AUTHORITY_HOST", authority(server))
    names, _ = read_blob_with(server, ManagedIdentityCredential(client_id=MI_CLIENT), certs["ca.crt"])
    assert names == ["ns/orders/$default/checkpoint/0"]
    assert any(e["auth"] == "managed-identity-imds" for e in server.admin("GET", "log"))


def test_managed_identity_through_app_service_reads_a_blob(server, tls_env, certs):
    tls_env.setenv("IDENTITY_ENDPOINT", authority(server) + "/msi/token")
    tls_env.setenv("IDENTITY_HEADER", IDENTITY_HEADER)
    names, _ = read_blob_with(server, ManagedIdentityCredential(), certs["ca.crt"])
    assert names == ["ns/orders/$default/checkpoint/0"]
    log = server.admin("GET", "log")
    assert any(e["auth"] == "managed-identity-app-service" for e in log)
    assert not any(IDENTITY_HEADER in json.dumps(e) for e in log)


def test_event_hubs_runtime_accepts_an_eventhubs_token(server, tls_env):
    token = ClientSecretCredential(TENANT, APP, SECRET, authority=authority(server),
                                   disable_instance_discovery=True).get_token(EVENTHUBS_SCOPE).token
    status, _, body = server.request("GET", "/orders?api-version=2014-01", {"Authorization": "Bearer " + token})
    assert status == 200 and b"PartitionIds" in body


def test_storage_refuses_an_eventhubs_token_as_azure_words_it(server, tls_env, certs):
    token = ClientSecretCredential(TENANT, APP, SECRET, authority=authority(server),
                                   disable_instance_discovery=True).get_token(EVENTHUBS_SCOPE).token
    status, headers, body = server.request("GET", "/devstoreaccount1/checkpoints?restype=container&comp=list",
                                           {"Authorization": "Bearer " + token, "x-ms-version": "2021-08-06"})
    assert status == 401 and headers["x-ms-error-code"] == "InvalidAuthenticationInfo"
    assert b"Audience validation failed. Audience did not match." in body


def test_event_hubs_refuses_a_storage_token(server, tls_env):
    token = ClientSecretCredential(TENANT, APP, SECRET, authority=authority(server),
                                   disable_instance_discovery=True).get_token(STORAGE_SCOPE).token
    status, _, body = server.request("GET", "/orders?api-version=2014-01", {"Authorization": "Bearer " + token})
    assert status == 401 and b"InvalidAudience" in body


def test_expired_tokens_are_refused_on_both_planes(server):
    storage = identity.mint_access_token(STORAGE_SCOPE, APP, TENANT, lifetime=-5)
    status, _, body = server.request("GET", "/devstoreaccount1/checkpoints?restype=container&comp=list",
                                     {"Authorization": "Bearer " + storage, "x-ms-version": "2021-08-06"})
    assert status == 401 and b"Lifetime validation failed. The token is expired." in body
    hubs = identity.mint_access_token(EVENTHUBS_SCOPE, APP, TENANT, lifetime=-5)
    status, _, body = server.request("GET", "/orders?api-version=2014-01", {"Authorization": "Bearer " + hubs})
    assert status == 401 and b"ExpiredToken" in body


def test_without_the_data_reader_role_storage_answers_permission_mismatch(server, tls_env, certs):
    credential = ClientSecretCredential(TENANT, NO_STORAGE_ROLE, "other-secret", authority=authority(server),
                                        disable_instance_discovery=True)
    with pytest.raises(HttpResponseError) as raised:
        read_blob_with(server, credential, certs["ca.crt"])
    assert raised.value.error_code == "AuthorizationPermissionMismatch"


def test_a_token_reads_but_never_writes(server, tls_env, certs):
    credential = ClientSecretCredential(TENANT, APP, SECRET, authority=authority(server),
                                        disable_instance_discovery=True)
    service = BlobServiceClient(server.blob_endpoint, credential=credential, connection_verify=certs["ca.crt"])
    with pytest.raises(HttpResponseError) as raised:
        service.get_container_client("checkpoints").upload_blob("x", b"1")
    assert raised.value.error_code == "AuthorizationPermissionMismatch"
