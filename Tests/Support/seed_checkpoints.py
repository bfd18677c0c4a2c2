#!/usr/bin/env python3
"""Write Event Hubs checkpoint fixtures into a running Blob endpoint with the REAL Azure SDK.

Layouts (KEDA's pkg/scalers/azure/azure_eventhub_checkpoint.go readers, and the SDKs that write them):
  blobMetadata          BlobCheckpointStore.update_checkpoint (azure-eventhub-checkpointstoreblob):
                        empty blob {ns}/{hub}/{cg}/checkpoint/{pid}, metadata sequencenumber + offset;
                        the Python store lowercases the whole name.
  blobMetadataVerbatim  the same layout written verbatim (Go azeventhubs / Dapr >= 1.10 keep case).
  azureFunction         container azure-webjobs-eventhub, blob {ns}/{hub}/{cg}/{pid},
                        body {"SequenceNumber":N,"PartitionId":"pid","Owner":"","Token":"","Epoch":0}
  goSdk                 blob {pid}, body {"partitionID":"pid","epoch":0,"owner":"",
                        "checkpoint":{"sequenceNumber":N,"enqueueTime":""},"state":"","token":""}
  dapr                  blob dapr-{hub}-{cg}-{pid}, same body as goSdk
  default               blob {cg}/{pid}, C# body as azureFunction
  defaultPython         blob {cg}/{pid}, old Python EPH body {"sequence_number":N,"partition_id":"pid",...}

Bodies are compact JSON exactly as the SDKs and KEDA's tests (pkg/scalers/azure/azure_eventhub_test.go) write them; with --offset the JSON layouts also
carry the offset ("Offset" first / "checkpoint.offset" first). Output: one JSON line per blob
written: {"container", "blob", "partition", "sequence", "strategy"}.

  seed_checkpoints.py --endpoint http://127.0.0.1:PORT/devstoreaccount1 --container c \\
      --strategy blobMetadata --namespace ns.servicebus.windows.net --hub hub \\
      --consumer-group '$Default' --sequence 0=100,1=120
Several seeds at once: --spec '[{"strategy": "goSdk", "container": "c", "sequence": {"0": 5}}, ...]'
(keys as the flags without dashes; values default to the flags given).
"""

import argparse
import json
import sys

from azure.core.exceptions import ResourceExistsError
from azure.storage.blob import ContainerClient

WELL_KNOWN_ACCOUNT = "devstoreaccount1"
WELL_KNOWN_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
FUNCTIONS_CONTAINER = "azure-webjobs-eventhub"
STRATEGIES = ("blobMetadata", "blobMetadataVerbatim", "azureFunction", "goSdk", "dapr", "default", "defaultPython")


def compact(obj):
    return json.dumps(obj, separators=(",", ":"))


def csharp_body(pid, seq, offset):
    body = {"Offset": offset} if offset is not None else {}
    body.update({"SequenceNumber": seq, "PartitionId": pid, "Owner": "", "Token": "", "Epoch": 0})
    return compact(body)


def go_body(pid, seq, offset):
    checkpoint = {"offset": offset} if offset is not None else {}
    checkpoint.update({"sequenceNumber": seq, "enqueueTime": ""})
    return compact({"partitionID": pid, "epoch": 0, "owner": "", "checkpoint": checkpoint, "state": "", "token": ""})


def python_eph_body(pid, seq, offset):
    body = {"offset": offset} if offset is not None else {}
    body.update({"sequence_number": seq, "partition_id": pid, "owner": "", "token": "", "epoch": 0})
    return compact(body)


def parse_pairs(text):
    """'0=100,1=120' -> {'0': '100', '1': '120'}; a dict passes through."""
    if isinstance(text, dict):
        return {str(k): str(v) for k, v in text.items()}
    pairs = {}
    for part in (text or "").split(","):
        if part.strip():
            pid, _, value = part.partition("=")
            pairs[pid.strip()] = value.strip()
    return pairs


def container_client(seed, name):
    if seed.get("connection_string"):
        return ContainerClient.from_connection_string(seed["connection_string"], name)
    credential = seed.get("sas") or {"account_name": seed["account_name"], "account_key": seed["account_key"]}
    return ContainerClient(seed["endpoint"], name, credential=credential)


def ensure_container(client):
    try:
        client.create_container()
    except ResourceExistsError:
        pass


