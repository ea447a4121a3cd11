"""Mutation testing of the rules that decide which object is ours and what an answer means.

    .venv/bin/python scripts/mutate.py                  # the whole campaign (docs/reliability.md)
    .venv/bin/python scripts/mutate.py shapes snapshots # some targets of the campaign
    .venv/bin/python scripts/mutate.py --file pkg/mod.py --tests tests/test_mod.py
    .venv/bin/python scripts/mutate.py --list shapes    # the mutants, without running anything

For each target module it runs the target's fast test selection (unit and contract tests,
never engine tests) once per mutant, in one pytest process (see ``mutation_worker``), and
prints the mutants, how many the tests killed, and every survivor with file:line and the
mutation; survivors the campaign explains (``mutation_campaign.EQUIVALENT``) are marked
harmless with the reason. Exit status 1 when a survivor is unexplained, 2 when the unchanged
tests fail. The tree is never written: mutants exist only in the worker's memory.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mutants import Mutant, mutants
from mutation_campaign import CAMPAIGN, Target, equivalent_reason

SCRIPTS = Path(__file__).resolve().parent
#: A mutant that gives no answer for this long has hung its worker: killed, worker restarted.
HUNG_AFTER = 900.0


@dataclass
class Score:
    """What the tests did to one target's mutants."""

    target: Target
    mutants: int = 0
    killed: int = 0
    survivors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def unexplained(self) -> list[dict[str, Any]]:
        """Survivors the campaign gives no reason for."""
        return [s for s in self.survivors if not s.get("harmless")]


def module_name(path: Path) -> str:
    """The dotted module name of ``path``: its package folders (those with __init__.py)."""
    parts = [path.stem]
    folder = path.parent
    while (folder / "__init__.py").exists():
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts)


def _source_root(path: Path) -> Path:
    folder = path.parent
    while (folder / "__init__.py").exists():
        folder = folder.parent
    return folder


def _select(found: list[Mutant], limit: int | None, span: str | None = None) -> list[Mutant]:
    """All mutants (those numbered in ``span``, "A-B,C", if given), or ``limit`` of them spread evenly
    over the module (the same ones each run)."""
    if span:
        wanted: set[int] = set()
        for part in span.split(","):
            first, _, last = part.partition("-")
            wanted.update(range(int(first), int(last or first) + 1))
        found = [m for m in found if m.index in wanted]
    if limit is None or limit >= len(found):
        return found
    step = len(found) / limit
    return [found[int(i * step)] for i in range(limit)]


