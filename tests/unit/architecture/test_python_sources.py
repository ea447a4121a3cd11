"""The architecture tests' parser survives CPython 3.11's spurious AST ``SystemError``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers.python_sources import parse_file, parse_source


def _mismatch(*args: object, **kwargs: object) -> ast.Module:
    raise SystemError("AST constructor recursion depth mismatch (before=141, after=191)")


def test_a_spurious_system_error_is_answered_by_a_fresh_interpreter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As a clean-clone CI run saw it: every ast.parse of this process fails the same way.
    monkeypatch.setattr(ast, "parse", _mismatch)  # the module python_sources calls
    tree = parse_source("import os\n\n\ndef f():\n    return os.sep\n", "toy.py")
    assert [type(node).__name__ for node in tree.body] == ["Import", "FunctionDef"]


def test_a_file_is_parsed_as_written(tmp_path: Path) -> None:
    source = tmp_path / "toy.py"
    source.write_text("import pytest\n\n\n@pytest.fixture(scope='package')\ndef stack(): ...\n")
    (function,) = [n for n in parse_file(source).body if isinstance(n, ast.FunctionDef)]
    assert function.name == "stack"
