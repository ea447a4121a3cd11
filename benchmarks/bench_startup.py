"""Start-up cost: imports of our packages, and a dev-stack ``preview`` next to an empty one.

Imports: each statement runs in a fresh ``python -X importtime`` process, the statements
interleaved over ``--rounds`` rounds; the cost of a statement is the CPU time the process
spends on it (``time.process_time``: what a loaded machine's waiting does not inflate) and
the cumulative import time (wall) of what it imports (the interpreter's own start-up
imports before it left out), each the median over the rounds and as a ratio to
``import pulumi, pulumi.dynamic``, the floor of any process that serves a dynamic provider.
Then the packages that cost the most (self time, wall, mean over the rounds; ``pulumi``'s
subpackages apart) among those the baseline does not import.

Preview (``--preview``, needs ``make engine``): ``pulumi preview`` of the real program
(``__main__.py``, the dev stack's settings against the Beyond Identity emulator and moto,
the AWS stand-in as the ``aws`` plugin) next to the preview of an empty Python program on
the same engine, each warmed once (bytecode caches, plugins), then interleaved. Prints
ratios from one run; run:

    .venv/bin/python benchmarks/bench_startup.py [--rounds 5] [--preview]
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARK = "--start-of-the-statement--"
BASELINE = "import pulumi, pulumi.dynamic"
STATEMENTS = {
    "pulumi, pulumi.dynamic": BASELINE,
    "pulumi_beyondidentity": "import pulumi_beyondidentity",
    # What a program declaring Beyond Identity resources loads (names resolve on first use).
    "the resource classes": (
        "from pulumi_beyondidentity import Application, ApplicationCredentials, "
        "AuthenticatorConfig, Group, Identity, Realm, ResourceServer"
    ),
    "beyondidentity_cognito": "import beyondidentity_cognito",
    "policy pack": "import beyondidentity_cognito_policy",
    # The AWS stand-in plugin up to serving (the dev stack's `aws` plugin).
    "AWS stand-in": "import aws_standin.__main__",
}
# importtime lines: "import time: <self us> | <cumulative us> | <indent><module>"
LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def package(module: str) -> str:
    """What a module's time is booked to: its top-level package (``pulumi``'s: two levels)."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "pulumi" else parts[0]


def importtime(statement: str) -> tuple[float, int, Counter[str]]:
    """CPU seconds of ``statement`` in a fresh process, the cumulative import microseconds
    of what it imports (wall), and self time by package."""
    code = (
        f"import sys, time; print({MARK!r}, file=sys.stderr, flush=True); "
        f"t = time.process_time(); {statement}; print(time.process_time() - t)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "policy"), str(REPO / "local")])}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    lines = done.stderr.split(MARK, 1)[1].splitlines()
    total, packages = 0, Counter[str]()
    for line in lines:
        found = LINE.match(line)
        if found is None:
            continue
        own, cumulative, indent, module = found.groups()
        packages[package(module)] += int(own)
        if len(indent) == 1:  # a top-level import of the statement
            total += int(cumulative)
    return float(done.stdout.strip()), total, packages


def imports(rounds: int) -> None:
    cpu: dict[str, list[float]] = {label: [] for label in STATEMENTS}
    wall: dict[str, list[int]] = {label: [] for label in STATEMENTS}
    packages: dict[str, Counter[str]] = {label: Counter() for label in STATEMENTS}
    for _ in range(rounds):
        for label, statement in STATEMENTS.items():
            seconds, total, counts = importtime(statement)
            cpu[label].append(seconds)
            wall[label].append(total)
            packages[label].update(counts)
    base_cpu = statistics.median(cpu["pulumi, pulumi.dynamic"])
    base_wall = statistics.median(wall["pulumi, pulumi.dynamic"])
    print(f"Imports (median of {rounds} fresh processes; ratio to `{BASELINE}`):")
    print(f"  {'statement':<24} {'CPU ms':>7} {'ratio':>6}  {'wall ms':>7} {'ratio':>6}")
    for label in STATEMENTS:
        c, w = statistics.median(cpu[label]), statistics.median(wall[label])
        print(
            f"  {label:<24} {c * 1000:7.0f} {c / base_cpu:5.2f}x  {w / 1000:7.0f} {w / base_wall:5.2f}x"
        )
    print("\nTop packages by self time (wall ms, mean of the runs), beyond the baseline's:")
    floor = packages["pulumi, pulumi.dynamic"]
    for label, counts in packages.items():
        extra = Counter({k: v for k, v in counts.items() if k not in floor})
        top = ", ".join(f"{name} {us / 1000 / rounds:.0f}" for name, us in extra.most_common(8))
        print(f"  {label:<24} {top or '-'}")


EMPTY_PROGRAM = "import pulumi  # an empty program: no resource\n"


def timed_preview(program: Path, stack: str, env: dict[str, str]) -> float:
    """Wall seconds of ``pulumi preview`` of ``stack`` of ``program``."""
    start = time.perf_counter()
    subprocess.run(
        ["pulumi", "preview", "--stack", stack, "--non-interactive", "--color", "never"],
        cwd=program,
        env=env,
        capture_output=True,
        check=True,
        timeout=600,
    )
    return time.perf_counter() - start


def empty_program(tmp: Path, env: dict[str, str]) -> Path:
    """A Python program declaring nothing, on the dev program's runtime, with one stack."""
    program = tmp / "empty"
    program.mkdir()
    (program / "__main__.py").write_text(EMPTY_PROGRAM)
    venv = (REPO / ".venv").resolve()
    (program / "Pulumi.yaml").write_text(
        f"name: empty\nruntime:\n  name: python\n  options:\n    virtualenv: {venv}\n"
    )
    subprocess.run(
        ["pulumi", "stack", "init", "dev", "--non-interactive"],
        cwd=program,
        env=env,
        capture_output=True,
        check=True,
    )
    return program


def previews(rounds: int) -> None:
    """The dev stack's preview next to an empty program's, interleaved after a warm-up."""
    sys.path.insert(0, str(REPO / "tests"))
    from helpers.stack_harness import new_deployment
    from moto.server import ThreadedMotoServer

    from beyondidentity_emulator import Emulator

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp,
            Emulator(tenant_id="000176d94fd7b4d1", api_token="bench-startup") as emu,
        ):
            dev = new_deployment(Path(tmp) / "dev", emu, f"http://{host}:{port}")
            env = {**os.environ, **dev.stack.workspace.env_vars}
            dev_dir = Path(dev.stack.workspace.work_dir)
            empty = empty_program(Path(tmp), env)
            samples: dict[str, list[float]] = {"empty": [], "dev": []}
            for i in range(rounds + 1):
                for label, program, stack in (("empty", empty, "dev"), ("dev", dev_dir, "e2e")):
                    seconds = timed_preview(program, stack, env)
                    if i:  # round 0 warms bytecode caches and plugins
                        samples[label].append(seconds)
    finally:
        moto.stop()
    ratio = statistics.median(d / e for d, e in zip(samples["dev"], samples["empty"], strict=True))
    print(f"\nWarm `pulumi preview` (median of {rounds} interleaved pairs, nothing deployed):")
    print(f"  dev stack / empty Python program: {ratio:.2f}x")
    print(
        f"  (medians: dev {statistics.median(samples['dev']):.1f} s, "
        f"empty {statistics.median(samples['empty']):.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=5, help="processes per statement")
    parser.add_argument("--preview", action="store_true", help="also time the previews")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores\n")
    imports(args.rounds)
    if args.preview:
        previews(args.rounds)


if __name__ == "__main__":
    main()
