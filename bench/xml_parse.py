#!/usr/bin/env python3
"""Benchmark: List Blobs XML through the whole inspector, for a container of 100,000 checkpoint blobs
with metadata (20 pages of 5,000), against the Azure SDK for Python listing the same container.

MB/s is XML bytes served / wall time of the whole `kubectl-serverless checkpoints` run (process start,
HTTP, parsing, report): an under-estimate of the parser's own speed. Max RSS is the child's peak.
Parser only: `ListingParseBench` (bench/ListingParseBench, release build) builds the same listing in
memory, in the test server's shape, and times `ListBlobsPage(listBlobsXML:)` over every page.
Usage: bench/xml_parse.py [--blobs 100000] [--runs 3] [--rounds 5]
"""

import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Support"))
from benchlib import bench_binary, binary, measure  # noqa: E402
from checkpoints import ACCOUNT, HUB, NAMESPACE, POLICY, POLICY_KEY, Server  # noqa: E402

CONTAINER = "busy-checkpoints"
# Needed to name the hub even though --partition-info means no Event Hubs request is sent.
EVENTHUB = "Endpoint=sb://%s/;SharedAccessKeyName=%s;SharedAccessKey=%s;EntityPath=%s" % (NAMESPACE, POLICY, POLICY_KEY, HUB)
PARTITIONS = 32  # one realistic hub; the rest of the container is other consumer groups' checkpoints

# A user's script: list everything with metadata, as the SDK pages it. Also sums the raw XML bytes.
PYTHON_LIST = r'''
import sys
from azure.storage.blob import ContainerClient
served = [0]
def hook(response):
    served[0] += len(response.http_response.body())
client = ContainerClient.from_connection_string(sys.argv[1], sys.argv[2])
count = sum(1 for _ in client.list_blobs(include=["metadata"], raw_response_hook=hook))
print(count, served[0])
'''


def load(server, blobs):
    """Checkpoints as the Event Hubs SDKs write them (blobMetadata layout), 32 per consumer group."""
    items = [{"name": "%s/%s/cg%04d/checkpoint/%d" % (NAMESPACE, HUB, i // PARTITIONS, i % PARTITIONS)
              if i >= PARTITIONS else "%s/%s/$default/checkpoint/%d" % (NAMESPACE, HUB, i),
              "body": "", "metadata": {"sequencenumber": str(990 + i % PARTITIONS), "offset": str(4096 * i)}}
             for i in range(blobs)]
    for start in range(0, blobs, 10000):  # a few bulk requests rather than one 15 MB body
        server.admin("PUT", "blobs/%s/%s" % (ACCOUNT, CONTAINER), items[start:start + 10000])


def parser_only(blobs, rounds):
    """One run of the parser-only benchmark: its JSON line, with the peak RSS wait4 saw."""
    _, code, out, rss = measure([bench_binary("ListingParseBench"), "--blobs", str(blobs), "--rounds", str(rounds)])
    if code != 0:
        sys.exit("ListingParseBench failed (exit %d): %s" % (code, out[:300]))
    result = json.loads(out)
    result["peak_rss_mib"] = max(result["peak_rss_mib"], rss)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--blobs", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5, help="parser-only passes over the whole listing")
    args = parser.parse_args()
    exe = binary()
    parse_only = parser_only(args.blobs, args.rounds)
    server = Server(PARTITIONS)
    try:
        load(server, args.blobs)
        info = "/tmp/bench-xml-partitions.json"
        with open(info, "w") as f:
            json.dump([{"partitionId": str(i), "lastEnqueuedSequenceNumber": 1000 + i, "beginningSequenceNumber": 0}
                       for i in range(PARTITIONS)], f)
        ours = [exe, "checkpoints", "--storage-connection", server.storage, "--eventhub-connection", EVENTHUB,
                "--blob-container", CONTAINER, "--checkpoint-strategy", "blobMetadata",
                "--partition-info", info, "-o", "json"]
        sdk = [sys.executable, "-c", PYTHON_LIST, server.storage, CONTAINER]

        server.admin("DELETE", "log")
        _, code, out, _ = measure(ours)
        report = json.loads(out or b"{}")
        if report.get("totalUnprocessedEvents") != sum(1000 + i - (990 + i % PARTITIONS) for i in range(PARTITIONS)):
            sys.exit("kubectl-serverless gave a wrong or no report (exit %d): %s" % (code, out[:300]))
        pages = sum(1 for e in server.admin("GET", "log")
                    if e["operation"] == "ListBlobs" and e["path"].endswith("/" + CONTAINER) and e["status"] == 200)
        _, _, out, _ = measure(sdk)
        count, served = (int(x) for x in out.split())
        assert count == args.blobs, count

        runs_ours = [measure(ours) for _ in range(args.runs)]
        runs_sdk = [measure(sdk) for _ in range(args.runs)]
    finally:
        server.stop()
    ours_s = statistics.median(r[0] for r in runs_ours)
    sdk_s = statistics.median(r[0] for r in runs_sdk)
    ours_rss = max(r[3] for r in runs_ours)
    sdk_rss = max(r[3] for r in runs_sdk)
    mb = served / 1e6
    print("%d blobs with metadata, %d List Blobs pages for ours, %.1f MB of XML served to the SDK "
          "(same listing, 5,000 a page); median of %d runs.\n" % (args.blobs, pages, mb, args.runs))
    print("| | wall time | XML MB/s (whole run) | XML MB/s (parser only) | max RSS |")
    print("|---|---:|---:|---:|---:|")
    print("| kubectl-serverless checkpoints (lists the whole container) | %.2f s | %.1f | %.0f | %.0f MiB |"
          % (ours_s, mb / ours_s, parse_only["median_mb_s"], ours_rss))
    print("| Python SDK `list_blobs(include=['metadata'])` | %.2f s | %.1f | - | %.0f MiB |" % (sdk_s, mb / sdk_s, sdk_rss))
    print("| SDK / ours | %.1fx | | | %.1fx |" % (sdk_s / ours_s, sdk_rss / ours_rss))
    print()
    print("Parser only (`ListingParseBench`, same process, no HTTP): %d pages, %.1f MB of XML built in memory, "
          "parsed %d times; median %.3f s a pass = %.0f MB/s (best %.0f MB/s), %s. Peak RSS %.0f MiB, of which "
          "%.0f MiB is the XML itself before parsing; the rest is mostly the %d parsed `BlobItem`s of a pass. "
          "Parser at least 100 MB/s: %s."
          % (parse_only["pages"], parse_only["bytes"] / 1e6, parse_only["rounds"], parse_only["median_s"],
             parse_only["median_mb_s"], parse_only["best_mb_s"], "%.0f blobs/s" % (parse_only["blobs"] / parse_only["median_s"]),
             parse_only["peak_rss_mib"], parse_only["rss_before_mib"], parse_only["blobs"],
             "yes" if parse_only["median_mb_s"] >= 100 else "no"))


if __name__ == "__main__":
    main()
