#!/usr/bin/env python3
"""A small read-only Kubernetes API server for tests, serving objects from manifest files.

HTTPS only. A request must carry an accepted bearer token (--token) or a client certificate
signed by --client-ca. Serves discovery (/api, /apis, /api/v1, /apis/G/V, /version), lists
(all namespaces or one, limit/continue paging, labelSelector), gets by name, Status errors, and
403 for resources named with --forbid. Only GET. Prints `READY <port>` once listening.
Faults (--fault, the azure_faults.py syntax with service=kube): latency, throttle (a Status
429/503 with Retry-After), drop, reset, truncate, big, trickle.

    python3 kube_api_server.py --cert server.crt --key server.key --client-ca ca.crt \
        --token secret-token --manifests k8s/ --forbid secrets --log requests.log
"""
import argparse
import base64
import json
import os
import re
import signal
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import request_log  # noqa: E402
import azure_faults as faults  # noqa: E402
from azure_server import stream_big, trickle  # noqa: E402

# kind -> (plural, namespaced) for kinds whose plural or scope is not the simple rule.
KNOWN = {
    "Namespace": ("namespaces", False), "Node": ("nodes", False), "PersistentVolume": ("persistentvolumes", False),
    "ClusterRole": ("clusterroles", False), "ClusterRoleBinding": ("clusterrolebindings", False),
    "CustomResourceDefinition": ("customresourcedefinitions", False), "StorageClass": ("storageclasses", False),
    "ClusterTriggerAuthentication": ("clustertriggerauthentications", False),
    "Endpoints": ("endpoints", True), "Ingress": ("ingresses", True), "NetworkPolicy": ("networkpolicies", True),
}
# Always served, so `kubectl get secrets` resolves with no Secret loaded.
BUILTIN = {
    "v1": ["Pod", "Service", "ConfigMap", "Secret", "Namespace", "ServiceAccount", "Endpoints", "Event", "Node"],
    "apps/v1": ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"],
    "batch/v1": ["Job", "CronJob"],
    "autoscaling/v2": ["HorizontalPodAutoscaler"],
}
SHORT_NAMES = {"Deployment": ["deploy"], "ConfigMap": ["cm"], "Namespace": ["ns"], "Service": ["svc"],
               "ScaledObject": ["so"], "ScaledJob": ["sj"], "TriggerAuthentication": ["ta"],
               "ClusterTriggerAuthentication": ["cta"], "HorizontalPodAutoscaler": ["hpa"], "Pod": ["po"]}


def resource_of(kind):
    if kind in KNOWN:
        return KNOWN[kind]
    lower = kind.lower()
    if lower.endswith("y") and not lower.endswith("ey"):
        return lower[:-1] + "ies", True
    if lower.endswith("s") or lower.endswith("x"):
        return lower + "es", True
    return lower + "s", True


def load_manifests(paths):
    objects = []
    for path in paths:
        files = []
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith((".yaml", ".yml", ".json"))]
        else:
            files.append(path)
        for file in sorted(files):
            with open(file, encoding="utf-8") as handle:
                for doc in yaml.safe_load_all(handle):
                    if not isinstance(doc, dict) or "kind" not in doc or "apiVersion" not in doc:
                        continue
                    if doc["kind"].endswith("List") and isinstance(doc.get("items"), list):
                        objects += [item for item in doc["items"] if isinstance(item, dict)]
                    else:
                        objects.append(doc)
    return objects


