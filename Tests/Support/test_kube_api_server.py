"""Checks the test API server against the real kubectl: discovery, lists, paging, selectors,
403s, token and client-certificate auth."""
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from kube_certs import generate  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("kubectl") is None or shutil.which("openssl") is None,
                                reason="needs kubectl and openssl")

MANIFESTS = textwrap.dedent("""\
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: orders, namespace: fn, labels: {app: orders, tier: web}}
    spec: {replicas: 1, selector: {matchLabels: {app: orders}}, template: {metadata: {labels: {app: orders}}, spec: {containers: [{name: app, image: orders:1}]}}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: billing, namespace: fn, labels: {app: billing, tier: web}}
    spec: {replicas: 2, selector: {matchLabels: {app: billing}}, template: {metadata: {labels: {app: billing}}, spec: {containers: [{name: app, image: billing:1}]}}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: keda-operator, namespace: keda, labels: {app: keda-operator}}
    spec: {replicas: 1, selector: {matchLabels: {app: keda-operator}}, template: {metadata: {labels: {app: keda-operator}}, spec: {containers: [{name: keda, image: keda:2}]}}}
    ---
    apiVersion: keda.sh/v1alpha1
    kind: ScaledObject
    metadata: {name: orders, namespace: fn}
    spec:
      scaleTargetRef: {name: orders}
      triggers: [{type: azure-eventhub, metadata: {connectionFromEnv: EventHubConnection}}]
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: orders-secrets, namespace: fn}
    stringData: {eventhub: "Endpoint=sb://x/;SharedAccessKey=k"}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: orders-config, namespace: fn}
    data: {ns: orders-ns}
    """)

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    root = tmp_path_factory.mktemp("kube")
    certs = generate(str(root / "certs"))
    (root / "manifests.yaml").write_text(MANIFESTS)
    log = root / "requests.log"
    process = subprocess.Popen(
        [sys.executable, "-u", os.path.join(HERE, "kube_api_server.py"), "--cert", certs["server.crt"],
         "--key", certs["server.key"], "--client-ca", certs["ca.crt"], "--token", TOKEN,
         "--manifests", str(root / "manifests.yaml"), "--forbid", "secrets", "--forbid", "configmaps@cluster", "--forbid", "services@keda", "--log", str(log)],
        stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith("READY "), line
    port = int(line.split()[1])
    kubeconfig = root / "kubeconfig"
    kubeconfig.write_text(textwrap.dedent(f"""\
        apiVersion: v1
        kind: Config
        current-context: token
        clusters:
        - name: test
          cluster: {{server: "https://127.0.0.1:{port}", certificate-authority: {certs["ca.crt"]}}}
        users:
        - name: token-user
          user: {{token: {TOKEN}}}
        - name: cert-user
          user: {{client-certificate: {certs["client.crt"]}, client-key: {certs["client.key"]}}}
        - name: bad-token
          user: {{token: wrong}}
        contexts:
        - name: token
          context: {{cluster: test, user: token-user}}
        - name: cert
          context: {{cluster: test, user: cert-user, namespace: fn}}
        - name: bad
          context: {{cluster: test, user: bad-token}}
        """))
    yield {"kubeconfig": str(kubeconfig), "log": log, "root": root, "port": port}
    process.terminate()
    process.wait(timeout=10)


def kubectl(cluster, *args, check=True):
    env = dict(os.environ, KUBECONFIG=cluster["kubeconfig"], KUBECACHEDIR=str(cluster["root"] / "cache"))
    result = subprocess.run(["kubectl", *args], capture_output=True, text=True, env=env, timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def names(output):
    return sorted(line.split("/", 1)[1] for line in output.split())


@pytest.mark.parametrize("context", ["token", "cert"])
def test_get_deployments_all_namespaces(cluster, context):
    result = kubectl(cluster, "--context", context, "get", "deployments", "-A")
    rows = [line.split() for line in result.stdout.strip().splitlines()[1:]]
    assert sorted((row[0], row[1]) for row in rows) == [("fn", "billing"), ("fn", "orders"), ("keda", "keda-operator")]
    assert names(kubectl(cluster, "--context", context, "get", "deploy", "-A", "-o", "name").stdout) == \
        ["billing", "keda-operator", "orders"]


def test_requests_are_logged_with_the_user(cluster):
    kubectl(cluster, "--context", "cert", "get", "configmaps", "-o", "name")
    lines = cluster["log"].read_text().splitlines()
    assert any(line.startswith("GET /api/v1/namespaces/fn/configmaps") and line.endswith(" cert-user") for line in lines)
    assert any(line.endswith(" token-user") for line in lines)


def test_crd_group_discovered(cluster):
    result = kubectl(cluster, "get", "scaledobjects.keda.sh", "-n", "fn", "-o", "name")
    assert result.stdout.split() == ["scaledobject.keda.sh/orders"]
    assert kubectl(cluster, "get", "so", "-n", "fn", "-o", "name").stdout.split() == ["scaledobject.keda.sh/orders"]
    assert kubectl(cluster, "get", "scaledobjects", "-n", "keda", "-o", "name").stdout.strip() == ""


def test_secrets_forbidden(cluster):
    result = kubectl(cluster, "get", "secrets", "-n", "fn", check=False)
    assert result.returncode != 0
    assert 'secrets is forbidden: User "token-user" cannot list resource "secrets" in API group "" in the namespace "fn"' in result.stderr


def test_forbidden_at_the_cluster_scope_only(cluster):
    """`--forbid PLURAL@cluster`: a Role in the namespace, no ClusterRole (the real kubectl's view of it)."""
    result = kubectl(cluster, "get", "configmaps", "-A", check=False)
    assert result.returncode != 0
    assert 'configmaps is forbidden: User "token-user" cannot list resource "configmaps" in API group "" at the cluster scope' in result.stderr
    assert names(kubectl(cluster, "get", "configmaps", "-n", "fn", "-o", "name").stdout) == ["orders-config"]


def test_forbidden_in_one_namespace_only(cluster):
    """`--forbid PLURAL@NAMESPACE`: Roles in the other namespaces, none in this one (the real kubectl's view of it)."""
    result = kubectl(cluster, "get", "services", "-n", "keda", check=False)
    assert result.returncode != 0
    assert 'services is forbidden: User "token-user" cannot list resource "services" in API group "" in the namespace "keda"' in result.stderr
    assert kubectl(cluster, "get", "services", "-n", "fn", "-o", "name").returncode == 0


def test_bad_token_unauthorized(cluster):
    result = kubectl(cluster, "--context", "bad", "get", "deployments", "-A", check=False)
    assert result.returncode != 0
    assert "Unauthorized" in result.stderr or "must be logged in" in result.stderr


def test_paging_and_selectors(cluster):
    before = len(cluster["log"].read_text().splitlines())
    result = kubectl(cluster, "get", "deployments", "-A", "--chunk-size=1", "-o", "name")
    assert names(result.stdout) == ["billing", "keda-operator", "orders"]
    new = cluster["log"].read_text().splitlines()[before:]
    assert sum("continue=" in line for line in new) == 2
    assert names(kubectl(cluster, "get", "deployments", "-A", "-l", "app=orders", "-o", "name").stdout) == ["orders"]
    assert names(kubectl(cluster, "get", "deployments", "-A", "-l", "tier=web,app!=orders", "-o", "name").stdout) == ["billing"]
    assert names(kubectl(cluster, "get", "deployments", "-A", "-l", "app in (billing,keda-operator)", "-o", "name").stdout) == \
        ["billing", "keda-operator"]


def test_get_one_and_not_found(cluster):
    obj = json.loads(kubectl(cluster, "get", "deployment", "orders", "-n", "fn", "-o", "json").stdout)
    assert obj["metadata"]["name"] == "orders" and obj["kind"] == "Deployment"
    missing = kubectl(cluster, "get", "deployment", "nope", "-n", "fn", check=False)
    assert missing.returncode != 0
    assert 'deployments.apps "nope" not found' in missing.stderr


def test_only_get(cluster):
    result = kubectl(cluster, "delete", "configmap", "orders-config", "-n", "fn", check=False)
    assert result.returncode != 0
    assert "only answers GET" in result.stderr or "MethodNotAllowed" in result.stderr or "not allowed" in result.stderr.lower()


def test_namespaces_of_objects_exist(cluster):
    assert names(kubectl(cluster, "get", "namespaces", "-o", "name").stdout) == ["fn", "keda"]


def raw_get(cluster, path, token=TOKEN):
    """GET as kubectl-serverless's client does it: bearer token, JSON, our query shape."""
    import ssl
    import urllib.error
    import urllib.request
    context = ssl.create_default_context(cafile=str(cluster["root"] / "certs" / "ca.crt"))
    request = urllib.request.Request("https://127.0.0.1:%d%s" % (cluster["port"], path),
                                     headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_raw_list_paging_and_status_objects(cluster):
    code, page = raw_get(cluster, "/apis/apps/v1/deployments?limit=2&labelSelector=tier%3Dweb")
    assert code == 200 and page["kind"] == "DeploymentList" and page["apiVersion"] == "apps/v1"
    assert [item["metadata"]["name"] for item in page["items"]] == ["billing", "orders"]
    assert "continue" not in page["metadata"]
    assert all("kind" not in item and "apiVersion" not in item for item in page["items"])

    code, first = raw_get(cluster, "/apis/apps/v1/deployments?limit=1")
    token = first["metadata"]["continue"]
    code, second = raw_get(cluster, "/apis/apps/v1/deployments?limit=1&continue=" + token)
    assert [first["items"][0]["metadata"]["name"], second["items"][0]["metadata"]["name"]] == ["billing", "orders"]

    code, missing = raw_get(cluster, "/apis/example.com/v1/widgets")
    assert code == 404 and missing["kind"] == "Status" and missing["reason"] == "NotFound"
    code, forbidden = raw_get(cluster, "/api/v1/secrets?limit=500")
    assert code == 403 and forbidden["reason"] == "Forbidden"
    assert forbidden["message"] == 'secrets is forbidden: User "token-user" cannot list resource "secrets" in API group "" at the cluster scope'
    code, cluster_wide = raw_get(cluster, "/api/v1/configmaps?limit=500")
    assert code == 403 and cluster_wide["message"].endswith("at the cluster scope")
    code, in_namespace = raw_get(cluster, "/api/v1/namespaces/fn/configmaps?limit=500")
    assert code == 200 and in_namespace["kind"] == "ConfigMapList"
    code, unauthorized = raw_get(cluster, "/api", token="nope")
    assert code == 401 and unauthorized["reason"] == "Unauthorized"
    code, groups = raw_get(cluster, "/apis")
    assert {g["name"] for g in groups["groups"]} >= {"apps", "batch", "autoscaling", "keda.sh"}


def test_faults_throttle_reset_and_trickle(tmp_path):
    """--fault on the API server: a 429 Status with Retry-After, a reset mid-body, a slow-loris answer."""
    import http.client
    import ssl as ssl_module
    import time as time_module
    certs = generate(str(tmp_path / "certs"))
    (tmp_path / "m.yaml").write_text(MANIFESTS)
    process = subprocess.Popen(
        [sys.executable, "-u", os.path.join(HERE, "kube_api_server.py"), "--cert", certs["server.crt"],
         "--key", certs["server.key"], "--token", TOKEN, "--manifests", str(tmp_path / "m.yaml"),
         "--fault", "throttle:status=429:retry-after=7:path=/api/v1/namespaces",
         "--fault", "reset:path=/apis/apps/v1", "--fault", "trickle:interval=200:path=/version"],
        stdout=subprocess.PIPE, text=True)
    try:
        port = int(process.stdout.readline().split()[1])
        context = ssl_module.create_default_context(cafile=certs["ca.crt"])

        def get(path):
            connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
            connection.request("GET", path, headers={"Authorization": "Bearer " + TOKEN})
            return connection.getresponse()

        throttled = get("/api/v1/namespaces")
        assert throttled.status == 429 and throttled.getheader("Retry-After") == "7"
        assert json.loads(throttled.read())["code"] == 429
        # The RST may discard the headers before they are read: either way the answer never completes.
        with pytest.raises((ConnectionResetError, http.client.IncompleteRead, ssl_module.SSLError)):
            get("/apis/apps/v1/deployments").read()
        started = time_module.monotonic()
        slow = get("/version")
        assert json.loads(slow.read())["minor"] == "34"
        assert time_module.monotonic() - started > 2  # ~60 bytes at 200 ms each
    finally:
        process.kill()
        process.wait()
