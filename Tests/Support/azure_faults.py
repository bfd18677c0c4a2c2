"""Injected faults: what goes wrong, and for which requests.

A fault is written `kind[:key=value...]`, on the command line (`--fault`) or through the admin
endpoint (a list of such strings, or of objects {"kind": ..., "first": 2, ...}).

kinds
  latency        sleep `ms` milliseconds before answering
  throttle       answer `status` (503 default; 429 allowed) with Retry-After `retry-after` seconds
                 (default 1) and error code ServerBusy, without touching storage
  drop           read the request, then close the connection without a response
  reset          send the status line, headers and half the body, then reset the connection (RST)
  truncate       send the full Content-Length header but half the body, then close (FIN)
  malformed-xml  cut the body short of its closing tag (Content-Length matches what is sent)
  short-page     List Blobs returns at most `items` entries (default 0) with a NextMarker, as
                 Azure may (List Blobs docs, maxresults: "fewer results than maxresults and also return a continuation token")
  big            answer 200 with `size` bytes of body (default 70 MiB, past the plugin's 64 MiB cap)
  trickle        slow loris: send the status line and headers, then the body one byte every
                 `interval` milliseconds (default 1000)
  padded-headers not a fault but a legal wire form: every response header value goes out with
                 optional whitespace around it (" \t" before, "\t " after), which HTTP clients
                 must strip (RFC 9110 5.5); the stored values (and List Blobs XML) are unchanged
selectors (all optional; a request matches when every given one matches)
  first=N        only the first N matching requests
  every=K        only every K-th matching request (K, 2K, ...)
  method=GET     only this HTTP method
  path=TEXT      only requests whose path contains TEXT
  service=blob|eventhubs|kube
"""

import threading

KINDS = {"latency", "throttle", "drop", "reset", "truncate", "malformed-xml", "short-page", "big", "trickle",
         "padded-headers"}
NUMERIC = {"first", "every", "ms", "status", "retry-after", "items", "size", "interval"}


class Fault:
    def __init__(self, kind, **options):
        if kind not in KINDS:
            raise ValueError("unknown fault kind %r (known: %s)" % (kind, ", ".join(sorted(KINDS))))
        unknown = set(options) - NUMERIC - {"method", "path", "service"}
        if unknown:
            raise ValueError("unknown fault option(s) %s" % ", ".join(sorted(unknown)))
        self.kind = kind
        self.options = {k: int(v) if k in NUMERIC else str(v) for k, v in options.items()}
        if self.kind == "throttle" and self.options.get("status", 503) not in (429, 500, 503):
            raise ValueError("throttle status must be 429, 500 or 503")
        self.seen = 0

    def get(self, name, default=None):
        return self.options.get(name, default)

    def selects(self, method, path, service):
        o = self.options
        if "method" in o and o["method"].upper() != method.upper():
            return False
        if "path" in o and o["path"] not in path:
            return False
        if "service" in o and o["service"] != service:
            return False
        return True

    def fires(self):
        """Count one selected request and say whether the fault applies to it."""
        self.seen += 1
        if "first" in self.options and self.seen > self.options["first"]:
            return False
        if "every" in self.options and self.seen % self.options["every"] != 0:
            return False
        return True

    def to_json(self):
        return dict(self.options, kind=self.kind, seen=self.seen)


def parse_fault(spec):
    if isinstance(spec, dict):
        spec = dict(spec)
        spec.pop("seen", None)
        return Fault(spec.pop("kind"), **spec)
    kind, *pairs = spec.split(":")
    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValueError("fault option %r needs key=value" % pair)
        options[key.strip()] = value.strip()
    return Fault(kind.strip(), **options)


class FaultPlan:
    """The active faults; decides, per request, which ones fire."""

    def __init__(self, faults=()):
        self.lock = threading.Lock()
        self.faults = list(faults)

    def replace(self, faults):
        with self.lock:
            self.faults = list(faults)

    def firing(self, method, path, service):
        """Kinds that apply to this request -> their Fault (first selected fault of each kind)."""
        fired = {}
        with self.lock:
            for fault in self.faults:
                if fault.selects(method, path, service) and fault.fires():
                    fired.setdefault(fault.kind, fault)
        return fired

    def to_json(self):
        with self.lock:
            return [f.to_json() for f in self.faults]
