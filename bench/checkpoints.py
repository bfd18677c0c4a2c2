#!/usr/bin/env python3
"""Benchmark: `kubectl-serverless checkpoints` against the Azure test server, and what a user would
script instead with the Azure SDK for Python (BlobCheckpointStore.list_checkpoints plus their own
arithmetic), on the same server, container and checkpoints (written by the real SDK).

Reports ratios measured in one run; prints a Markdown table (and writes it with --write).
Usage: bench/checkpoints.py [--partitions 32,1024] [--latency-ms 0,20] [--runs 5] [--write bench/RESULTS-checkpoints.md]
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUPPORT = os.path.join(ROOT, "Tests", "Support")
sys.path.insert(0, SUPPORT)

from benchlib import binary  # noqa: E402  (bench/ is on sys.path: it is this script's folder)

NAMESPACE = "benchns.servicebus.windows.net"
HUB = "telemetry"
POLICY, POLICY_KEY = "RootManageSharedAccessKey", "YmVuY2gta2V5"
ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
CONTAINER = "checkpoints"


class Server:
    def __init__(self, partitions):
        last = ",".join(str(1000 + i) for i in range(partitions))
        self.proc = subprocess.Popen(
            [sys.executable, "-u", os.path.join(SUPPORT, "azure_server.py"),
             "--hub", "%s:partitions=%d:last=%s" % (HUB, partitions, last),
             "--eventhub-policy", "%s:%s" % (POLICY, POLICY_KEY), "--eventhub-namespace", NAMESPACE],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("READY "), line
        self.port = int(line.split()[1])
        self.base = "http://127.0.0.1:%d" % self.port
        self.blob_endpoint = "%s/%s" % (self.base, ACCOUNT)
        self.storage = ("DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=%s;"
                        % (ACCOUNT, KEY, self.blob_endpoint))

    def admin(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + "/__admin/" + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"null")

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def seed(server, partitions):
    """Real checkpoints, written by the Python checkpoint store, as an event processor would."""
    from azure.eventhub.extensions.checkpointstoreblob import BlobCheckpointStore
    from azure.storage.blob import BlobServiceClient
    BlobServiceClient.from_connection_string(server.storage).create_container(CONTAINER)
    store = BlobCheckpointStore.from_connection_string(server.storage, CONTAINER)
    for pid in range(partitions):
        store.update_checkpoint({
            "fully_qualified_namespace": NAMESPACE, "eventhub_name": HUB, "consumer_group": "$Default",
            "partition_id": str(pid), "sequence_number": 990 + pid, "offset": str(4096 * pid)})


PYTHON_SCRIPT = r'''
import json, sys
from azure.eventhub.extensions.checkpointstoreblob import BlobCheckpointStore
storage, container, namespace, hub, info = sys.argv[1:6]
store = BlobCheckpointStore.from_connection_string(storage, container)
checkpoints = {c["partition_id"]: c["sequence_number"] for c in store.list_checkpoints(namespace, hub, "$Default")}
total = 0
for p in json.load(open(info)):
    last, begin = p["lastEnqueuedSequenceNumber"], p.get("beginningSequenceNumber", 0)
    c = checkpoints.get(p["partitionId"])
    total += (last - c) if c is not None else (last - begin + 1)
print(total)
'''


def timed(command, env=None):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    return elapsed, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partitions", default="32,1024")
    parser.add_argument("--latency-ms", default="0,20")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write")
    args = parser.parse_args()
    exe = binary()
    rows = []
    for partitions in [int(p) for p in args.partitions.split(",")]:
        server = Server(partitions)
        try:
            seed(server, partitions)
            info = "/tmp/bench-partitions-%d.json" % partitions
            with open(info, "w") as f:
                json.dump([{"partitionId": str(i), "lastEnqueuedSequenceNumber": 1000 + i, "beginningSequenceNumber": 0}
                           for i in range(partitions)], f)
            connection = "Endpoint=sb://%s/;SharedAccessKeyName=%s;SharedAccessKey=%s;EntityPath=%s" % (
                NAMESPACE, POLICY, POLICY_KEY, HUB)
            ours_full = [exe, "checkpoints", "--storage-connection", server.storage, "--eventhub-connection", connection,
                         "--eventhub-endpoint", server.base + "/", "--blob-container", CONTAINER,
                         "--checkpoint-strategy", "blobMetadata", "-o", "json"]
            ours_info = ours_full[:-2] + ["--partition-info", info, "-o", "json"]
            python = [sys.executable, "-c", PYTHON_SCRIPT, server.storage, CONTAINER, NAMESPACE, HUB, info]
            for latency in [int(l) for l in args.latency_ms.split(",")]:
                server.admin("PUT", "faults", ["latency:ms=%d" % latency] if latency else [])
                server.admin("DELETE", "log")
                elapsed, result = timed(ours_full)
                if not result.stdout:
                    sys.exit("kubectl-serverless failed (%d): %s" % (result.returncode, result.stderr))
                report = json.loads(result.stdout)
                requests = len(server.admin("GET", "log"))
                # KEDA reads one partition's properties and one blob at a time, after one hub request.
                sequential = (1 + 2 * partitions) * latency / 1000.0
                measure = lambda cmd: statistics.median(timed(cmd)[0] for _ in range(args.runs))
                full = measure(ours_full)
                with_info = measure(ours_info)
                sdk = measure(python)
                expected = sum(1000 + i - (990 + i) for i in range(partitions))
                assert report["totalUnprocessedEvents"] == expected, report["totalUnprocessedEvents"]
                assert int(timed(python)[1].stdout) == expected
                rows.append((partitions, latency, requests, full, with_info, sdk, sequential))
        finally:
            server.stop()
    lines = [
        "| partitions | latency | requests (ours, all) | ours: Event Hubs + storage | ours: --partition-info | Python SDK list_checkpoints + arithmetic | SDK / ours | KEDA-style sequential estimate |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for partitions, latency, requests, full, with_info, sdk, sequential in rows:
        lines.append("| %d | %d ms | %d | %.3f s | %.3f s | %.3f s | %.1fx | %s |" % (
            partitions, latency, requests, full, with_info, sdk, sdk / with_info,
            "%.1f s (%.0fx ours)" % (sequential, sequential / full) if latency else "-"))
    header = "Machine: %s, %d cores, %s; %s; median of %d runs; same server, container and SDK-written checkpoints.\n\n" % (
        platform.machine(), os.cpu_count(), platform.platform(), time.strftime("%Y-%m-%d"), args.runs)
    text = header + "\n".join(lines) + "\n"
    print(text)
    if args.write:
        with open(args.write, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
