"""Pieces every benchmark shares: which binary to measure, and how to time a child process."""

import os
import resource
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def binary():
    """$KUBECTL_SERVERLESS, else the repo's static release build (built only when missing: it takes minutes)."""
    if os.environ.get("KUBECTL_SERVERLESS"):
        return os.environ["KUBECTL_SERVERLESS"]
    path = os.path.join(ROOT, ".build", "release", "kubectl-serverless")
    if not os.path.exists(path):
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "kubectl-serverless"],
                       cwd=ROOT, check=True)
    return path


def bench_binary(product):
    """$<PRODUCT> in upper snake case, else a release build of that benchmark product in the repo
    (built when missing)."""
    override = "".join("_" + c if c.isupper() and i else c for i, c in enumerate(product)).upper()
    if os.environ.get(override):
        return os.environ[override]
    path = os.path.join(ROOT, ".build", "release", product)
    if not os.path.exists(path):
        subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True)
    return path


def measure(command, env=None):
    """(seconds, exit code, stdout bytes, max RSS in MiB) of one child. wait4 gives that child's own
    rusage; RUSAGE_CHILDREN would be the maximum over every child this process ever had."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return elapsed, proc.returncode, out.read(), usage.ru_maxrss / 1024.0  # ru_maxrss is KiB on Linux