def _start_worker(target: Target, repo: Path, plan: Path, log: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    path = repo / target.file
    env["PYTHONPATH"] = os.pathsep.join(
        [str(SCRIPTS), str(_source_root(path)), env.get("PYTHONPATH", "")]
    ).rstrip(os.pathsep)
    env["MUTATION_PLAN"] = str(plan)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ left in the tree
    command = [sys.executable, "-m", "pytest", "-q", "-p", "mutation_worker"]
    # The worker times each test itself; no cache or xdist state either.
    command += ["-p", "no:cacheprovider", "-p", "no:timeout", "-p", "no:xdist"]
    command += ["-W", "ignore::pytest.PytestConfigWarning"]
    command += list(target.tests)
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 (our interpreter, pytest, the campaign's paths)
            command, cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _stop(worker: subprocess.Popen[bytes]) -> None:
    """End the worker and everything it started (it leads its own process group)."""
    if worker.poll() is None:
        try:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        except ProcessLookupError:
            pass


def _records(results: Path) -> list[dict[str, Any]]:
    if not results.exists():
        return []
    lines = results.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


class BaselineFailed(Exception):
    """The target's tests fail without any mutant: the score would mean nothing."""


def run_target(
    target: Target,
    repo: Path,
    limit: int | None,
    verbose: bool,
    min_timeout: float = 20.0,
    span: str | None = None,
) -> Score:
    """Run ``target``'s selected mutants; restart the worker after a mutant that killed it."""
    path = repo / target.file
    chosen = _select(mutants(path.read_text(encoding="utf-8")), limit, span)
    by_index = {m.index: m for m in chosen}
    done: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="mutate-") as scratch:
        log = Path(scratch) / "worker.log"
        while len(done) < len(chosen):
            remaining = [m.index for m in chosen if m.index not in done]
            results = Path(scratch) / f"results-{len(done)}.jsonl"
            plan = Path(scratch) / "plan.json"
            plan.write_text(
                json.dumps(
                    {
                        "module": module_name(path),
                        "file": str(path),
                        "repo": str(repo),
                        "mutants": remaining,
                        "results": str(results),
                        "parent": os.getpid(),
                        "min_timeout": min_timeout,
                    }
                ),
                encoding="utf-8",
            )
            worker = _start_worker(target, repo, plan, log)
            if verbose:
                print(
                    f"   worker {worker.pid}: {len(remaining)} mutants", file=sys.stderr, flush=True
                )
            try:
                _watch(worker, results, done, by_index, log, verbose)
            finally:
                _stop(worker)
    return _score(target, repo, chosen, done)


def _watch(
    worker: subprocess.Popen[bytes],
    results: Path,
    done: dict[int, dict[str, Any]],
    by_index: dict[int, Mutant],
    log: Path,
    verbose: bool,
) -> None:
    """Collect the worker's answers until it ends; a crash or hang kills the mutant it ran."""
    last_change = time.monotonic()
    seen = handled = 0
    while True:
        exited = worker.poll() is not None
        records = _records(results)
        if len(records) != seen:
            seen, last_change = len(records), time.monotonic()
        in_flight: int | None = None
        for position, record in enumerate(records):
            if record.get("baseline") == "failed":
                tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
                raise BaselineFailed(f"{record['test']} fails without a mutant:\n{tail}")
            if "polluted" in record:
                in_flight = None
                if position >= handled:
                    _polluted(record, done, by_index)
            elif "started" in record:
                in_flight = record["started"]
            elif "index" in record:
                if verbose and record["index"] not in done:
                    killer = record["killed_by"]
                    outcome = f"killed by {killer}" if killer else "survived"
                    print(f"   #{record['index']} {outcome}", file=sys.stderr, flush=True)
                done[record["index"]] = record
                in_flight = None
        handled = len(records)
        hung = time.monotonic() - last_change > HUNG_AFTER
        if exited or hung:
            if in_flight is not None and in_flight not in done:
                cause = "the worker hung" if hung else f"the worker died ({worker.returncode})"
                done[in_flight] = _killed(by_index[in_flight], cause)
            elif exited and not any("baseline" in r for r in records):
                tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
                raise BaselineFailed(f"the test run ended before its baseline:\n{tail}")
            return
        time.sleep(0.5)


_POLLUTED: dict[int, int] = {}


def _killed(mutant: Mutant, cause: str) -> dict[str, Any]:
    """The record of a mutant killed without a failing test (a crash, a hang)."""
    return {"index": mutant.index, "line": mutant.line, "killed_by": cause}


def _polluted(
    record: dict[str, Any], done: dict[int, dict[str, Any]], by_index: dict[int, Mutant]
) -> None:
    """A kill that was no kill (the test fails unchanged too): run the mutant again in a fresh
    worker; if it breaks a fresh worker's tests too, it is killed (its change broke them)."""
    index = record["polluted"]
    _POLLUTED[index] = _POLLUTED.get(index, 0) + 1
    if _POLLUTED[index] >= 2 and index not in done:
        cause = f"{record['test']} (and left the tests broken in two fresh workers)"
        done[index] = _killed(by_index[index], cause)


def _score(
    target: Target, repo: Path, chosen: list[Mutant], done: dict[int, dict[str, Any]]
) -> Score:
    score = Score(target=target, mutants=len(chosen))
    for mutant in chosen:
        record = done[mutant.index]
        if record["killed_by"]:
            score.killed += 1
            continue
        reason = equivalent_reason(target, mutant)
        score.survivors.append(
            {
                "file": target.file,
                "line": mutant.line,
                "where": mutant.where,
                "description": mutant.description,
                "source": mutant.source,
                "harmless": reason,
            }
        )
    return score


def report(score: Score) -> str:
    """The score of one target as printed (and pasted into docs/reliability.md)."""
    s = score
    lines = [
        f"{s.target.name} ({s.target.file}): {s.mutants} mutants, {s.killed} killed, "
        f"{len(s.survivors)} survived ({len(s.unexplained)} unexplained)"
    ]
    for survivor in s.survivors:
        why = f"harmless: {survivor['harmless']}" if survivor["harmless"] else "UNEXPLAINED"
        lines.append(
            f"  survived {survivor['file']}:{survivor['line']} in {survivor['where']}: "
            f"{survivor['description']} in `{survivor['source']}` -- {why}"
        )
    return "\n".join(lines)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("targets", nargs="*", help=f"campaign targets: {', '.join(CAMPAIGN)}")
    parser.add_argument("--file", help="a module to mutate instead of the campaign's targets")
    parser.add_argument("--tests", nargs="+", default=[], help="the tests to run with --file")
    parser.add_argument("--repo", default=str(SCRIPTS.parent), help="the checkout (tests' cwd)")
    parser.add_argument("--limit", type=int, help="at most this many mutants per target")
    parser.add_argument("--mutants", help="only these mutants: A-B,C (numbers from --list)")
    parser.add_argument("--list", action="store_true", help="print the mutants, run nothing")
    parser.add_argument("--json", help="write the scores to this file as JSON")
    parser.add_argument(
        "--min-timeout",
        type=float,
        default=20.0,
        help="seconds a test may run under a mutant at least (else 10x its unchanged time)",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args(argv)


def _targets(args: argparse.Namespace) -> list[Target]:
    if args.file:
        if not args.tests:
            raise SystemExit("--file needs --tests")
        return [Target(Path(args.file).stem, args.file, tuple(args.tests))]
    unknown = [t for t in args.targets if t not in CAMPAIGN]
    if unknown:
        raise SystemExit(f"unknown targets {unknown}; the campaign has {', '.join(CAMPAIGN)}")
    return [CAMPAIGN[t] for t in (args.targets or CAMPAIGN)]


def main(argv: list[str] | None = None) -> int:
    """Run the campaign (or list its mutants); the exit status says whether it is clean."""
    args = _parse(argv)
    # A SIGTERM ends the campaign through the same `finally` as Ctrl-C: the worker stops too.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    repo = Path(args.repo).resolve()
    scores: list[Score] = []
    for target in _targets(args):
        source = (repo / target.file).read_text(encoding="utf-8")
        found = _select(mutants(source), args.limit, args.mutants)
        if args.list:
            for m in found:
                print(
                    f"{target.file}:{m.line} #{m.index} in {m.where}: {m.description} `{m.source}`"
                )
            continue
        print(f"== {target.name}: {len(found)} mutants, tests {' '.join(target.tests)}", flush=True)
        try:
            score = run_target(
                target, repo, args.limit, args.verbose, args.min_timeout, args.mutants
            )
        except BaselineFailed as err:
            print(f"{target.name}: {err}", file=sys.stderr)
            return 2
        scores.append(score)
        print(report(score), flush=True)
    if args.json:
        Path(args.json).write_text(
            json.dumps([{**vars(s), "target": s.target.name} for s in scores], indent=2),
            encoding="utf-8",
        )
    return 1 if any(s.unexplained for s in scores) else 0


if __name__ == "__main__":
    sys.exit(main())
