"""Event Hubs runtime information over the ATOM REST API ("Get Event Hub" and "Get partition" in Azure's Event Hubs REST reference).

A hub is configured by a compact spec, e.g.
    orders:partitions=4:last=100,200,-1,5:begin=0,0,-1,0
or the same as JSON: {"name": "orders", "partitions": 4, "last": [100, 200, -1, 5], "begin": [0, 0, -1, 0]}.
Keys: partitions (count), last (EndSequenceNumber per partition), begin (BeginSequenceNumber),
offset (LastEnqueuedOffset), time (LastEnqueuedTimeUtc, ISO 8601), consumer-groups (names; default
$Default), size (SizeInBytes). A list shorter than the partition count repeats its last value, so
`partitions=1024:last=7` costs nothing. An empty partition has last=-1 (offset -1 unless given).
"""

import datetime as dt
from xml.sax.saxutils import escape

ATOM = "http://www.w3.org/2005/Atom"
CONNECT = "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"
ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
INSTANCE = "http://www.w3.org/2001/XMLSchema-instance"
DEFAULT_TIME = "2025-11-22T10:00:00.000Z"
CREATED_AT = "2025-11-01T08:00:00.000Z"


class Hub:
    def __init__(self, name, partitions=1, last=(-1,), begin=None, offset=None, time=None,
                 consumer_groups=("$Default",), size=None):
        if partitions < 1:
            raise ValueError("a hub needs at least one partition")
        self.name = name
        self.partitions = partitions
        self.last = list(last) or [-1]
        self.begin = list(begin) if begin else [0]
        self.offset = list(offset) if offset else None
        self.time = list(time) if time else [DEFAULT_TIME]
        self.consumer_groups = list(consumer_groups)
        self.size = list(size) if size else [0]

    @staticmethod
    def _pick(values, index):
        return values[index] if index < len(values) else values[-1]

    def has_partition(self, pid):
        return pid.isdigit() and str(int(pid)) == pid and int(pid) < self.partitions

    def has_consumer_group(self, name):
        return any(name.lower() == cg.lower() for cg in self.consumer_groups)

    def partition(self, pid):
        i = int(pid)
        last = int(self._pick(self.last, i))
        begin = int(self._pick(self.begin, i))
        if self.offset is not None:
            offset = str(self._pick(self.offset, i))
        else:
            offset = "-1" if last < 0 else str(last * 1024)
        return {
            "SizeInBytes": str(self._pick(self.size, i)),
            "BeginSequenceNumber": str(begin),
            "EndSequenceNumber": str(last),
            "IncomingBytesPerSecond": "0",
            "OutgoingBytesPerSecond": "0",
            "LastEnqueuedOffset": offset,
            "LastEnqueuedTimeUtc": str(self._pick(self.time, i)),
        }

    def to_json(self):
        return {"name": self.name, "partitions": self.partitions, "last": self.last, "begin": self.begin,
                "offset": self.offset, "time": self.time, "consumer-groups": self.consumer_groups,
                "size": self.size}


def _numbers(text):
    return [int(v) for v in text.split(",") if v != ""]


def parse_hub_spec(spec):
    """'name:key=value:...' -> Hub."""
    name, *pairs = spec.split(":")
    options = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        options[key.strip()] = value.strip()
    return hub_from_json(dict(options, name=name), from_text=True)


def hub_from_json(obj, from_text=False):
    def values(key, numeric=True):
        raw = obj.get(key)
        if raw is None:
            return None
        if from_text:
            return _numbers(raw) if numeric else [v for v in raw.split(",") if v]
        return [raw] if not isinstance(raw, list) else raw

    known = {"name", "partitions", "last", "begin", "offset", "time", "consumer-groups", "size"}
    unknown = set(obj) - known
    if unknown:
        raise ValueError("unknown hub option(s): %s" % ", ".join(sorted(unknown)))
    return Hub(
        name=obj["name"],
        partitions=int(obj.get("partitions", 1)),
        last=values("last") or [-1],
        begin=values("begin"),
        offset=values("offset", numeric=False),
        time=values("time", numeric=False),
        consumer_groups=values("consumer-groups", numeric=False) or ["$Default"],
        size=values("size"),
    )


