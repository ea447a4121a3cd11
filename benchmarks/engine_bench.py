"""Engine-level benchmark: N Beyond Identity applications through the real engine; prints ratios.

Runs ``benchmarks/engine_bench_program.py`` with the engine ``make engine`` builds
(``.engine/bin/pulumi``) on a file backend in a temporary directory, against the Beyond
Identity emulator in its own process on a free loopback port, every management request
delayed by ``--latency-ms`` (an emulator ``latency`` fault). Nothing of AWS is involved.
Two stacks of the same graph (a realm, a resource server, an authenticator config and N
applications): ``bi`` with the real providers, ``noop`` with a dynamic resource whose
provider answers at once (the engine's own cost for as many resources); each operation
runs on ``noop`` and then on ``bi``, so both sides of a ratio meet the same machine load.

Per operation (first ``up``, no-change ``preview``, no-change ``up``, a one-field update
(the first application's display name), ``refresh``, ``destroy``) it prints:

- the Beyond Identity requests, counted by the emulator (its ``/__emulator/counters``), with
  the routes behind them;
- the wall time as a ratio to the latency bound, ``requests x latency / 4`` (4 = the
  calls one dynamic-provider process serves at once: ``pulumi.dynamic``'s gRPC server has
  4 worker threads, below the engine's default ``--parallel`` of 4 x cores), a floor that
  ignores the create chain (realm, then its children, then the applications), so small
  stacks sit far above it; and as a ratio to the same operation on the ``noop`` stack;
- the checkpoint: bytes of the stack's state file and compact-JSON bytes per resource
  kind, and, for one application, per part of its entry.

One run, ratios only (the machine is shared and noisy); times are printed, never asserted.
``--skip-preview`` passes ``--skip-preview`` to ``up``, ``refresh`` and ``destroy`` (the
output says so). ``--no-baseline`` runs the ``bi`` stack alone: the requests, the ratio to the
latency bound and the checkpoint, without the ``noop`` columns (printed as ``-``); the engine
test of this script (``tests/engine/benchmarks``) checks those at half the cost. Run:

    .venv/bin/python benchmarks/engine_bench.py --n 25 [--latency-ms 50] [--skip-preview] [--no-baseline]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
TENANT = "000176d94fd7b4d1"
PROJECT = "engine-bench"
PROVIDER_WORKERS = 4  # pulumi/dynamic/__main__.py: grpc.server(ThreadPoolExecutor(max_workers=4))
OPERATIONS = ("up", "preview", "up (no change)", "update (1 field)", "refresh", "destroy")


@dataclass
class Figures:
    """One operation on one stack: requests by route, wall seconds, checkpoint after it."""

    requests: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    state_bytes: int = 0
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (count, bytes)
    parts: dict[str, int] = field(default_factory=dict)  # one application's entry, by part
    names: tuple[list[str], list[str]] = ([], [])  # its outputs: repeating an input, others

    @property
    def total(self) -> int:
        return sum(self.requests.values())


# -- the emulator ----------------------------------------------------------------------


@dataclass
class Emulator:
    """The emulator process's URL and admin API."""

    url: str
    token: str

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        answer = httpx.request(
            method,
            f"{self.url}/__emulator/{path}",
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        answer.raise_for_status()
        return answer.json() if answer.content else None

    def requests(self) -> Counter[str]:
        """Management requests since the last call, by ``METHOD route`` (and forget them)."""
        counters = self.admin("GET", "counters")["counters"]
        self.admin("DELETE", "counters")
        return Counter({k: v for k, v in counters.items() if " /v1/" in k})


@contextlib.contextmanager
def emulator_process(latency_ms: float) -> Iterator[Emulator]:
    """``python -m beyondidentity_emulator`` on a free port, every API request delayed."""
    token = secrets.token_urlsafe(16)
    proc = subprocess.Popen(
        [sys.executable, "-m", "beyondidentity_emulator", "--port", "0", "--tenant-id", TENANT],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "BEYONDIDENTITY_EMULATOR_API_TOKEN": token},
    )
    try:
        assert proc.stdout is not None
        url = ""
        for line in proc.stdout:
            key, _, value = line.strip().partition(": ")
            if key == "url":
                url = value
                break
        emu = Emulator(url, token)
        if latency_ms > 0:
            fault = {"kind": "latency", "path": "/v1/*", "delay": latency_ms / 1000, "times": None}
            emu.admin("POST", "faults", fault)
        yield emu
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# -- the engine --------------------------------------------------------------------------


@dataclass
class Project:
    """The benchmark program in a temporary directory, with its file backend."""

    root: Path
    env: dict[str, str]

    def pulumi(self, *args: str, stack: str | None = None, timeout: float = 7200) -> float:
        """Run ``pulumi ARGS`` (on ``stack``); return the wall seconds (exit on failure)."""
        on = ("--stack", stack) if stack else ()
        command = ["pulumi", *args, *on, "--non-interactive", "--color", "never"]
        start = time.perf_counter()
        done = subprocess.run(
            command,
            cwd=self.root / "program",
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(
                f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}"
            )
        return seconds

    def state_file(self, stack: str) -> Path:
        return self.root / "state" / ".pulumi" / "stacks" / PROJECT / f"{stack}.json"


