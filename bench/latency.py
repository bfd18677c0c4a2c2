#!/usr/bin/env python3
"""Benchmark: how many round trips one `checkpoints` inspection costs at an injected Azure latency.

Every Azure request (Event Hubs and storage) is delayed by the test server; the same inspection runs at 0 ms
and at the latency. What the latency adds, divided by the latency, is the number of round trips the user
waits for one after the other. The floor is one round trip: start-up and the work at 0 ms, plus the latency
once. Requests that do not depend on each other (the hub description, the partition feed and the storage
listings) overlap, so the figure is about two: the Event Hubs answers and the listing in one, the
per-partition fall-back or nothing in the next.

Usage: bench/latency.py [--partitions 32] [--latency-ms 20] [--runs 5]
"""

import argparse
import json
import statistics
import sys

from benchlib import binary  # noqa: E402
from checkpoints import CONTAINER, HUB, NAMESPACE, POLICY, POLICY_KEY, Server, seed, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partitions", type=int, default=32)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = binary()
    server = Server(args.partitions)
    try:
        seed(server, args.partitions)
        connection = "Endpoint=sb://%s/;SharedAccessKeyName=%s;SharedAccessKey=%s;EntityPath=%s" % (
            NAMESPACE, POLICY, POLICY_KEY, HUB)
        command = [exe, "checkpoints", "--storage-connection", server.storage, "--eventhub-connection", connection,
                   "--eventhub-endpoint", server.base + "/", "--blob-container", CONTAINER,
                   "--checkpoint-strategy", "blobMetadata", "-o", "json"]
        times = {}
        for latency in (0, args.latency_ms):
            server.admin("PUT", "faults", ["latency:ms=%d" % latency] if latency else [])
            server.admin("DELETE", "log")
            elapsed, result = timed(command)
            if not result.stdout:
                sys.exit("kubectl-serverless failed (%d): %s" % (result.returncode, result.stderr))
            assert all(p["status"] == "ok" for p in json.loads(result.stdout)["partitions"])
            requests = len(server.admin("GET", "log"))
            times[latency] = (statistics.median(timed(command)[0] for _ in range(args.runs)), requests)
    finally:
        server.stop()
    base, requests = times[0]
    slow, _ = times[args.latency_ms]
    rtt = args.latency_ms / 1000.0
    floor = base + rtt
    print("| partitions | requests | at 0 ms | at %d ms | round trips waited ((at %d ms - at 0 ms) / %d ms) "
          "| one-round-trip floor (at 0 ms + %d ms) | / floor |" % ((args.latency_ms,) * 4))
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print("| %d | %d | %.3f s | %.3f s | %.1f | %.3f s | %.2fx |" % (
        args.partitions, requests, base, slow, (slow - base) / rtt, floor, slow / floor))
    print()
    print("Median of %d runs; blobMetadata checkpoints written by the Python checkpoint store; Event Hubs via its REST "
          "runtime endpoints." % args.runs)


if __name__ == "__main__":
    main()
