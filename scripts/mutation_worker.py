"""A pytest plugin that runs one test selection against many mutants of one module, in memory.

``scripts/mutate.py`` starts ``pytest -p mutation_worker <tests>`` with ``MUTATION_PLAN``
naming a JSON plan (``module``, ``file``, ``mutants``, ``results``). The plugin replaces
pytest's run loop: it runs the selection once unchanged (it must pass), then for each mutant
compiles the mutated module, puts the changed function's code (or the changed module-level
values) into the live module, runs the tests until the first failure, and puts everything
back. One JSON line per mutant goes to ``results``.

No file is written but ``results``: the mutant lives in this process's memory only, so an
interrupted campaign cannot leave a mutated source file behind. Session fixtures (servers)
are set up once for all mutants; the test that killed the last mutant runs first.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import re
import signal
import sys
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol

from mutants import Mutant, mutant_tree

#: A test gets this many times its unchanged duration (at least the plan's ``min_timeout``,
#: 20 s unless set) under a mutant.
TIMEOUT_FACTOR = 10


class MutantTimeout(Exception):
    """A test ran far longer under the mutant than without it (an endless loop, say)."""


def _alarm(_signum: int, _frame: object) -> None:
    raise MutantTimeout("the test ran too long under the mutant")


def _failed(item: pytest.Item, nextitem: pytest.Item | None, timeout: float) -> bool:
    """Run one test (setup, call, teardown); True if any phase failed or it timed out."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        reports = runtestprotocol(item, log=False, nextitem=nextitem)
    except MutantTimeout:
        return True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return any(report.failed for report in reports)


def _resolve(root: Any, dotted: str) -> Any:
    """``Class.method`` inside ``root`` (a module namespace or a class), unwrapped to a function."""
    target: Any = root
    for part in dotted.split("."):
        target = target[part] if isinstance(target, dict) else target.__dict__[part]
    for attribute in ("fget", "__func__", "__wrapped__"):
        target = getattr(target, attribute, target)
    return target


@contextmanager
def applied(module: types.ModuleType, source_file: str, index: int, repo: Path) -> Iterator[Mutant]:
    """Mutant ``index`` of ``module`` in effect inside the block; everything restored after."""
    source = Path(source_file).read_text(encoding="utf-8")
    tree, mutant = mutant_tree(source, index)
    original = compile(source, source_file, "exec")
    undo: list[Callable[[], None]] = []
    unchanged: dict[str, Any] = {}
    if not mutant.function and not mutant.owner:
        # A module-level statement may act on other modules' objects
        # (``RealmProvider.held_kinds = ...``): the mutated run comes last, so its effects are
        # the live ones, and an unchanged run puts them back afterwards.
        unchanged = _run(module, original, source_file)

        def rerun() -> None:
            _run(module, original, source_file)

        undo.append(rerun)
    scratch = _run(module, compile(tree, source_file, "exec", dont_inherit=True), source_file)
    try:
        if mutant.function:
            _swap_function(module.__dict__, scratch, mutant.function, undo)
        if mutant.owner and not mutant.function:
            _swap_class_values(module, scratch, mutant, undo)
        else:
            # Values computed at import time from the changed constant or by the changed
            # function (a table of bounds made of MINUTE and DAY, a rule made by text_rule)
            # change too: rebind every module-level value that differs.
            unchanged = unchanged or _run(module, original, source_file)
            names = {n for n in mutant.names if n in scratch}
            names.update(n for n, v in scratch.items() if _differs(unchanged.get(n, v), v))
            _swap_values(module, scratch, sorted(names), repo, undo)
        yield mutant
    finally:
        for step in reversed(undo):
            step()


def _run(module: types.ModuleType, code: types.CodeType, source_file: str) -> dict[str, Any]:
    """The namespace of ``code`` run as ``module`` (imports resolve to the loaded modules)."""
    namespace: dict[str, Any] = {
        "__name__": module.__name__,
        "__package__": module.__package__,
        "__file__": source_file,
    }
    # Our own module's source (with one change), run to take values or functions from.
    exec(code, namespace)  # noqa: S102
    return namespace


_SHARED = (types.FunctionType, types.ModuleType, type)
_SCALARS = (int, float, str, bytes, bool, type(None), re.Pattern)


def _plain(value: Any) -> bool:
    """Scalars and containers of scalars (a tuple of functions is not plain data)."""
    if isinstance(value, _SCALARS):
        return True
    if isinstance(value, dict):
        return all(_plain(k) and _plain(v) for k, v in value.items())
    if isinstance(value, tuple | list | set | frozenset):
        return all(_plain(v) for v in value)
    return False


