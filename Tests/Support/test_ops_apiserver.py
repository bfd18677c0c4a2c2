"""A Kubernetes API server just big enough for completion's live names.

Serves namespace lists and KEDA ScaledObject/ScaledJob lists, the only reads completion makes
(`kubectl get --raw ...`). Run as a script it prints `READY <port>`; `--object NS/KIND/NAME[/TRIGGER]`
adds an object (KIND: scaledobjects or scaledjobs; TRIGGER its one trigger's type, default
azure-eventhub; a namespace is listed once it holds one, or with `--namespace NS`); `--delay SECONDS` answers late, to test completion's timeout.
The pytest test at the bottom checks it with the real kubectl.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import request_log  # noqa: E402

LIST_PATH = re.compile(r"^/apis/keda\.sh/v1alpha1/namespaces/([^/]+)/(scaledobjects|scaledjobs)$")


def make_handler(objects, namespaces, delay):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def parse_request(self):
            parsed = super().parse_request()
            if parsed:
                request_log.record("ops-apiserver", self.command, self.path, self.headers.get("User-Agent"))
            return parsed

        def send_json(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if delay:
                time.sleep(delay)
            path = self.path.split("?", 1)[0]
            if path == "/api/v1/namespaces":
                items = [{"metadata": {"name": ns}} for ns in sorted(namespaces)]
                return self.send_json(200, {"kind": "NamespaceList", "apiVersion": "v1", "items": items})
            match = LIST_PATH.match(path)
            if match:
                ns, kind = match.groups()
                items = [{"metadata": {"name": name, "namespace": ns},
                          "spec": {"triggers": [{"type": trigger, "metadata": {}}]}}
                         for (o_ns, o_kind, name, trigger) in objects if o_ns == ns and o_kind == kind]
                return self.send_json(200, {"kind": "List", "apiVersion": "keda.sh/v1alpha1", "items": items})
            self.send_json(404, {"kind": "Status", "status": "Failure", "reason": "NotFound", "code": 404})

    return Handler


def serve(objects, namespaces, delay=0.0, port=0):
    objects = [tuple(o) + ("azure-eventhub",) * (4 - len(o)) for o in objects]
    namespaces = set(namespaces) | {o[0] for o in objects}
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(objects, namespaces, delay))
    server.daemon_threads = True
    return server


def main():
    # A Swift test spawns us from a thread that blocks most signals, and the mask is inherited:
    # without this, terminating the server at the end of a test would wait forever.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    parser = argparse.ArgumentParser()
    parser.add_argument("--object", action="append", default=[])
    parser.add_argument("--namespace", action="append", default=[])
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    objects = [tuple(o.split("/", 3)) for o in args.object]
    server = serve(objects, args.namespace, args.delay)
    print(f"READY {server.server_address[1]}", flush=True)
    server.serve_forever()


def kubeconfig(port, namespace):
    return f"""apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster: {{server: "http://127.0.0.1:{port}"}}
users:
- name: fake
  user: {{token: not-a-secret}}
contexts:
- name: fake
  context: {{cluster: fake, user: fake, namespace: {namespace}}}
current-context: fake
"""


def test_kubectl_reads_the_lists():
    server = serve([("fn", "scaledobjects", "orders"), ("fn", "scaledobjects", "web", "cpu"),
                    ("fn", "scaledjobs", "batch")], ["default"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(kubeconfig(server.server_address[1], "fn"))
    try:
        env = dict(os.environ, KUBECONFIG=f.name)
        out = subprocess.run(["kubectl", "get", "--raw", "/api/v1/namespaces"], env=env,
                             capture_output=True, text=True, check=True).stdout
        assert [i["metadata"]["name"] for i in json.loads(out)["items"]] == ["default", "fn"]
        out = subprocess.run(["kubectl", "get", "--raw", "/apis/keda.sh/v1alpha1/namespaces/fn/scaledobjects"],
                             env=env, capture_output=True, text=True, check=True).stdout
        items = json.loads(out)["items"]
        assert [(i["metadata"]["name"], i["spec"]["triggers"][0]["type"]) for i in items] == [
            ("orders", "azure-eventhub"), ("web", "cpu")]
    finally:
        server.shutdown()
        os.unlink(f.name)


if __name__ == "__main__":
    sys.exit(main())