class Catalog:
    """Objects by group/version and resource, plus what discovery says about them."""

    def __init__(self, objects):
        self.resources = {}  # groupVersion -> {plural: (kind, namespaced)}
        for group_version, kinds in BUILTIN.items():
            for kind in kinds:
                plural, namespaced = resource_of(kind)
                self.resources.setdefault(group_version, {})[plural] = (kind, namespaced)
        self.objects = {}  # (groupVersion, plural) -> [object]
        for obj in objects:
            group_version, kind = obj["apiVersion"], obj["kind"]
            plural, namespaced = resource_of(kind)
            self.resources.setdefault(group_version, {}).setdefault(plural, (kind, namespaced))
            meta = obj.setdefault("metadata", {})
            meta.setdefault("uid", "uid-%d" % len(self.objects.get((group_version, plural), [])))
            meta.setdefault("resourceVersion", "1")
            meta.setdefault("creationTimestamp", "2024-01-01T00:00:00Z")
            if namespaced:
                meta.setdefault("namespace", "default")
            if kind == "Secret" and "stringData" in obj:
                data = obj.setdefault("data", {})
                for key, value in obj.pop("stringData").items():
                    data[key] = base64.b64encode(str(value).encode()).decode()
            self.objects.setdefault((group_version, plural), []).append(obj)
        # Every namespace objects live in exists, as on a real cluster (kubectl checks on a 404).
        declared = {o["metadata"]["name"] for o in self.objects.get(("v1", "namespaces"), [])}
        used = {o["metadata"].get("namespace") for items in self.objects.values() for o in items} - {None}
        for name in sorted(used - declared):
            self.objects.setdefault(("v1", "namespaces"), []).append({
                "apiVersion": "v1", "kind": "Namespace",
                "metadata": {"name": name, "uid": "ns-" + name, "resourceVersion": "1",
                             "creationTimestamp": "2024-01-01T00:00:00Z"},
                "status": {"phase": "Active"}})
        for items in self.objects.values():
            items.sort(key=lambda o: (o["metadata"].get("namespace") or "", o["metadata"]["name"]))

    def groups(self):
        names = {}
        for group_version in sorted(self.resources):
            if "/" in group_version:
                group, version = group_version.split("/", 1)
                names.setdefault(group, []).append(version)
        return names


def selector_matches(selector, labels):
    """Label selectors: k=v, k==v, k!=v, k, !k, k in (a,b), k notin (a,b)."""
    if not selector:
        return True
    parts = re.findall(r"(?:[^,(]|\([^)]*\))+", selector)
    for part in (p.strip() for p in parts):
        if not part:
            continue
        match = re.fullmatch(r"([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)", part)
        if match:
            key, op, values = match.group(1), match.group(2), {v.strip() for v in match.group(3).split(",")}
            present = key in labels and labels[key] in values
            if (op == "in") != present:
                return False
            continue
        match = re.fullmatch(r"([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)", part)
        if match:
            key, op, value = match.groups()
            if (labels.get(key) == value) != (op != "!="):
                return False
            continue
        if part.startswith("!"):
            if part[1:].strip() in labels:
                return False
            continue
        if part not in labels:
            return False
    return True


def status(code, reason, message):
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "details": {}, "code": code}


