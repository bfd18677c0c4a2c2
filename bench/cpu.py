#!/usr/bin/env python3
"""Benchmark: the plugin's own CPU (user + sys of the child, from wait4) next to wall time, for one
checkpoints run at 1, 1,024 and 4,096 partitions (--partition-info, blobMetadata, -o json, checkpoints
written by the real Python SDK into the Azure test server) and for doctor over 5,000 manifest objects.

The test server runs in this process's children too, but only the plugin's own rusage is counted.
Prints a Markdown table (and writes it with --write).
Usage: bench/cpu.py [--partitions 1,1024,4096] [--runs 5] [--doctor-objects 5000] [--write FILE]
"""

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import binary  # noqa: E402
from checkpoints import CONTAINER, HUB, NAMESPACE, Server, seed  # noqa: E402
from doctor import FIXTURES, generate  # noqa: E402


def run(command):
    """(wall seconds, CPU seconds, max RSS MiB, exit code, stdout) of one child, from its own rusage."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), out.read()


def median_of(runs, command):
    samples = [run(command) for _ in range(runs)]
    outputs = {hashlib.sha256(s[4]).hexdigest() for s in samples}
    assert len(outputs) == 1, "output differs between runs of %s" % command[:3]
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
            max(s[2] for s in samples), samples[0][3], samples[0][4])


def checkpoints_rows(exe, partition_counts, runs):
    rows = []
    for partitions in partition_counts:
        server = Server(partitions)
        try:
            seed(server, partitions)
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as info:
                json.dump([{"partitionId": str(i), "lastEnqueuedSequenceNumber": 1000 + i, "beginningSequenceNumber": 0}
                           for i in range(partitions)], info)
            command = [exe, "checkpoints", "--storage-connection", server.storage,
                       "--eventhub-connection", "Endpoint=sb://%s/;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=%s"
                       % (NAMESPACE, HUB),
                       "--blob-container", CONTAINER, "--checkpoint-strategy", "blobMetadata",
                       "--partition-info", info.name, "-o", "json"]
            run(command)  # warm-up: page cache, the server's first answers
            wall, cpu, rss, code, out = median_of(runs, command)
            report = json.loads(out)
            assert report["totalUnprocessedEvents"] == 10 * partitions, report["totalUnprocessedEvents"]
            rows.append(("checkpoints, %s partition%s" % (format(partitions, ","), "" if partitions == 1 else "s"),
                         wall, cpu, rss, partitions))
            os.unlink(info.name)
        finally:
            server.stop()
    return rows


def doctor_row(exe, objects, runs, manifests):
    with tempfile.TemporaryDirectory() as folder:
        generate(manifests, folder, objects)
        command = [exe, "doctor", "-f", folder, "-R", "-o", "json"]
        run(command)
        wall, cpu, rss, code, _ = median_of(runs, command)
        return ("doctor -f, %s objects" % format(objects, ","), wall, cpu, rss, None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partitions", default="1,1024,4096")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--doctor-objects", type=int, default=5000)
    parser.add_argument("--manifests", default=FIXTURES)
    parser.add_argument("--write")
    args = parser.parse_args()
    exe = binary()
    help_wall, help_cpu, help_rss, _, _ = median_of(args.runs, [exe, "--help"])
    rows = [("--help (the floor)", help_wall, help_cpu, help_rss, None)]
    rows += checkpoints_rows(exe, [int(p) for p in args.partitions.split(",")], args.runs)
    if args.doctor_objects:
        rows.append(doctor_row(exe, args.doctor_objects, args.runs, args.manifests))
    # The cost of one more partition: the CPU above the smallest checkpoints run, per partition added.
    smallest = min((r for r in rows if r[4]), key=lambda r: r[4], default=None)
    lines = ["| run | wall | plugin CPU (user+sys) | CPU / --help | CPU per added partition | max RSS |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, wall, cpu, rss, partitions in rows:
        per = ("%.1f µs" % ((cpu - smallest[2]) * 1e6 / (partitions - smallest[4]))
               if partitions and smallest and partitions > smallest[4] else "-")
        lines.append("| %s | %.1f ms | %.1f ms | %.1fx | %s | %.0f MiB |" % (
            name, wall * 1000, cpu * 1000, cpu / help_cpu if help_cpu else 0, per, rss))
    text = "Median of %d runs (after one warm-up); CPU is the plugin process's own rusage.\n\n" % args.runs
    text += "\n".join(lines) + "\n"
    print(text)
    if args.write:
        with open(args.write, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