def _differs(before: Any, after: Any) -> bool:
    """True for values of different types, or plain data (numbers, strings, containers,
    patterns) that is not equal; functions, classes and modules never (they are swapped or
    shared)."""
    if isinstance(before, _SHARED) or isinstance(after, _SHARED):
        return False
    if type(before) is not type(after):
        return True
    if not (_plain(before) and _plain(after)):
        return False
    try:
        return bool(before != after)
    except Exception:  # a container of values that refuse comparison
        return False


def _swap_function(
    live_ns: dict[str, Any], scratch: dict[str, Any], name: str, undo: list[Callable[[], None]]
) -> None:
    live, new = _resolve(live_ns, name), _resolve(scratch, name)
    if live.__code__.co_freevars != new.__code__.co_freevars:
        # The mutant dropped (or added) a closure variable, such as the ``__class__`` of a
        # deleted ``super().__init__(...)``: the code cannot go into the live function, so
        # the function itself is replaced where it is bound.
        _swap_binding(live_ns, name, new, undo)
        return
    saved = (live.__code__, live.__defaults__, live.__kwdefaults__)

    def restore() -> None:
        live.__code__, live.__defaults__, live.__kwdefaults__ = saved

    undo.append(restore)
    live.__code__ = new.__code__
    live.__defaults__, live.__kwdefaults__ = new.__defaults__, new.__kwdefaults__


def _swap_binding(
    live_ns: dict[str, Any], name: str, new: Any, undo: list[Callable[[], None]]
) -> None:
    """Bind ``new`` in place of the function ``name`` (``Class.method`` or ``function``)."""
    *parents, leaf = name.split(".")
    if not parents:
        _rebind(live_ns, leaf, new, undo, None, None)
        return
    owner = _resolve(live_ns, ".".join(parents))
    if not isinstance(owner.__dict__.get(leaf), types.FunctionType):
        raise TypeError(f"cannot replace {name}: not a plain function of its class")
    _rebind(owner.__dict__, leaf, new, undo, setattr, owner)


def _swap_class_values(
    module: types.ModuleType,
    scratch: dict[str, Any],
    mutant: Mutant,
    undo: list[Callable[[], None]],
) -> None:
    """A class-level statement changed: rebind the class attributes it binds."""
    live_class = _resolve(module.__dict__, mutant.owner)
    new_class = _resolve(scratch, mutant.owner)
    for name in mutant.names:
        _rebind(live_class.__dict__, name, new_class.__dict__[name], undo, setattr, live_class)


def _swap_values(
    module: types.ModuleType,
    scratch: dict[str, Any],
    names: list[str],
    repo: Path,
    undo: list[Callable[[], None]],
) -> None:
    """Rebind module-level ``names`` to their mutant values.

    They are rebound in every loaded module of the repository (tests aside: a test pins the
    number it wrote) that imported the same object, so ``from ._x import LIMIT`` sees it too.
    """
    tests = repo / "tests"
    for name in names:
        if name not in module.__dict__:
            continue
        original = module.__dict__[name]
        if _record_object(original) and _same_class(scratch[name], original):
            # A record (a dataclass instance such as a kind's spec) is also held where no
            # name reaches it (a class attribute, a tuple of specs): change it in place.
            _refill(original, scratch[name], undo)
            continue
        for loaded in list(sys.modules.values()):
            path = getattr(loaded, "__file__", None) or ""
            inside = path.startswith(str(repo)) and not path.startswith(str(tests))
            namespace = getattr(loaded, "__dict__", {})
            bound = name in namespace and namespace[name] is original
            if loaded is module or (inside and bound):
                _rebind(namespace, name, scratch[name], undo, None, None)


def _record_object(value: Any) -> bool:
    """A dataclass instance with its fields in ``__dict__`` (not a class, not slotted)."""
    return (
        dataclasses.is_dataclass(value)
        and not isinstance(value, type)
        and isinstance(getattr(value, "__dict__", None), dict)
    )


def _same_class(new: Any, live: Any) -> bool:
    """The same class, or the class the mutated module defines again under the same name."""
    a, b = type(new), type(live)
    return a is b or (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)


def _refill(live: Any, new: Any, undo: list[Callable[[], None]]) -> None:
    """Give ``live`` the fields of ``new`` (same class) until undone; frozen or not."""
    saved = dict(live.__dict__)

    def restore() -> None:
        live.__dict__.clear()
        live.__dict__.update(saved)

    undo.append(restore)
    live.__dict__.clear()
    live.__dict__.update(new.__dict__)


