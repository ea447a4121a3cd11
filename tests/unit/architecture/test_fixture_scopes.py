"""Fixture scopes mean what they say: no package-scoped fixture in a folder that is no package.

pytest attaches a ``scope="package"`` fixture to the session when its folder has no
``__init__.py`` (no test folder here has one), so it lives on while a test process runs
other folders' tests. The hosted-UI tests' signed-in stack was such a fixture on the
session's moto server: other folders' moto resets took its pool away under xdist, and a
sign-in ended on the hosted UI's error page. Read from the test sources with ``ast``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers.python_sources import parse_file

TESTS = Path(__file__).resolve().parents[2]


def _scope(decorator: ast.expr) -> str | None:
    """The literal ``scope=`` of a ``pytest.fixture(...)`` decorator, else None."""
    if not isinstance(decorator, ast.Call):
        return None
    func = decorator.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name != "fixture":
        return None
    for keyword in decorator.keywords:
        if keyword.arg == "scope" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return None


def package_fixtures_outside_packages() -> list[str]:
    """``path:line name`` of every package-scoped fixture whose folder is no package."""
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if (path.parent / "__init__.py").exists():
            continue
        for node in ast.walk(parse_file(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                _scope(d) == "package" for d in node.decorator_list
            ):
                found.append(f"{path.relative_to(TESTS)}:{node.lineno} {node.name}")
    return found


def test_no_package_scoped_fixture_outside_a_package() -> None:
    assert package_fixtures_outside_packages() == [], (
        "these folders have no __init__.py, so pytest runs these fixtures for the whole "
        "session; say scope='session' and keep their state out of other tests' reach"
    )


def test_the_check_sees_a_package_scoped_fixture() -> None:
    source = "import pytest\n\n@pytest.fixture(scope='package')\ndef stack():\n    pass\n"
    tree = ast.parse(source)
    (function,) = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert [_scope(d) for d in function.decorator_list] == ["package"]
