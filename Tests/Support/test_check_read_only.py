"""check_read_only.py judges only the plugin's requests, and cannot pass on an empty log."""
import json
import os
import subprocess
import sys

import check_read_only as c

HERE = os.path.dirname(os.path.abspath(__file__))
PLUGIN = "kubectl-serverless/0.1.0"


def entry(method, path, agent=PLUGIN, server="azure"):
    return {"server": server, "method": method, "path": path, "userAgent": agent}


def test_reads_pass_and_sdk_writes_are_not_the_plugins():
    log = [entry("GET", "/acct/c"), entry("HEAD", "/acct/c/b"),
           entry("PUT", "/acct/c/b", agent="azsdk-python-storage-blob/12.19.0 Python/3.12"),
           entry("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", server="kube-api"),
           entry("POST", "/tenant/oauth2/v2.0/token", server="azure")]
    assert c.check(log, ["azure", "kube-api"]) == []


def test_only_the_entra_token_post_is_allowed():
    near = [entry("POST", "/tenant/oauth2/v2.0/token/extra"), entry("POST", "/oauth2/token"),
            entry("POST", "/devstoreaccount1/c/oauth2/v2.0/token"), entry("PUT", "/tenant/oauth2/v2.0/token")]
    problems = c.check([entry("GET", "/a")] + near)
    assert len(problems) == 4


def test_a_plugin_write_fails_naming_the_request():
    problems = c.check([entry("GET", "/a"), entry("PUT", "/acct/c/b"), entry("POST", "/api/v1/namespaces")])
    assert len(problems) == 2
    assert "PUT /acct/c/b" in problems[0] and "POST /api/v1/namespaces" in problems[1]


def test_empty_or_plugin_free_logs_fail():
    assert c.check([]) and "empty" in c.check([])[0]
    assert "vacuous" in c.check([entry("PUT", "/x", agent="azsdk-python")])[0]
    assert "kube-api" in c.check([entry("GET", "/a")], ["kube-api"])[0]


def test_servers_write_the_log_and_the_script_fails_loudly(tmp_path):
    # A real server, a real plugin-like request, then the command line as scripts/test runs it.
    import urllib.request
    env = dict(os.environ, KSL_REQUEST_LOG_DIR=str(tmp_path))
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "fault_server.py")], env=env,
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().split()[1])
        for method in ("GET", "DELETE"):
            request = urllib.request.Request("http://127.0.0.1:%d/fault/ok/rl?sig=SECRET" % port, method=method,
                                             headers={"User-Agent": PLUGIN})
            urllib.request.urlopen(request, timeout=10).read()
    finally:
        server.kill()
        server.wait()
    lines = [json.loads(l) for f in tmp_path.iterdir() for l in f.read_text().splitlines()]
    assert [(l["method"], l["path"], l["server"]) for l in lines] == [("GET", "/fault/ok/rl", "fault"),
                                                                      ("DELETE", "/fault/ok/rl", "fault")]
    assert "SECRET" not in json.dumps(lines)
    run = subprocess.run([sys.executable, os.path.join(HERE, "check_read_only.py"), str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "WRITE by kubectl-serverless: DELETE /fault/ok/rl to fault" in run.stderr