def _rebind(
    namespace: Any,
    name: str,
    value: Any,
    undo: list[Callable[[], None]],
    setter: Callable[[Any, str, Any], None] | None,
    owner: Any,
) -> None:
    original = namespace[name]
    if setter is not None:
        undo.append(lambda: setter(owner, name, original))
        setter(owner, name, value)
    else:
        undo.append(lambda: namespace.__setitem__(name, original))
        namespace[name] = value


class _Campaign:
    """The run loop: the unchanged baseline, then every mutant of the plan."""

    def __init__(self, plan: dict[str, Any]) -> None:
        self.plan = plan
        self.repo = Path(plan["repo"]).resolve()
        self.results = Path(plan["results"])

    def _write(self, record: dict[str, Any]) -> None:
        with self.results.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")

    def run(self, session: pytest.Session) -> None:
        items = list(session.items)
        durations: dict[str, float] = {}
        for position, item in enumerate(items):
            started = time.monotonic()
            nextitem = items[position + 1] if position + 1 < len(items) else None
            if _failed(item, nextitem, float(self.plan.get("baseline_timeout", 600))):
                self._write({"baseline": "failed", "test": item.nodeid})
                return
            durations[item.nodeid] = time.monotonic() - started
        self._write({"baseline": "passed", "tests": len(items), "seconds": sum(durations.values())})
        module = importlib.import_module(self.plan["module"])
        order = items
        for index in self.plan["mutants"]:
            if os.getppid() != self.plan["parent"]:
                return  # scripts/mutate.py is gone: nobody reads the answers
            next_order = self._one(session, module, index, order, durations)
            if next_order is None:
                return  # the tests' state is broken: a fresh worker takes the rest
            order = next_order

    def _one(
        self,
        session: pytest.Session,
        module: types.ModuleType,
        index: int,
        order: list[pytest.Item],
        durations: dict[str, float],
    ) -> list[pytest.Item] | None:
        """Run one mutant; the next test order, or None when a kill proved to be no kill."""
        started = time.monotonic()
        session._setupstate.teardown_exact(order[0] if order else None)
        self._write({"started": index})
        killer: pytest.Item | None = None
        with applied(module, self.plan["file"], index, self.repo) as mutant:
            for position, item in enumerate(order):
                nextitem = order[position + 1] if position + 1 < len(order) else order[0]
                floor = float(self.plan.get("min_timeout", 20.0))
                timeout = max(floor, TIMEOUT_FACTOR * durations[item.nodeid])
                if _failed(item, nextitem, timeout):
                    killer = item
                    break
        if killer is None:
            self._record(index, mutant, None, started)
            return order
        if self._fails_unchanged(session, killer, order, durations):
            # An earlier mutant left the tests' state broken (a fixture, the Pulumi mocks):
            # this was no kill. Say so; mutate.py runs the mutant again in a fresh worker.
            self._write({"polluted": index, "test": killer.nodeid})
            return None
        self._record(index, mutant, killer, started)
        return [killer, *(item for item in order if item is not killer)]

    def _record(
        self, index: int, mutant: Mutant, killer: pytest.Item | None, started: float
    ) -> None:
        self._write(
            {
                "index": index,
                "line": mutant.line,
                "description": mutant.description,
                "source": mutant.source,
                "where": mutant.where,
                "killed_by": killer.nodeid if killer else None,
                "seconds": round(time.monotonic() - started, 2),
            }
        )

    def _fails_unchanged(
        self,
        session: pytest.Session,
        killer: pytest.Item,
        order: list[pytest.Item],
        durations: dict[str, float],
    ) -> bool:
        """Whether the killing test also fails with the module restored."""
        session._setupstate.teardown_exact(killer)
        others = [item for item in order if item is not killer]
        timeout = max(float(self.plan.get("min_timeout", 20.0)), 10 * durations[killer.nodeid])
        return _failed(killer, others[0] if others else None, timeout)


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> bool | None:
    """Run the campaign instead of the ordinary test run."""
    if session.config.option.collectonly:
        return None
    plan_path = os.environ.get("MUTATION_PLAN")
    if not plan_path:
        raise pytest.UsageError("mutation_worker needs MUTATION_PLAN (run scripts/mutate.py)")
    campaign = _Campaign(json.loads(Path(plan_path).read_text(encoding="utf-8")))
    try:
        campaign.run(session)
    finally:
        session._setupstate.teardown_exact(None)
    return True
