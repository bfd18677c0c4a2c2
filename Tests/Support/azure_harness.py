"""Start azure_server.py for a pytest module and talk to it without the SDK (raw HTTP, signing)."""

import base64
import contextlib
import datetime as dt
import http.client
import json
import os
import subprocess
import sys
import urllib.parse

import azure_auth

HERE = os.path.dirname(os.path.abspath(__file__))
ACCOUNT = azure_auth.WELL_KNOWN_ACCOUNT
KEY = azure_auth.WELL_KNOWN_KEY


class RunningServer:
    def __init__(self, process, port, scheme):
        self.process = process
        self.port = port
        self.scheme = scheme

    @property
    def blob_endpoint(self):
        return "%s://127.0.0.1:%d/%s" % (self.scheme, self.port, ACCOUNT)

    @property
    def connection_string(self):
        return ("DefaultEndpointsProtocol=%s;AccountName=%s;AccountKey=%s;BlobEndpoint=%s;"
                % (self.scheme, ACCOUNT, KEY, self.blob_endpoint))

    def connection(self):
        if self.scheme == "https":
            import ssl
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=10,
                                               context=ssl._create_unverified_context())
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def request(self, method, path, headers=None, body=b""):
        """One raw request on a fresh connection -> (status, headers dict lowercased, body)."""
        conn = self.connection()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            conn.close()

    def admin(self, method, what, obj=None):
        body = json.dumps(obj).encode() if obj is not None else b""
        status, _, data = self.request(method, "/__admin/" + what, {"Content-Type": "application/json"}, body)
        assert status == 200, data
        return json.loads(data)


@contextlib.contextmanager
def azure_server(*args, scheme="http"):
    process = subprocess.Popen([sys.executable, "-u", os.path.join(HERE, "azure_server.py"), *args],
                               stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("READY "), "azure_server.py did not start: %r" % line
        yield RunningServer(process, int(line.split()[1]), scheme)
    finally:
        process.terminate()
        process.wait(timeout=10)


def rfc1123(moment=None):
    return (moment or dt.datetime.now(dt.timezone.utc)).strftime("%a, %d %b %Y %H:%M:%S GMT")


def shared_key_headers(method, path_and_query, headers, account=ACCOUNT, key=KEY):
    """Headers plus an Authorization computed with this package's Shared Key rules."""
    raw_path, _, raw_query = path_and_query.partition("?")
    headers = dict(headers)
    headers.setdefault("x-ms-date", rfc1123())
    headers.setdefault("x-ms-version", "2021-08-06")
    to_sign = azure_auth.shared_key_string_to_sign(method, list(headers.items()), account, raw_path, raw_query)
    signature = azure_auth.hmac_sha256_base64(base64.b64decode(key), to_sign)
    headers["Authorization"] = "SharedKey %s:%s" % (account, signature)
    return headers


def quote_blob(name):
    return urllib.parse.quote(name, safe="~/")
