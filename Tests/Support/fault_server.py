#!/usr/bin/env python3
"""A scriptable HTTP/1.1 server that misbehaves on request, for the transport tests.

Each request says what it wants in its own URL, so tests sharing one server stay independent:

    /fault/<scenario>/<id>[/anything]?<options>

<id> is chosen by the test (unique per test); attempts are counted per id.

Scenarios:
    ok        answer normally: a JSON echo of what was received (method, raw path, headers, body)
    drop      close the connection without answering
    reset     send headers (Content-Length 1000) and 100 bytes, then reset the connection (RST)
    truncate  send headers (Content-Length 1000) and 100 bytes, then close cleanly
    trickle   send headers, then one byte every `interval` ms, `count` bytes in all
    big       answer with `size` bytes of body (`chunked=1`: without Content-Length)

Options:
    latency=MS          wait before answering
    statuses=503,503,200  status per attempt of this id (the last one repeats); default 200
    retry_after=N | date:N  Retry-After on non-2xx answers (seconds, or an HTTP-date N s ahead)
    fail=N              the fault scenarios misbehave for the first N attempts only, then answer `ok`
    header=Name:Value   extra response header (repeatable)

Counters:
    GET /stats/<id>   {"attempts", "max_concurrent", "connections", "requests": [{method, path, headers}]}
    GET /stats        {"connections", "max_concurrent"} over the whole server

Usage: fault_server.py [--cert C --key K [--client-ca CA]]; prints `READY <port>`.
"""
import argparse
import json
import os
import socket
import ssl
import struct
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import request_log  # noqa: E402


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.ids = {}
        self.connections = 0
        self.current = 0
        self.max_concurrent = 0

    def record(self, fault_id):
        return self.ids.setdefault(fault_id, {
            "attempts": 0, "current": 0, "max_concurrent": 0, "ports": set(), "requests": []})


STATS = Stats()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, the body waits for a delayed ACK (40 ms).
    disable_nagle_algorithm = True
    server_version = "fault-server"
    sys_version = ""

    def setup(self):
        super().setup()
        with STATS.lock:
            STATS.connections += 1

    def log_message(self, *args):
        pass

    def parse_request(self):
        parsed = super().parse_request()
        if parsed:
            request_log.record("fault", self.command, self.path, self.headers.get("User-Agent"))
        return parsed

    def do_GET(self):
        self.dispatch()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_GET

    def dispatch(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        segments = parts.path.split("/")
        if segments[1:2] == ["stats"]:
            return self.send_stats(segments[2] if len(segments) > 2 else None)
        if segments[1:2] != ["fault"] or len(segments) < 4:
            return self.answer(404, self.echo(body, 0), {})
        scenario, fault_id = segments[2], segments[3]
        query = parse_qs(parts.query, keep_blank_values=True)
        option = lambda name, default=None: query.get(name, [default])[0]

        with STATS.lock:
            record = STATS.record(fault_id)
            attempt = record["attempts"]
            record["attempts"] += 1
            record["current"] += 1
            record["max_concurrent"] = max(record["max_concurrent"], record["current"])
            record["ports"].add(self.client_address[1])
            record["requests"].append({"method": self.command, "path": self.path,
                                       "headers": [[k, v] for k, v in self.headers.items()]})
            STATS.current += 1
            STATS.max_concurrent = max(STATS.max_concurrent, STATS.current)
        try:
            latency = int(option("latency", "0"))
            if latency:
                time.sleep(latency / 1000)
            fail = option("fail")
            faulty = fail is None or attempt < int(fail)
            if scenario != "ok" and faulty:
                return self.misbehave(scenario, option)
            statuses = [int(s) for s in option("statuses", "200").split(",")]
            status = statuses[min(attempt, len(statuses) - 1)]
            extra = {}
            for pair in query.get("header", []):
                name, _, value = pair.partition(":")
                extra[name] = value
            retry_after = option("retry_after")
            if retry_after is not None and not 200 <= status < 300:
                if retry_after.startswith("date:"):
                    retry_after = formatdate(time.time() + float(retry_after[5:]), usegmt=True)
                extra["Retry-After"] = retry_after
            self.answer(status, self.echo(body, attempt + 1), extra)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with STATS.lock:
                record["current"] -= 1
                STATS.current -= 1

    def echo(self, body, attempt):
        return json.dumps({"method": self.command, "path": self.path, "attempt": attempt,
                           "headers": [[k, v] for k, v in self.headers.items()],
                           "body": body.decode("latin-1")}).encode()

    def answer(self, status, payload, extra, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def head(self, length=None, chunked=False):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def misbehave(self, scenario, option):
        self.close_connection = True
        if scenario == "drop":
            self.connection.shutdown(socket.SHUT_RDWR)
        elif scenario in ("reset", "truncate"):
            self.head(1000)
            self.wfile.write(b"x" * 100)
            if scenario == "truncate":
                self.connection.shutdown(socket.SHUT_WR)
            else:
                # SO_LINGER 0 turns close into a reset; detach so nothing sends a FIN first.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                os.close(self.connection.detach())
        elif scenario == "trickle":
            count = int(option("count", "10"))
            interval = int(option("interval", "1000")) / 1000
            self.head(count)
            for _ in range(count):
                time.sleep(interval)
                self.wfile.write(b"x")
        elif scenario == "big":
            size = int(option("size", "1024"))
            block = b"x" * 65536
            if option("chunked") == "1":
                self.head(chunked=True)
                left = size
                while left > 0:
                    part = block[:min(left, len(block))]
                    self.wfile.write(b"%x\r\n" % len(part) + part + b"\r\n")
                    left -= len(part)
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.head(size)
                left = size
                while left > 0:
                    part = block[:min(left, len(block))]
                    self.wfile.write(part)
                    left -= len(part)
        else:
            self.close_connection = False
            self.answer(400, b'{"error": "unknown scenario"}', {})

    def send_stats(self, fault_id):
        with STATS.lock:
            if fault_id is None:
                result = {"connections": STATS.connections, "max_concurrent": STATS.max_concurrent}
            else:
                record = STATS.record(fault_id)
                result = {"attempts": record["attempts"], "max_concurrent": record["max_concurrent"],
                          "connections": len(record["ports"]), "requests": record["requests"]}
        self.answer(200, json.dumps(result).encode(), {})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    tls = None

    def finish_request(self, request, client_address):
        # The TLS handshake happens on the handler's thread, so a slow client cannot block accept().
        if self.tls is not None:
            request = self.tls.wrap_socket(request, server_side=True)
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        pass  # handshake failures and resets are what the tests provoke


def watch_parent():
    # The tests may leave a shared server running; end with the test process.
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--client-ca")
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        if args.client_ca:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(args.client_ca)
        server.tls = context
    threading.Thread(target=watch_parent, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
