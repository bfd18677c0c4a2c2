#!/usr/bin/env python3
"""Benchmark: start-up cost of the commands a shell runs most (help, the completion protocol kubectl
calls on every TAB, version) against `kubectl version --client`, the floor for a Go kubectl binary.

Median wall time of --runs runs each, after one warm-up so that every command reads from the page cache.
Usage: bench/startup.py [--runs 20]
"""

import argparse
import statistics

from benchlib import binary, measure


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    exe = binary()
    commands = [("kubectl-serverless --help", [exe, "--help"]),
                ('kubectl-serverless __complete ""', [exe, "__complete", ""]),
                ("kubectl-serverless version", [exe, "version"]),
                ("kubectl version --client", ["kubectl", "version", "--client"])]
    results = []
    for label, command in commands:
        _, code, _, _ = measure(command)
        assert code == 0, (label, code)
        runs = [measure(command) for _ in range(args.runs)]
        results.append((label, statistics.median(r[0] for r in runs) * 1000, max(r[3] for r in runs)))
    floor = results[-1][1]
    print("Median of %d runs each (after one warm-up).\n" % args.runs)
    print("| command | median | max RSS | / kubectl version --client |")
    print("|---|---:|---:|---:|")
    for label, ms, rss in results:
        print("| `%s` | %.1f ms | %.0f MiB | %.2fx |" % (label, ms, rss, ms / floor))


if __name__ == "__main__":
    main()
