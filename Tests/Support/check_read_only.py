#!/usr/bin/env python3
"""The read-only proof: every request kubectl-serverless sent during the test run was a read.

Reads the request logs the test servers wrote (request_log.py) under DIR and fails, naming each
offending request, when a request whose User-Agent is the plugin's used any method but GET or
HEAD. The plugin's man pages allow two POSTs only: a SelfSubjectAccessReview (doctor
live) and the token request of an identity flow. Requests from anything else (the Azure SDK
seeding checkpoints, kubectl, the tests' own admin calls) are counted, not judged.

It also fails when the plugin sent nothing at all, or nothing to a server named with
--require-server, so that a run where logging broke cannot pass.

    check_read_only.py DIR [--require-server azure --require-server kube-api]
"""
import argparse
import collections
import glob
import json
import os
import re
import sys

PLUGIN_AGENT = re.compile(r"^kubectl-serverless/")
READS = {"GET", "HEAD"}
ALLOWED_POSTS = [
    re.compile(r"^/apis/authorization\.k8s\.io/v1/selfsubjectaccessreviews/?$"),
    re.compile(r"^/[^/]+/oauth2/v2\.0/token$"),  # Entra ID token endpoint: /{tenant}/oauth2/v2.0/token
]


def load(directory):
    requests = []
    for name in sorted(glob.glob(os.path.join(directory, "*.jsonl"))):
        with open(name, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    raise SystemExit("check_read_only: %s:%d is not JSON: %r" % (name, number, line[:200]))
                entry["file"] = os.path.basename(name)
                requests.append(entry)
    return requests


def is_plugin(entry):
    return bool(PLUGIN_AGENT.match(entry.get("userAgent") or ""))


def allowed(entry):
    method = entry.get("method", "")
    if method in READS:
        return True
    return method == "POST" and any(p.search(entry.get("path", "")) for p in ALLOWED_POSTS)


def check(requests, required_servers=()):
    """Problems found, as lines for a human; empty when the proof holds."""
    problems = []
    plugin = [r for r in requests if is_plugin(r)]
    if not requests:
        problems.append("the request log is empty: no test server logged anything (is KSL_REQUEST_LOG_DIR passed on?)")
    elif not plugin:
        problems.append("no request in the log came from kubectl-serverless (User-Agent kubectl-serverless/...): "
                        "the proof would be vacuous")
    seen = {r.get("server") for r in plugin}
    for server in required_servers:
        if server not in seen:
            problems.append("kubectl-serverless sent no request to the %s test server" % server)
    for r in plugin:
        if not allowed(r):
            problems.append("WRITE by kubectl-serverless: %s %s to %s (User-Agent %r, log %s)"
                            % (r.get("method"), r.get("path"), r.get("server"), r.get("userAgent"), r.get("file")))
    return problems


def summary(requests):
    counts = collections.Counter()
    for r in requests:
        who = "kubectl-serverless" if is_plugin(r) else ((r.get("userAgent") or "-").split("/")[0] or "-")
        counts[(who, r.get("server"), r.get("method"))] += 1
    return ["%6d  %-24s %-14s %s" % (n, who, server, method) for (who, server, method), n in sorted(counts.items())]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--require-server", action="append", default=[])
    args = parser.parse_args(argv)
    requests = load(args.directory)
    problems = check(requests, args.require_server)
    print("read-only check: %d requests logged, %d from kubectl-serverless"
          % (len(requests), sum(1 for r in requests if is_plugin(r))))
    for line in summary(requests):
        print(line)
    if problems:
        sys.stderr.write("\nREAD-ONLY CHECK FAILED\n")
        for line in problems:
            sys.stderr.write("  " + line + "\n")
        return 1
    print("read-only check passed: kubectl-serverless only read")
    return 0


if __name__ == "__main__":
    sys.exit(main())
