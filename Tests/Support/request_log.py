"""The suite-wide request log behind the read-only proof (check_read_only.py).

When KSL_REQUEST_LOG_DIR is set, every test server appends one JSON line per request it receives
to a file of its own in that directory: server, method, path (query dropped: it may carry a SAS
signature), User-Agent. scripts/test sets the variable for the whole run; unset, this does nothing.
"""
import json
import os
import threading

_lock = threading.Lock()


def record(server, method, path, user_agent):
    directory = os.environ.get("KSL_REQUEST_LOG_DIR")
    if not directory:
        return
    line = json.dumps({"server": server, "method": method, "path": (path or "").split("?", 1)[0],
                       "userAgent": user_agent or ""}, sort_keys=True) + "\n"
    try:
        os.makedirs(directory, exist_ok=True)
        # One file per server process; O_APPEND keeps each short line whole.
        name = os.path.join(directory, "%s-%d.jsonl" % (server, os.getpid()))
        with _lock:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                os.write(fd, line.encode("utf-8"))
            finally:
                os.close(fd)
    except OSError:
        pass  # the log must never break the server under test; an empty log fails the check instead