class Handler(BaseHTTPRequestHandler):
    server_version = "kube-api-test/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def parse_request(self):
        parsed = super().parse_request()
        if parsed:
            request_log.record("kube-api", self.command, self.path, self.headers.get("User-Agent"))
        return parsed

    def do_GET(self):
        user = self.authenticate()
        self.record(user)
        self.fired = self.server.faults.firing(self.command, self.path, "kube")
        if "latency" in self.fired:
            time.sleep(self.fired["latency"].get("ms", 0) / 1000.0)
        if "drop" in self.fired:
            self.close_connection = True
            return
        if "throttle" in self.fired:
            fault = self.fired["throttle"]
            code = fault.get("status", 503)
            return self.send_json(code, status(code, "TooManyRequests" if code == 429 else "ServiceUnavailable",
                                               "the server is currently unable to handle the request"),
                                  [("Retry-After", str(fault.get("retry-after", 1)))])
        if user is None:
            return self.send_json(401, status(401, "Unauthorized", "Unauthorized"))
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        try:
            code, body = self.route([unquote(p) for p in url.path.strip("/").split("/") if p], query, user)
        except Exception as error:  # a bug here should show as a 500, not a hang
            code, body = 500, status(500, "InternalError", "test server: %s" % error)
        self.send_json(code, body)

    def do_POST(self):
        self.refuse()

    do_PUT = do_PATCH = do_DELETE = do_POST

    def refuse(self):
        self.record(self.authenticate())
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_json(405, status(405, "MethodNotAllowed", "this test server only answers GET"))

    def authenticate(self):
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer ") and header[7:] in self.server.tokens:
            return "token-user"
        cert = self.connection.getpeercert() if hasattr(self.connection, "getpeercert") else None
        if cert:
            for rdn in cert.get("subject", ()):
                for key, value in rdn:
                    if key == "commonName":
                        return value
            return "cert-user"
        return None

    def record(self, user):
        if self.server.log_path:
            with self.server.log_lock, open(self.server.log_path, "a", encoding="utf-8") as log:
                log.write("%s %s %s\n" % (self.command, self.path, user or "-"))

    def send_json(self, code, body, extra=()):
        data = json.dumps(body).encode()
        fired = getattr(self, "fired", {})
        if "big" in fired or "trickle" in fired:
            self.close_connection = True
            if "big" in fired:
                return stream_big(self.wfile, fired["big"].get("size", 70 << 20), "application/json")
            return trickle(self.wfile, code, [("Content-Type", "application/json")], data,
                           fired["trickle"].get("interval", 1000))
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if "reset" in fired or "truncate" in fired:
            self.wfile.write(data[: len(data) // 2])
            self.close_connection = True
            if "reset" in fired:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            else:
                self.connection.shutdown(socket.SHUT_WR)
            return
        self.wfile.write(data)

    # Routing -------------------------------------------------------------------------------

    def route(self, parts, query, user):
        catalog = self.server.catalog
        not_found = (404, status(404, "NotFound", "the server could not find the requested resource"))
        if parts == ["version"]:
            major, minor = self.server.version.lstrip("v").split(".")[:2]
            return 200, {"major": major, "minor": minor, "gitVersion": self.server.version, "platform": "linux/amd64"}
        if parts == ["api"]:
            return 200, {"kind": "APIVersions", "versions": ["v1"],
                         "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]}
        if parts == ["apis"]:
            groups = []
            for group, versions in catalog.groups().items():
                entries = [{"groupVersion": "%s/%s" % (group, v), "version": v} for v in versions]
                groups.append({"name": group, "versions": entries, "preferredVersion": entries[0]})
            return 200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}
        if parts[:1] == ["api"] and len(parts) >= 2:
            group_version, rest = parts[1], parts[2:]
        elif parts[:1] == ["apis"] and len(parts) == 2:
            versions = catalog.groups().get(parts[1])
            if not versions:
                return not_found
            entries = [{"groupVersion": "%s/%s" % (parts[1], v), "version": v} for v in versions]
            return 200, {"kind": "APIGroup", "apiVersion": "v1", "name": parts[1], "versions": entries,
                         "preferredVersion": entries[0]}
        elif parts[:1] == ["apis"] and len(parts) >= 3:
            group_version, rest = parts[1] + "/" + parts[2], parts[3:]
        else:
            return not_found
        resources = catalog.resources.get(group_version)
        if resources is None:
            return not_found
        if not rest:
            listed = []
            for plural, (kind, namespaced) in sorted(resources.items()):
                singular = kind.lower()
                listed.append({"name": plural, "singularName": singular, "namespaced": namespaced, "kind": kind,
                               "verbs": ["get", "list"], "shortNames": SHORT_NAMES.get(kind, [])})
            return 200, {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version,
                         "resources": listed}
        namespace = None
        if rest[0] == "namespaces" and len(rest) >= 3:
            namespace, rest = rest[1], rest[2:]
        if len(rest) not in (1, 2) or rest[0] not in resources:
            return not_found
        plural = rest[0]
        kind, namespaced = resources[plural]
        if namespace is not None and not namespaced:
            return not_found
        group = group_version.split("/")[0] if "/" in group_version else ""
        # `--forbid deployments@cluster` refuses only the all-namespaces list, as RBAC with Roles but no ClusterRole does.
        # `--forbid scaledobjects@fn` refuses only namespace fn, as RBAC with a Role in the other namespaces does.
        if (plural in self.server.forbidden or (namespace is None and plural + "@cluster" in self.server.forbidden)
                or (namespace is not None and "%s@%s" % (plural, namespace.lower()) in self.server.forbidden)):
            verb = "get" if len(rest) == 2 else "list"
            what = '"%s" ' % rest[1] if len(rest) == 2 else ""
            scope = 'in the namespace "%s"' % namespace if namespace else "at the cluster scope"
            return 403, status(403, "Forbidden", '%s %sis forbidden: User "%s" cannot %s resource "%s" in API group "%s" %s'
                               % (plural, what, user, verb, plural, group, scope))
        items = [o for o in catalog.objects.get((group_version, plural), [])
                 if namespace is None or o["metadata"].get("namespace") == namespace]
        if len(rest) == 2:
            for obj in items:
                if obj["metadata"]["name"] == rest[1]:
                    return 200, obj
            return 404, status(404, "NotFound", '%s "%s" not found' % (plural if not group else plural + "." + group, rest[1]))
        return self.list(group_version, kind, items, query)

    def list(self, group_version, kind, items, query):
        items = [o for o in items if selector_matches(query.get("labelSelector", ""), o["metadata"].get("labels") or {})]
        start = 0
        if query.get("continue"):
            try:
                start = int(base64.urlsafe_b64decode(query["continue"].encode()).decode())
            except ValueError:
                return 410, status(410, "Expired", "The provided continue parameter is too old to display a consistent list result.")
        limit = int(query.get("limit") or 0)
        end = start + limit if limit > 0 else len(items)
        page = items[start:end]
        meta = {"resourceVersion": "100"}
        if end < len(items):
            meta["continue"] = base64.urlsafe_b64encode(str(end).encode()).decode()
            meta["remainingItemCount"] = len(items) - end
        # Like the real server for built-in kinds, list items carry no apiVersion/kind.
        stripped = [{k: v for k, v in o.items() if k not in ("apiVersion", "kind")} for o in page]
        return 200, {"kind": kind + "List", "apiVersion": group_version, "metadata": meta, "items": stripped}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert", required=True, help="server certificate (PEM)")
    parser.add_argument("--key", required=True, help="server key (PEM)")
    parser.add_argument("--client-ca", help="CA that signs accepted client certificates")
    parser.add_argument("--token", action="append", default=[], help="accepted bearer token (repeatable)")
    parser.add_argument("--manifests", action="append", default=[], help="manifest file or directory (repeatable)")
    parser.add_argument("--server-version", default="v1.34.1", help="the gitVersion GET /version answers")
    parser.add_argument("--forbid", action="append", default=[], help="resource (plural) answered with 403; PLURAL@cluster only at the cluster scope, PLURAL@NAMESPACE only in that namespace (repeatable)")
    parser.add_argument("--log", help="append one line per request: METHOD PATH USER")
    parser.add_argument("--fault", action="append", default=[], metavar="KIND[:key=value..]",
                        help="inject a fault (azure_faults.py syntax), e.g. throttle:status=429:retry-after=1")
    args = parser.parse_args()
    # A parent may spawn us from a thread that blocks signals (Foundation's Process does); the mask
    # is inherited, and a blocked SIGTERM would leave this server running after the test.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    if args.client_ca:
        context.load_verify_locations(args.client_ca)
        context.verify_mode = ssl.CERT_OPTIONAL

    # socketserver's default backlog of 5 drops the SYNs of a burst of new connections (a 1 s stall each).
    ThreadingHTTPServer.request_queue_size = 1024
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    # The handshake happens in the request thread, so one stalled client cannot block the others.
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    server.catalog = Catalog(load_manifests(args.manifests))
    server.tokens = set(args.token)
    server.version = args.server_version
    server.forbidden = {f.lower() for f in args.forbid}
    server.log_path = args.log
    server.faults = faults.FaultPlan(faults.parse_fault(s) for s in args.fault)
    server.log_lock = threading.Lock()
    print("READY %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
