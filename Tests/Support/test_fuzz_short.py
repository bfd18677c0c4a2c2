"""A short libFuzzer run of every parser that reads untrusted input (scripts/fuzz, Fuzz/README.md).

The targets are built once (one sanitized compilation of the library modules), then each runs a fixed
number of inputs starting from its seeds alone (--fresh), so the run is bounded and the same on every
machine. A crash, trap, hang or leak fails the test; the input is saved under Fuzz/crashes/<target>/.
About 2.5 minutes with .build-fuzz in place, 3.5 from nothing, on 2 cores.
"""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FUZZ = str(ROOT / "scripts" / "fuzz")
RUNS = os.environ.get("FUZZ_SHORT_RUNS", "20000")
TARGETS = subprocess.run([FUZZ, "--list"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()


@pytest.fixture(scope="session")
def fuzz_targets_built():
    result = subprocess.run([FUZZ, "--build-only"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"building the fuzz targets failed:\n{result.stdout}\n{result.stderr}"


def test_every_target_file_is_listed():
    files = sorted(p.stem for p in (ROOT / "Fuzz").glob("*.swift"))
    assert sorted(TARGETS) == files
    assert "JSONParse" in TARGETS and "YAMLDocuments" in TARGETS


@pytest.mark.parametrize("target", TARGETS)
def test_short_fuzz_run(fuzz_targets_built, target):
    result = subprocess.run([FUZZ, "--no-build", "--fresh", "--runs", RUNS, "--time", "120", target],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{target} failed:\n{result.stdout}\n{result.stderr}"
    row = [line for line in result.stdout.splitlines() if line.startswith(target + " ")]
    assert row and row[0].split()[-1] == "ok", result.stdout
    # The run really ran: libFuzzer reports the executions it made.
    assert int(row[0].split()[1]) >= min(int(RUNS), 1000), result.stdout


def test_a_crash_fails_the_run_and_keeps_its_input(fuzz_targets_built, tmp_path):
    # The harness traps on this input only when FUZZ_SELF_TEST_CRASH=1 (Fuzz/Support/FuzzInput.swift).
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "crash").write_bytes(b"self-test-crash")
    crashes = tmp_path / "crashes"
    env = dict(os.environ, FUZZ_SELF_TEST_CRASH="1", FUZZ_CRASHES=str(crashes), FUZZ_ARGS=str(seeds))
    result = subprocess.run([FUZZ, "--no-build", "--fresh", "--runs", "100", "GoParseInt"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "GoParseInt" in result.stdout and "FAILED (libFuzzer: deadly signal)" in result.stdout, result.stdout
    assert "fuzz self-test crash" in result.stderr
    saved = list((crashes / "GoParseInt").iterdir())
    assert [p.read_bytes() for p in saved] == [b"self-test-crash"]