def _now():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def hub_entry_xml(base_url, hub, api_version):
    url = escape("%s/%s?api-version=%s" % (base_url, hub.name, api_version))
    ids = "".join("<d2p1:string>%d</d2p1:string>" % i for i in range(hub.partitions))
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<entry xmlns="%s"><id>%s</id><title type="text">%s</title>'
            "<published>%s</published><updated>%s</updated><author><name>%s</name></author>"
            '<link rel="self" href="%s"/><content type="application/xml">'
            '<EventHubDescription xmlns="%s" xmlns:i="%s">'
            "<MessageRetentionInDays>1</MessageRetentionInDays><AuthorizationRules></AuthorizationRules>"
            "<Status>Active</Status><CreatedAt>%s</CreatedAt><UpdatedAt>%s</UpdatedAt>"
            "<PartitionCount>%d</PartitionCount>"
            '<PartitionIds xmlns:d2p1="%s">%s</PartitionIds>'
            "</EventHubDescription></content></entry>"
            % (ATOM, url, escape(hub.name), CREATED_AT[:19] + "Z", _now(), escape(base_url.split("//")[-1]), url,
               CONNECT, INSTANCE, CREATED_AT, CREATED_AT, hub.partitions, ARRAYS, ids)).encode("utf-8")


def _partition_description(hub, pid, api_version):
    fields = hub.partition(pid)
    if api_version < "2015-01":  # LastEnqueued* arrived with 2015-01 (DOCS list-partition-runtime-metadata)
        fields.pop("LastEnqueuedOffset")
        fields.pop("LastEnqueuedTimeUtc")
    body = "".join("<%s>%s</%s>" % (k, escape(v), k) for k, v in fields.items())
    return '<PartitionDescription xmlns="%s" xmlns:i="%s">%s</PartitionDescription>' % (CONNECT, INSTANCE, body)


def _partition_entry(base_url, hub, cg, pid, api_version, xml_base=None):
    url = escape("%s/%s/consumergroups/%s/partitions/%s?api-version=%s" % (base_url, hub.name, cg, pid, api_version))
    base_attr = ' xml:base="%s"' % escape(xml_base) if xml_base else ' xmlns="%s"' % ATOM
    return ('<entry%s><id>%s</id><title type="text">%s</title><published>%s</published>'
            '<updated>%s</updated><link rel="self" href="%s"/><content type="application/xml">%s</content></entry>'
            % (base_attr, url, pid, CREATED_AT[:19] + "Z", CREATED_AT[:19] + "Z", url,
               _partition_description(hub, pid, api_version)))


def partition_entry_xml(base_url, hub, cg, pid, api_version):
    return ('<?xml version="1.0" encoding="utf-8"?>'
            + _partition_entry(base_url, hub, cg, pid, api_version)).encode("utf-8")


def partitions_feed_xml(base_url, hub, cg, api_version):
    feed_url = "%s/%s/consumergroups/%s/partitions?api-version=%s" % (base_url, hub.name, cg, api_version)
    entries = "".join(_partition_entry(base_url, hub, cg, str(i), api_version, xml_base=feed_url)
                      for i in range(hub.partitions))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="%s"><title type="text">Partitions</title>'
            '<id>%s</id><updated>%s</updated><link rel="self" href="%s"/>%s</feed>'
            % (ATOM, escape(feed_url), _now(), escape(feed_url), entries)).encode("utf-8")


def error_xml(status, detail):
    return ('<Error><Code>%d</Code><Detail>%s</Detail></Error>' % (status, escape(detail))).encode("utf-8")
