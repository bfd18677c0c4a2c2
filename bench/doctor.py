#!/usr/bin/env python3
"""Benchmark: `kubectl-serverless doctor -f DIR -R -o json` over 5,000 objects from manifests, against
kubectl reading the same files client-side.

The objects are the doctor's example manifests (Tests/ServerlessKitTests/Doctor/Fixtures, or --manifests), copied into
numbered namespaces so that every copy is a distinct object with its references intact: mostly Azure
Functions apps (Deployments with env, Secrets, a ConfigMap, ScaledObjects with azure-eventhub triggers),
KEDA TriggerAuthentications, and a few Fission and OpenWhisk objects.

kubectl's side is `kubectl label --local -f DIR -R -o json`: `kubectl get -f` and even
`kubectl create --dry-run=client` need an API server for discovery, `--local` reads, decodes and
re-encodes every object without one. Usage: bench/doctor.py [--objects 5000] [--runs 5]
"""

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import yaml

from benchlib import binary, measure

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "Tests", "ServerlessKitTests", "Doctor", "Fixtures")
CLUSTER_SCOPED = {"ClusterTriggerAuthentication", "APIService", "ClusterRole", "ClusterRoleBinding", "Namespace"}
# How often each source file recurs: serverless fleets are mostly function apps; Fission and OpenWhisk are "a few".
WEIGHTS = {"azure-functions/func-kubernetes-deploy-dry-run.yaml": 6, "azure-functions/orders-fixed.yaml": 6,
           "azure-functions/misconfig-pod-namespace-timer.yaml": 2, "keda/triggerauth-examples.yaml": 3,
           "keda/scaledobject-eventhub-live-status.yaml": 2, "fission/function-good.yaml": 1,
           "fission/function-bad.yaml": 1, "openwhisk/scheduler-statefulset-rendered.yaml": 1}


def objects_of(path):
    """Kubernetes objects only: Helm values files have no kind, and kubectl would refuse them."""
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if isinstance(d, dict) and d.get("kind") and d.get("apiVersion")]


def json_documents(text):
    """kubectl prints one JSON document per object, one after the other."""
    decoder, position, count = json.JSONDecoder(), 0, 0
    while position < len(text.rstrip()):
        _, end = decoder.raw_decode(text, position)
        position, count = end + len(text[end:]) - len(text[end:].lstrip()), count + 1
    return count


def generate(manifests, directory, wanted):
    units = [(name, objects_of(os.path.join(manifests, name))) for name, weight in WEIGHTS.items() for _ in range(weight)]
    count, copy = 0, 0
    while count < wanted:
        name, docs = units[copy % len(units)]
        out = []
        for doc in docs:
            doc = yaml.safe_load(yaml.safe_dump(doc))  # a deep copy
            meta = doc.setdefault("metadata", {})
            doc.pop("status", None)  # manifests, not live objects
            if doc["kind"] in CLUSTER_SCOPED:
                meta["name"] = "%s-%d" % (meta["name"], copy)
            else:
                meta["namespace"] = "%s-%d" % (meta.get("namespace", "default"), copy)
            out.append(doc)
        if name.startswith("azure-functions/") and out:
            # App settings that are not secret live in a ConfigMap next to the app.
            out.append({"apiVersion": "v1", "kind": "ConfigMap",
                        "metadata": {"name": "app-settings", "namespace": out[0]["metadata"]["namespace"]},
                        "data": {"FUNCTIONS_WORKER_RUNTIME": "node", "AzureFunctionsJobHost__logging__logLevel__default": "Information"}})
        out = out[:wanted - count]
        folder = os.path.join(directory, "app%05d" % copy)
        os.makedirs(folder)
        with open(os.path.join(folder, os.path.basename(name)), "w") as f:
            yaml.safe_dump_all(out, f, sort_keys=False)
        count += len(out)
        copy += 1
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--manifests", default=FIXTURES)
    args = parser.parse_args()
    exe = binary()
    directory = tempfile.mkdtemp(prefix="bench-doctor-")
    try:
        count = generate(args.manifests, directory, args.objects)
        files = len(glob.glob(os.path.join(directory, "*", "*.yaml")))
        ours = [exe, "doctor", "-f", directory, "-R", "-o", "json"]
        kubectl = ["kubectl", "label", "--local", "-f", directory, "-R", "bench=1", "-o", "json"]
        # Both must have read every object, or the comparison means nothing.
        _, code, out, _ = measure(ours)
        summary = json.loads(out)["summary"]
        assert summary["objects"] == count, (summary, count, code)
        _, code, out, _ = measure(kubectl)
        assert code == 0 and json_documents(out.decode()) == count, code
        doctor = [measure(ours) for _ in range(args.runs)]
        theirs = [measure(kubectl) for _ in range(args.runs)]
    finally:
        shutil.rmtree(directory)
    d, k = statistics.median(r[0] for r in doctor), statistics.median(r[0] for r in theirs)
    print("%d objects in %d files; findings: %d error, %d warning, %d info; median of %d runs.\n"
          % (count, files, summary["error"], summary["warning"], summary["info"], args.runs))
    print("| | wall time | max RSS |")
    print("|---|---:|---:|")
    print("| `kubectl-serverless doctor -f DIR -R -o json` | %.3f s | %.0f MiB |" % (d, max(r[3] for r in doctor)))
    print("| `kubectl label --local -f DIR -R -o json` (parse + re-encode only) | %.3f s | %.0f MiB |" % (k, max(r[3] for r in theirs)))
    print("| kubectl / doctor | %.1fx | |" % (k / d))
    print("\ndoctor under a second over %d objects: %s (%.3f s)" % (count, "yes" if d < 1.0 else "NO", d))


if __name__ == "__main__":
    main()