def write_seed(seed):
    strategy = seed["strategy"]
    if strategy not in STRATEGIES:
        raise SystemExit("unknown strategy %r (known: %s)" % (strategy, ", ".join(STRATEGIES)))
    ns, hub, cg = seed["namespace"], seed["hub"], seed["consumer_group"]
    sequences = parse_pairs(seed["sequence"])
    offsets = parse_pairs(seed.get("offset"))
    container = FUNCTIONS_CONTAINER if strategy == "azureFunction" else seed["container"]
    client = container_client(seed, container)
    if seed.get("create_container", True):
        ensure_container(client)
    written = []
    if strategy == "blobMetadata":
        from azure.eventhub.extensions.checkpointstoreblob import BlobCheckpointStore

        from azure.core.credentials import AzureNamedKeyCredential, AzureSasCredential

        if seed.get("connection_string"):
            store = BlobCheckpointStore.from_connection_string(seed["connection_string"], container)
        else:
            credential = AzureSasCredential(seed["sas"]) if seed.get("sas") else \
                AzureNamedKeyCredential(seed["account_name"], seed["account_key"])
            store = BlobCheckpointStore(seed["endpoint"], container, credential=credential)
        for pid, seq in sequences.items():
            store.update_checkpoint({
                "fully_qualified_namespace": ns, "eventhub_name": hub, "consumer_group": cg,
                "partition_id": pid, "sequence_number": int(seq), "offset": offsets.get(pid, str(int(seq) * 1024)),
            })
            name = ("%s/%s/%s/checkpoint/%s" % (ns, hub, cg, pid)).lower()  # what the store writes
            written.append((name, pid, int(seq)))
    else:
        for pid, seq in sequences.items():
            seq = int(seq)
            offset = offsets.get(pid)
            if strategy == "blobMetadataVerbatim":
                name, body = "%s/%s/%s/checkpoint/%s" % (ns, hub, cg, pid), b""
                metadata = {"sequencenumber": str(seq), "offset": offset or str(seq * 1024)}
            else:
                metadata = None
                name, body = {
                    "azureFunction": ("%s/%s/%s/%s" % (ns, hub, cg, pid), csharp_body(pid, seq, offset)),
                    "goSdk": (pid, go_body(pid, seq, offset)),
                    "dapr": ("dapr-%s-%s-%s" % (hub, cg, pid), go_body(pid, seq, offset)),
                    "default": ("%s/%s" % (cg, pid), csharp_body(pid, seq, offset)),
                    "defaultPython": ("%s/%s" % (cg, pid), python_eph_body(pid, seq, offset)),
                }[strategy]
            client.upload_blob(name, body, overwrite=True, metadata=metadata)
            written.append((name, pid, seq))
    return [{"container": container, "blob": name, "partition": pid, "sequence": seq, "strategy": strategy}
            for name, pid, seq in written]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--endpoint", help="blob endpoint, e.g. http://127.0.0.1:PORT/devstoreaccount1")
    p.add_argument("--connection-string", help="storage connection string instead of --endpoint")
    p.add_argument("--account-name", default=WELL_KNOWN_ACCOUNT)
    p.add_argument("--account-key", default=WELL_KNOWN_KEY)
    p.add_argument("--sas", help="SAS query string to use instead of the account key")
    p.add_argument("--container", default="checkpoints")
    p.add_argument("--strategy", default="blobMetadata", choices=STRATEGIES)
    p.add_argument("--namespace", default="ns.servicebus.windows.net", help="fully qualified namespace")
    p.add_argument("--hub", default="hub")
    p.add_argument("--consumer-group", default="$Default")
    p.add_argument("--sequence", default="", help="partition=sequence,... e.g. 0=100,1=120")
    p.add_argument("--offset", default="", help="partition=offset,... (default sequence*1024 for metadata)")
    p.add_argument("--no-create-container", dest="create_container", action="store_false")
    p.add_argument("--spec", help="JSON list of seeds (objects with the options above, snake_case)")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    base = {k: v for k, v in vars(args).items() if k != "spec"}
    if not args.endpoint and not args.connection_string:
        raise SystemExit("give --endpoint or --connection-string")
    seeds = [dict(base, **{k.replace("-", "_"): v for k, v in s.items()}) for s in json.loads(args.spec)] \
        if args.spec else [base]
    for seed in seeds:
        for line in write_seed(seed):
            sys.stdout.write(json.dumps(line) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
