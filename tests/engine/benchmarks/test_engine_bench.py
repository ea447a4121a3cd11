"""The engine-level benchmark (``benchmarks/engine_bench.py``) at N=3, so it cannot rot.

One run through the real engine against the emulator (5 ms latency), on the ``bi`` stack alone
(``--no-baseline``: the ``noop`` stack would double the engine runs and its columns are
printed by the same code as ``bi``'s, so they read ``-`` here). Asserts the output's shape and
the request counts: one application POST per application and one credentials check on the
first ``up`` (a default ``up``: its two provider processes share the proof), no request at all
on a no-change ``preview``/``up`` (issue 21 item 1), one PATCH plus at most one credentials
check for the one-field update, one read per resource per pass and no write on a ``refresh``,
one DELETE per application on ``destroy``. Never a time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from helpers.engine_support import REPO_ROOT, require_engine
from helpers.once import once_per_session

pytestmark = pytest.mark.engine

N = 3
OPERATIONS = ("up", "preview", "up (no change)", "update (1 field)", "refresh", "destroy")
APPS = "realms/{}/applications"
ARGS = ("--n", str(N), "--latency-ms", "5", "--no-baseline")


def run_bench() -> str:
    engine = require_engine()
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "engine_bench.py"), *ARGS],
        env={**os.environ, "PULUMI_ENGINE_BIN": str(engine)},
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The benchmark's output: one run per session, whichever processes run these tests."""
    return once_per_session(tmp_path_factory, "engine-bench", run_bench)


def section(text: str, title: str) -> list[str]:
    """The indented lines under ``title``."""
    lines = text.split(title, 1)[1].splitlines()[1:]
    end = next((i for i, line in enumerate(lines) if not line), len(lines))
    return lines[:end]


def routes(text: str) -> dict[str, dict[str, int]]:
    """Requests by route, per operation, from the "Requests by route" section."""
    found: dict[str, dict[str, int]] = {}
    for line in section(text, "Requests by route:"):
        label = next(
            op for op in sorted(OPERATIONS, key=len, reverse=True) if line.strip().startswith(op)
        )
        rest = line.strip()[len(label) :].strip()
        found[label] = {r: int(c) for r, c in re.findall(r"([A-Z]+ [^,]+?) x(\d+)", rest)}
    return found


def test_prints_every_operation_with_requests_and_ratios(output: str) -> None:
    assert re.search(r"^load average [\d.]+ [\d.]+ [\d.]+ on \d+ cores$", output, re.M)
    assert f"N = {N} applications" in output
    rows = section(output, "wall/bound")
    assert [r.split("  ")[1].strip() for r in rows] == list(OPERATIONS)
    for row in rows:
        requests, bound, ratio, seconds, baseline = row[20:].split()
        assert int(requests) >= 0
        assert bound == "-" or float(bound) > 0
        assert float(seconds) > 0
        assert (ratio, baseline) == ("-", "-")  # no noop stack ran


TENANT = "GET tenant"


def test_counts_the_requests_each_operation_must_make(output: str) -> None:
    by_op = routes(output)
    assert set(by_op) == set(OPERATIONS)
    assert by_op["up"][f"POST {APPS}"] == N
    assert by_op["up"][TENANT] == 1  # proven in the preview pass, shared with the update pass
    assert by_op["preview"] == {}
    assert by_op["up (no change)"] == {}
    update = by_op["update (1 field)"]
    assert update[f"PATCH {APPS}/{{}}"] == 1
    assert set(update) <= {f"PATCH {APPS}/{{}}", TENANT}
    assert update.get(TENANT, 0) <= 1
    writes = {r: c for r, c in by_op["refresh"].items() if not r.startswith("GET ")}
    assert writes == {}
    assert TENANT not in by_op["refresh"]
    assert sum(by_op["refresh"].values()) == 2 * (N + 3)  # one read per resource per pass
    assert by_op["destroy"][f"DELETE {APPS}/{{}}"] == N


def test_reports_the_checkpoint_per_kind_and_entry(output: str) -> None:
    assert re.search(r"state file: bi \d+ bytes$", output, re.M)
    assert re.search(r"dynamic/beyondidentity:Application\s+3\s+\d+", output)
    assert "dynamic:Resource" not in output  # the noop stack's kind: not run
    for part in (
        "inputs",
        "outputs repeating an input",
        "sourcePosition, stackTrace",
        "whole entry",
    ):
        assert re.search(rf"^\s+{part}\s+\d+\s+-$", output, re.M), part
