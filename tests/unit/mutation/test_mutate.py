"""The mutation tool (scripts/mutate.py) on a toy module: what it mutates, what it reports,
and that an interrupted campaign leaves the tree exactly as it found it.

These run in `make test` (a few seconds each). The campaign over the real targets is marked
``mutation`` (test_campaign.py) and runs only when asked for.
"""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mutants import mutant_tree, mutants

MUTATE = Path(__file__).resolve().parents[3] / "scripts" / "mutate.py"

TOY = '''"""A toy limit."""

LIMIT = 10


def allowed(n: int) -> bool:
    """Whether n is within the limit."""
    if n < 0:
        raise ValueError("negative")
    return n <= LIMIT
'''

TOY_TESTS = """import pytest
from toy.limits import allowed


def test_bounds():
    assert allowed(10)
    assert not allowed(11)
    assert allowed(5)


def test_negative():
    with pytest.raises(ValueError):
        allowed(-1)
"""


def make_toy(root: Path, tests: str = TOY_TESTS) -> None:
    (root / "toy").mkdir()
    (root / "toy" / "__init__.py").write_text("")
    (root / "toy" / "limits.py").write_text(TOY)
    (root / "tests").mkdir()
    (root / "tests" / "test_toy.py").write_text(tests)


def tree_state(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def mutate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(MUTATE), "--repo", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_each_operator_gives_its_mutants() -> None:
    source = (
        "def f(a, b, xs):\n"
        "    for x in xs:\n"
        "        if x is None or a in xs:\n"
        "            continue\n"
        "        while a and not b:\n"
        "            break\n"
        "    print(a)\n"
        "    return max(a, 3) if a != b else min(b, True)\n"
    )
    found = {(m.line, m.description) for m in mutants(source)}
    assert found == {
        (3, "negated condition"),
        (3, "or -> and"),
        (3, "is -> is not"),
        (3, "in -> not in"),
        (4, "continue -> pass"),
        (5, "negated condition"),
        (5, "and -> or"),
        (6, "break -> pass"),
        (7, "call deleted"),
        (8, "return -> pass"),
        (8, "negated condition"),
        (8, "max -> min"),
        (8, "3 -> 4"),
        (8, "3 -> 2"),
        (8, "!= -> =="),
        (8, "min -> max"),
        (8, "True -> False"),
    }
    for mutant in mutants(source):
        tree, same = mutant_tree(source, mutant.index)
        assert same == mutant
        compile(tree, "f.py", "exec")  # every mutant is valid Python


def test_a_mutant_knows_its_function_and_module_level_names() -> None:
    source = "X = 1\n\nclass C:\n    Y = 2\n\n    def m(self):\n        return self.Y > X\n"
    by_line = {m.line: m for m in mutants(source)}
    assert (by_line[1].where, by_line[1].names) == ("module", ("X",))
    assert (by_line[4].where, by_line[4].names) == ("C", ("Y",))
    assert by_line[7].where == "C.m"


def test_type_checking_blocks_and_imports_are_not_mutated() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    X = 1\nimport os\n"
    assert mutants(source) == []


def test_the_toy_campaign_reports_its_survivors(tmp_path: Path) -> None:
    make_toy(tmp_path)
    before = tree_state(tmp_path)
    out = tmp_path.parent / f"{tmp_path.name}-score.json"
    done = mutate(
        tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py", "--json", str(out)
    )
    assert done.returncode == 1, done.stdout + done.stderr  # 1: unexplained survivors
    # n < 0 -> n <= 0 and 0 -> 1 only change allowed(0), which no toy test asks about.
    assert "limits (toy/limits.py): 9 mutants, 7 killed, 2 survived (2 unexplained)" in done.stdout
    assert (
        "survived toy/limits.py:8 in allowed: < -> <= in `if n < 0:` -- UNEXPLAINED" in done.stdout
    )
    assert (
        "survived toy/limits.py:8 in allowed: 0 -> 1 in `if n < 0:` -- UNEXPLAINED" in done.stdout
    )
    score = json.loads(out.read_text())
    assert [(s["mutants"], s["killed"]) for s in score] == [(9, 7)]
    assert tree_state(tmp_path) == before  # nothing written, no __pycache__, no .pytest_cache


def test_a_complete_selection_kills_every_mutant(tmp_path: Path) -> None:
    make_toy(tmp_path, TOY_TESTS + "\n\ndef test_zero():\n    assert allowed(0)\n")
    done = mutate(tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "9 mutants, 9 killed, 0 survived" in done.stdout


def test_a_module_constant_reaches_the_modules_that_imported_it(tmp_path: Path) -> None:
    make_toy(
        tmp_path,
        "from toy.user import biggest\n\n\ndef test_biggest():\n    assert biggest() == 10\n",
    )
    (tmp_path / "toy" / "user.py").write_text(
        "from toy.limits import LIMIT\n\n\ndef biggest():\n    return LIMIT\n"
    )
    done = mutate(tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py")
    # LIMIT's two mutants reach toy.user's copy and are killed; allowed() is not tested.
    assert "9 mutants, 2 killed" in done.stdout, done.stdout + done.stderr


def test_a_value_computed_from_a_mutated_constant_changes_too(tmp_path: Path) -> None:
    make_toy(
        tmp_path,
        "from toy.limits import double\n\n\ndef test_double():\n    assert double() == 20\n",
    )
    (tmp_path / "toy" / "limits.py").write_text(
        "LIMIT = 10\nDOUBLE = (LIMIT * 2,)\n\n\ndef double():\n    return DOUBLE[0]\n"
    )
    done = mutate(tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py")
    # LIMIT's mutants reach DOUBLE; only DOUBLE[0] -> DOUBLE[-1] (the same item) survives.
    assert "7 mutants, 6 killed, 1 survived" in done.stdout, done.stdout + done.stderr
    assert "0 -> -1 in `return DOUBLE[0]`" in done.stdout


def test_a_function_run_only_at_import_is_mutated_where_its_value_is_used(tmp_path: Path) -> None:
    make_toy(
        tmp_path, "from toy.limits import twice\n\n\ndef test_twice():\n    assert twice() == 10\n"
    )
    (tmp_path / "toy" / "limits.py").write_text(
        "def make(n):\n    return n * 2\n\n\nTWICE = make(5)\n\n\ndef twice():\n    return TWICE\n"
    )
    done = mutate(tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py")
    # make()'s mutants change TWICE, which only a fresh import would compute again.
    assert "6 mutants, 6 killed, 0 survived" in done.stdout, done.stdout + done.stderr


def test_failing_tests_without_a_mutant_give_no_score(tmp_path: Path) -> None:
    make_toy(tmp_path, "def test_broken():\n    assert False\n")
    done = mutate(tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py")
    assert done.returncode == 2
    assert "tests/test_toy.py::test_broken fails without a mutant" in done.stderr


def test_a_mutant_that_hangs_a_test_is_killed_by_the_timeout(tmp_path: Path) -> None:
    make_toy(tmp_path)
    (tmp_path / "toy" / "limits.py").write_text(
        "def spin(n: int) -> int:\n    while n > 0:\n        n -= 1\n    return n\n"
    )
    (tmp_path / "tests" / "test_toy.py").write_text(
        "from toy.limits import spin\n\n\ndef test_spin():\n    assert spin(3) == 0\n"
    )
    done = mutate(
        tmp_path, "--min-timeout", "2", "--file", "toy/limits.py", "--tests", "tests/test_toy.py"
    )
    # `n -= 1 -> n -= 0` never ends; the timeout kills it like a failure.
    assert "0 survived" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_campaign_leaves_the_tree_and_no_process(
    tmp_path: Path, sig: signal.Signals
) -> None:
    slow = TOY_TESTS.replace("def test_bounds():", "def test_bounds():\n    time.sleep(1)")
    make_toy(tmp_path, "import time\n" + slow)
    before = tree_state(tmp_path)
    command = [sys.executable, str(MUTATE), "-v", "--repo", str(tmp_path)]
    command += ["--file", "toy/limits.py", "--tests", "tests/test_toy.py"]
    tool = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert tool.stderr is not None
    line = tool.stderr.readline()  # "   worker <pid>: 9 mutants"
    worker = int(line.split()[1].rstrip(":"))
    # "   #0 ..." : the campaign is under way (more mutants to go, each a second or more).
    assert tool.stderr.readline().startswith("   #")
    tool.send_signal(sig)
    tool.wait(timeout=60)
    assert _gone(worker)
    assert tree_state(tmp_path) == before


def _gone(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    deadline = time.monotonic() + 30
    while status.exists() and time.monotonic() < deadline:
        text = status.read_text() if status.exists() else ""
        if "State:\tZ" in text:
            return True
        time.sleep(0.2)
    return not status.exists()


def test_a_record_held_by_a_class_of_another_module_changes_in_place(tmp_path: Path) -> None:
    # A kind's spec: a frozen dataclass instance that a provider class holds as an attribute,
    # which no module-level name of another module reaches.
    make_toy(
        tmp_path,
        "from toy.user import Provider\n\n\ndef test_folded():\n    assert Provider.spec.folded\n",
    )
    (tmp_path / "toy" / "limits.py").write_text(
        "from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Spec:\n"
        "    folded: bool\n\n\nSPEC = Spec(folded=True)\n"
    )
    (tmp_path / "toy" / "user.py").write_text(
        "from toy.limits import SPEC\n\n\nclass Provider:\n    spec = SPEC\n"
    )
    done = mutate(tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py")
    assert "1 mutants, 1 killed, 0 survived" in done.stdout, done.stdout + done.stderr


def test_a_module_statement_setting_another_modules_attribute_is_in_effect(
    tmp_path: Path,
) -> None:
    # As the registry sets RealmProvider.held_kinds: the mutated statement's effect is live
    # while the tests run, and the unchanged one's after.
    make_toy(
        tmp_path,
        "import toy.registry\nfrom toy.user import Provider\n\n\n"
        "def test_held():\n    assert Provider.held == ('b',)\n",
    )
    (tmp_path / "toy" / "user.py").write_text("class Provider:\n    held = ()\n")
    (tmp_path / "toy" / "limits.py").write_text(
        "from toy.user import Provider\n\nProvider.held = tuple(n for n in 'ab' if n != 'a')\n"
    )
    (tmp_path / "toy" / "registry.py").write_text("import toy.limits\n")
    done = mutate(tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py")
    # The negated filter and != -> == both change the tuple.
    assert "2 mutants, 2 killed, 0 survived" in done.stdout, done.stdout + done.stderr


def test_a_deleted_super_call_replaces_the_method_instead_of_crashing(tmp_path: Path) -> None:
    # Without super() the mutated __init__ has no __class__ cell: its code cannot go into
    # the live function, so the method is replaced on its class. The toy test does not
    # notice the change: the mutant survives (a crashed worker would count as a kill).
    make_toy(
        tmp_path,
        "from toy.limits import Base, Child\n\n\n"
        "def test_kind():\n    assert isinstance(Child(), Base)\n",
    )
    (tmp_path / "toy" / "limits.py").write_text(
        "class Base:\n    def __init__(self):\n        self.name = 'x'\n\n\n"
        "class Child(Base):\n    def __init__(self):\n        super().__init__()\n"
    )
    done = mutate(tmp_path, "--file", "toy/limits.py", "--tests", "tests/test_toy.py")
    assert "1 mutants, 0 killed, 1 survived" in done.stdout, done.stdout + done.stderr