def engine_bin() -> Path:
    """The directory of the engine ``make engine`` builds (or ``$PULUMI_ENGINE_BIN``)."""
    found = Path(os.environ.get("PULUMI_ENGINE_BIN") or REPO / ".engine" / "bin")
    if not (found / "pulumi").is_file():
        sys.exit(f"no engine at {found}: run `make engine` (or set PULUMI_ENGINE_BIN)")
    return found


def new_project(root: Path, emu: Emulator) -> Project:
    """The program and its two stacks (``bi``, ``noop``) under ``root``."""
    program = root / "program"
    program.mkdir()
    shutil.copy(HERE / "engine_bench_program.py", program / "program.py")
    shutil.copy(HERE / "engine_bench_noop.py", program / "engine_bench_noop.py")
    (program / "Pulumi.yaml").write_text(
        f"name: {PROJECT}\nmain: program.py\nruntime:\n  name: python\n  options:\n"
        f"    virtualenv: {Path(sys.prefix).resolve()}\n"
    )
    (root / "home").mkdir()
    (root / "state").mkdir()
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(engine_bin()), os.environ.get("PATH", os.defpath)]),
        "PULUMI_HOME": str(root / "home"),
        "PULUMI_BACKEND_URL": (root / "state").as_uri(),
        "PULUMI_CONFIG_PASSPHRASE": "engine-bench-only",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_PYTHON_CMD": sys.executable,
        "BEYOND_IDENTITY_API_TOKEN": emu.token,
    }
    return Project(root, env)


def init_stack(project: Project, stack: str, kind: str, n: int, emu: Emulator) -> None:
    project.pulumi("stack", "init", stack)
    settings = {
        "engine-bench:kind": kind,
        "engine-bench:n": str(n),
        "beyondidentity:tenantId": TENANT,
        "beyondidentity:apiUrl": emu.url,
        "beyondidentity:authUrl": emu.url,
    }
    for key, value in settings.items():
        project.pulumi("config", "set", key, value, stack=stack)


# -- the checkpoint ----------------------------------------------------------------------


def size(value: Any) -> int:
    """Compact JSON bytes of ``value``."""
    return len(json.dumps(value, separators=(",", ":")).encode())


def checkpoint(project: Project, stack: str, figures: Figures) -> None:
    """Bytes of the state file, per resource kind, and per part of one application's entry."""
    path = project.state_file(stack)
    figures.state_bytes = path.stat().st_size
    resources = json.loads(path.read_text())["checkpoint"].get("latest", {}).get("resources") or []
    kinds: dict[str, tuple[int, int]] = {}
    for res in resources:
        count, total = kinds.get(res["type"], (0, 0))
        kinds[res["type"]] = (count + 1, total + size(res))
    figures.kinds = kinds
    app = next((r for r in resources if r["urn"].endswith("::app-0")), None)
    if app is not None:
        figures.parts = entry_parts(app)
        figures.names = output_names(app)


def entry_parts(entry: dict[str, Any]) -> dict[str, int]:
    """Bytes of one resource entry by part: inputs, outputs (those equal to an input apart),
    the dependencies, the source position and stack trace, and the rest the engine adds."""
    inputs, outputs = entry.get("inputs", {}), entry.get("outputs", {})
    repeated = {k: v for k, v in outputs.items() if k in inputs and inputs[k] == v}
    parts = {
        "inputs": size(inputs),
        "outputs repeating an input": size(repeated),
        "other outputs": size({k: v for k, v in outputs.items() if k not in repeated}),
    }
    groups = {
        "dependencies, propertyDependencies": ("dependencies", "propertyDependencies"),
        "sourcePosition, stackTrace": ("sourcePosition", "stackTrace"),
    }
    for label, keys in groups.items():
        parts[label] = size({k: entry[k] for k in keys if k in entry})
    seen = {"inputs", "outputs", *(k for keys in groups.values() for k in keys)}
    parts["the rest (urn, id, type, provider, times...)"] = size(
        {k: v for k, v in entry.items() if k not in seen}
    )
    parts["whole entry"] = size(entry)
    return parts


