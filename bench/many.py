#!/usr/bin/env python3
"""Benchmark: `checkpoints -A` over many consumers. 200 azure-eventhub triggers x 32 partitions across 20
namespaces (per namespace: one Secret, one Deployment, 10 ScaledObjects reading 2 hubs x 5 consumer
groups, checkpoints in the namespace's own container of one storage account), the test API server with
those objects, and the Azure test server injecting a latency on every Azure request.

Measures wall time and peak memory (the plugin's own rusage), the Azure requests sent against the naive
count (triggers x (1 + partitions): a hub call and one call per partition, per trigger), and the time
against a loop of single-object runs one after the other (`checkpoints NAME -n NS`, timed over a sample
and scaled to all triggers). Prints a Markdown table.
Usage: bench/many.py [--namespaces 20] [--per-namespace 10] [--partitions 32] [--latency-ms 20] [--sequential-sample 20]
"""

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import binary, measure  # noqa: E402
from checkpoints import ACCOUNT, KEY, NAMESPACE, POLICY, POLICY_KEY, SUPPORT  # noqa: E402

TOKEN = "bench-token-many"


def start(command):
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("READY "), line
    return proc, int(line.split()[1])


def layout(namespaces, per_namespace):
    """(namespace, object name, hub, consumer group, container) per trigger: 2 hubs x (per_namespace / 2) groups."""
    triggers = []
    for n in range(namespaces):
        ns = "team-%02d" % n
        for i in range(per_namespace):
            hub = "events-%02d-%d" % (n, i % 2)
            triggers.append((ns, "consumer-%02d" % i, hub, "group-%d" % (i // 2), "checkpoints-%02d" % n))
    return triggers


def manifests(triggers, storage, eventhubs):
    def b64(text):
        return base64.b64encode(text.encode()).decode()
    docs = []
    for ns in sorted({t[0] for t in triggers}):
        docs.append(textwrap.dedent("""\
            apiVersion: v1
            kind: Secret
            metadata: {name: azure, namespace: %s}
            data: {eventhub: %s, storage: %s}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: consumer, namespace: %s}
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: consumer:1
                    env:
                    - {name: EventHubConnection, valueFrom: {secretKeyRef: {name: azure, key: eventhub}}}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: azure, key: storage}}}
            """ % (ns, b64(eventhubs), b64(storage), ns)))
    for ns, name, hub, group, container in triggers:
        docs.append(textwrap.dedent("""\
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: %s, namespace: %s, labels: {app: consumer}}
            spec:
              scaleTargetRef: {name: consumer}
              triggers:
              - type: azure-eventhub
                metadata: {connectionFromEnv: EventHubConnection, storageConnectionFromEnv: AzureWebJobsStorage,
                           eventHubName: %s, consumerGroup: %s, blobContainer: %s, checkpointStrategy: blobMetadata}
            """ % (name, ns, hub, group, container)))
    return "---\n".join(docs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--namespaces", type=int, default=20)
    parser.add_argument("--per-namespace", type=int, default=10)
    parser.add_argument("--partitions", type=int, default=32)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--sequential-sample", type=int, default=20)
    args = parser.parse_args()
    exe = binary()
    procs = []
    try:
        bench(args, exe, procs)
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


def serve(args, procs):
    """Starts both test servers with the objects and checkpoints; returns (triggers, hubs, containers, env,
    flags every run needs, Azure base URL, Azure request log)."""
    triggers = layout(args.namespaces, args.per_namespace)
    hubs = sorted({t[2] for t in triggers})
    groups = sorted({t[3] for t in triggers})
    work = tempfile.mkdtemp(prefix="bench-many-")
    with open(os.path.join(work, "hubs.json"), "w") as f:
        json.dump([{"name": h, "partitions": args.partitions, "last": [1000 + p for p in range(args.partitions)],
                    "consumer-groups": ["$Default"] + groups} for h in hubs], f)
    log = os.path.join(work, "azure.log")
    azure, azure_port = start([sys.executable, "-u", os.path.join(SUPPORT, "azure_server.py"), "--hubs-file", f.name,
                               "--eventhub-policy", "%s:%s" % (POLICY, POLICY_KEY), "--eventhub-namespace", NAMESPACE,
                               "--log", log] + (["--fault", "latency:ms=%d" % args.latency_ms] if args.latency_ms else []))
    procs.append(azure)
    base = "http://127.0.0.1:%d" % azure_port
    storage = "DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=%s/%s;" % (ACCOUNT, KEY, base, ACCOUNT)
    eventhubs = "Endpoint=sb://%s/;SharedAccessKeyName=%s;SharedAccessKey=%s" % (NAMESPACE, POLICY, POLICY_KEY)
    # Checkpoints as the SDK's BlobCheckpointStore names them (blobMetadata), 10 events behind, in bulk.
    import urllib.request
    by_container = {}
    for ns, name, hub, group, container in triggers:
        for p in range(args.partitions):
            by_container.setdefault(container, []).append({
                "name": "%s/%s/%s/checkpoint/%d" % (NAMESPACE, hub, group, p), "body": "",
                "metadata": {"sequencenumber": str(990 + p), "offset": str(4096 * p)}})
    for container, blobs in by_container.items():
        request = urllib.request.Request("%s/__admin/blobs/%s/%s" % (base, ACCOUNT, container), data=json.dumps(blobs).encode(),
                                         method="PUT", headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request).read()

    certs = os.path.join(work, "certs")
    subprocess.run([sys.executable, os.path.join(SUPPORT, "kube_certs.py"), certs], check=True, capture_output=True)
    with open(os.path.join(work, "objects.yaml"), "w") as f:
        f.write(manifests(triggers, storage, eventhubs))
    kube, kube_port = start([sys.executable, "-u", os.path.join(SUPPORT, "kube_api_server.py"), "--cert", certs + "/server.crt",
                             "--key", certs + "/server.key", "--token", TOKEN, "--manifests", f.name])
    procs.append(kube)
    kubeconfig = os.path.join(work, "kubeconfig")
    with open(kubeconfig, "w") as f:
        f.write(textwrap.dedent("""\
            apiVersion: v1
            kind: Config
            current-context: bench
            clusters: [{name: bench, cluster: {server: "https://127.0.0.1:%d", certificate-authority: %s/ca.crt}}]
            users: [{name: bench, user: {token: %s}}]
            contexts: [{name: bench, context: {cluster: bench, user: bench}}]
            """ % (kube_port, certs, TOKEN)))
    env = dict(os.environ, KUBECONFIG=kubeconfig)
    common = ["--eventhub-endpoint", base + "/", "--keda-version", "2.17.0"]
    return triggers, hubs, by_container, env, common, base, log


def bench(args, exe, procs):
    triggers, hubs, by_container, env, common, base, log = serve(args, procs)

    def azure_requests():
        with open(log) as f:
            return sum(1 for _ in f)

    measure([exe, "checkpoints", "-A", "-o", "json"] + common, env)  # warm-up: page cache, the servers' first answers
    before = azure_requests()
    wall, code, out, rss = measure([exe, "checkpoints", "-A", "-o", "json"] + common, env)
    sent = azure_requests() - before
    items = json.loads(out)["items"]
    assert len(items) == len(triggers), len(items)
    assert all(i.get("totalUnprocessedEvents") == 10 * args.partitions for i in items), [i for i in items if "error" in i][:1]

    sample = triggers[:: max(1, len(triggers) // args.sequential_sample)][: args.sequential_sample]
    started = time.perf_counter()
    for ns, name, *_ in sample:
        _, one_code, _, _ = measure([exe, "checkpoints", name, "-n", ns, "-o", "json"] + common, env)
        assert one_code == 0, (ns, name, one_code)
    sequential = (time.perf_counter() - started) / len(sample) * len(triggers)

    naive = len(triggers) * (1 + args.partitions)
    print("| triggers x partitions | namespaces | latency | wall (`-A`) | peak RSS | Azure requests sent | naive count | "
          "sequential single-object runs | / `-A` |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("| %d x %d | %d | %d ms | %.2f s | %.0f MiB | %d | %d (%.0fx ours) | %.1f s (%d runs timed, scaled) | %.0fx |" % (
        len(triggers), args.partitions, args.namespaces, args.latency_ms, wall, rss, sent, naive, naive / sent,
        sequential, len(sample), sequential / wall))
    print()
    print("exit code %d; %d hubs, %d containers" % (code, len(hubs), len(by_container)), file=sys.stderr)


if __name__ == "__main__":
    main()