def output_names(entry: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The outputs equal to an input, and the others (``__provider`` left out)."""
    inputs, outputs = entry.get("inputs", {}), entry.get("outputs", {})
    names = sorted(k for k in outputs if k != "__provider")
    same = [k for k in names if k in inputs and inputs[k] == outputs[k]]
    return same, [k for k in names if k not in same]


# -- the run -----------------------------------------------------------------------------


def operations(skip_preview: bool) -> list[tuple[str, tuple[str, ...], str]]:
    """(label, pulumi arguments, rename setting before it) per operation, in order."""
    skip = ("--skip-preview",) if skip_preview else ()
    return [
        ("up", ("up", "--yes", *skip), ""),
        ("preview", ("preview",), ""),
        ("up (no change)", ("up", "--yes", *skip), ""),
        ("update (1 field)", ("up", "--yes", *skip), " renamed"),
        ("refresh", ("refresh", "--yes", *skip), ""),
        ("destroy", ("destroy", "--yes", *skip), ""),
    ]


def run_all(
    project: Project, emu: Emulator, skip_preview: bool, stacks: tuple[str, ...]
) -> dict[str, list[Figures]]:
    """Every operation in order, on each of ``stacks`` in turn (``noop`` before ``bi``:
    interleaved, so both sides of a ratio meet the same machine load); the figures of each."""
    results: dict[str, list[Figures]] = {stack: [] for stack in stacks}
    emu.requests()
    for _label, args, rename in operations(skip_preview):
        for stack in results:
            if rename:
                project.pulumi("config", "set", "engine-bench:rename", rename, stack=stack)
            figures = Figures(seconds=project.pulumi(*args, stack=stack))
            figures.requests = emu.requests()
            checkpoint(project, stack, figures)
            results[stack].append(figures)
    return results


def short(route: str) -> str:
    """``GET /v1/tenants/{tenant_id}/realms/{realm_id}`` -> ``GET realms/{}``."""
    method, _, path = route.partition(" ")
    path = path.removeprefix("/v1/tenants/{tenant_id}").lstrip("/") or "tenant"
    for name in ("realm_id", "application_id", "resource_server_id", "authenticator_config_id"):
        path = path.replace("{" + name + "}", "{}")
    return f"{method} {path}"


def report_operations(
    n: int, latency: float, bi: list[Figures], noop: list[Figures] | None, skip_preview: bool
) -> None:
    """The table of operations; without a baseline (``noop`` None) its columns read ``-``."""
    assumes = "; `--skip-preview` on up, refresh and destroy" if skip_preview else ""
    print(f"\nN = {n} applications (+ realm, resource server, authenticator config){assumes}")
    print(
        f"latency {latency * 1000:g} ms per request; bound = requests x latency / {PROVIDER_WORKERS}"
    )
    print(
        f"  {'operation':<18} {'requests':>8} {'wall/bound':>11} {'wall/noop':>10} {'bi s':>8} {'noop s':>7}"
    )
    baselines: list[Figures | None] = list(noop) if noop else [None] * len(bi)
    for label, b, o in zip(OPERATIONS, bi, baselines, strict=True):
        bound = b.total * latency / PROVIDER_WORKERS
        over = f"{b.seconds / bound:.1f}" if bound else "-"
        ratio = f"{b.seconds / o.seconds:.2f}" if o else "-"
        baseline = f"{o.seconds:.1f}" if o else "-"
        print(f"  {label:<18} {b.total:>8} {over:>11} {ratio:>10} {b.seconds:>8.1f} {baseline:>7}")
    print("\nRequests by route:")
    for label, b in zip(OPERATIONS, bi, strict=True):
        routes = ", ".join(f"{short(r)} x{c}" for r, c in sorted(b.requests.items()))
        print(f"  {label:<18} {routes or '-'}")


def report_checkpoint(bi: Figures, noop: Figures | None) -> None:
    """The checkpoint after the first ``up`` (without a baseline, ``noop`` None: bi's alone)."""
    print("\nCheckpoint after the first `up`:")
    baseline = f", noop {noop.state_bytes} bytes" if noop else ""
    print(f"  state file: bi {bi.state_bytes} bytes{baseline}")
    print(f"  {'kind':<58} {'count':>5} {'bytes each':>10}")
    for figures in (bi, noop) if noop else (bi,):
        for kind, (count, total) in sorted(figures.kinds.items()):
            print(f"  {kind:<58} {count:>5} {total // count:>10}")
    if bi.parts and (noop is None or noop.parts):
        print(f"  the first application's entry (compact JSON bytes): {'bi':>6} {'noop':>6}")
        for part, count in bi.parts.items():
            theirs = str(noop.parts.get(part, 0)) if noop else "-"
            print(f"    {part:<48} {count:>6} {theirs:>6}")
        same, other = bi.names
        print(f"  its outputs repeating an input: {', '.join(same)}")
        print(f"  its other outputs: {', '.join(other)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=25, help="applications (default 25)")
    parser.add_argument("--latency-ms", type=float, default=50, help="per request (default 50)")
    parser.add_argument(
        "--skip-preview", action="store_true", help="up, refresh, destroy without a preview pass"
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="the bi stack alone, without the noop stack"
    )
    args = parser.parse_args()
    if args.n < 1:
        parser.error("--n must be at least 1")
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    with (
        tempfile.TemporaryDirectory(prefix="engine-bench-") as tmp,
        emulator_process(args.latency_ms) as emu,
    ):
        project = new_project(Path(tmp), emu)
        stacks = ("bi",) if args.no_baseline else ("noop", "bi")
        for kind in stacks:
            init_stack(project, kind, kind, args.n, emu)
        results = run_all(project, emu, args.skip_preview, stacks)
        noop = results.get("noop")
        latency = args.latency_ms / 1000
        report_operations(args.n, latency, results["bi"], noop, args.skip_preview)
        report_checkpoint(results["bi"][0], noop[0] if noop else None)
    load = os.getloadavg()
    print(f"\nload average after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
