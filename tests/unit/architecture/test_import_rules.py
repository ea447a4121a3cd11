"""The import rule of ``docs/architecture.md``, read from the source trees with ``ast``.

Every Python file outside ``tests/`` belongs to one layer; a layer imports its own packages, the
packages of this repository it is allowed to, and those of the shipped packages
(``pulumi_beyondidentity``, ``beyondidentity_cognito``) through their public API only.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.python_sources import parse_source

REPO = Path(__file__).resolve().parents[3]
# Where our import packages live (the pytest/mypy paths): their top-level names are "ours".
SOURCE_ROOTS = (
    "providers",
    "components",
    "plugin",
    "emulator",
    "local",
    "policy",
    "scripts",
    "examples/sample-app",
)
NOT_SOURCE = {".git", ".venv", "venv", ".engine", "build", "tests", "__pycache__", "node_modules"}
PROVIDERS, COMPONENT = "pulumi_beyondidentity", "beyondidentity_cognito"
EMULATOR, HELPERS = "beyondidentity_emulator", "helpers"
PLUGIN = "beyondidentity_cognito_plugin"
LOCAL = frozenset({"local_stack", "aws_standin", "cognito_hosted_ui"})
SHIPPED = frozenset({PROVIDERS, COMPONENT})


@dataclass(frozen=True)
class Layer:
    """Files (repository-relative paths: a file or a folder) and what they may import of ours."""

    name: str
    paths: tuple[str, ...]
    may_import: frozenset[str]
    private_ok: frozenset[str] = frozenset()  # packages whose ``_private`` parts it may use


LAYERS = (
    Layer("provider package", ("providers",), frozenset({PROVIDERS})),
    Layer("component", ("components",), frozenset({COMPONENT, PROVIDERS})),
    # Serves the component to other languages: the shipped packages' public API only.
    Layer("plugin package", ("plugin",), SHIPPED | {PLUGIN}),
    Layer("program", ("__main__.py",), SHIPPED),
    Layer("emulator", ("emulator",), frozenset({EMULATOR})),
    Layer("local stack", ("local",), SHIPPED | LOCAL | {EMULATOR}, private_ok=LOCAL),
    Layer("policy pack", ("policy",), SHIPPED | {"beyondidentity_cognito_policy"}),
    # The reference tables are generated from the providers' field declarations.
    Layer("doc generator", ("scripts/docs_tables.py",), SHIPPED, private_ok=SHIPPED),
    Layer(
        "tools",
        ("scripts", "examples"),
        SHIPPED
        | LOCAL
        | {EMULATOR, "review_plan", "docs_tables", "sample_app", "mutants", "mutation_campaign"},
        private_ok=LOCAL,
    ),
    Layer(
        "benchmarks",
        ("benchmarks",),
        SHIPPED | {EMULATOR, HELPERS},
        private_ok=SHIPPED | {EMULATOR, HELPERS},
    ),
)


def our_packages() -> set[str]:
    """Top-level names of every import package and module of this repository."""
    names = {HELPERS}
    for root in SOURCE_ROOTS:
        for entry in (REPO / root).iterdir():
            if (entry / "__init__.py").exists():
                names.add(entry.name)
            elif entry.suffix == ".py" and entry.stem != "__main__":
                names.add(entry.stem)
    return names


def python_files(path: Path) -> Iterator[Path]:
    """The Python files at ``path``, skipping tests, virtualenvs, builds and caches."""
    if path.is_file():
        yield path
        return
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCE and not d.endswith(".egg-info"))
        yield from (Path(folder) / name for name in sorted(files) if name.endswith(".py"))


def imports(source: str) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """``(line, module, imported names)`` of every absolute import, nested ones included."""
    for node in ast.walk(parse_source(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module, tuple(alias.name for alias in node.names)


def violations(layer: Layer, source: str, ours: set[str]) -> list[str]:
    """What ``source`` (a file of ``layer``) imports against the rule, one line each."""
    found = []
    for line, module, names in imports(source):
        top = module.split(".")[0]
        if top not in ours:
            continue
        if top not in layer.may_import:
            found.append(f"{line}: {module} (the {layer.name} may not import {top})")
        elif top not in layer.private_ok and not _own(layer, top):
            private = [part for part in (*module.split(".")[1:], *names) if _private(part)]
            if private:
                found.append(f"{line}: {module} {', '.join(private)} (private to {top})")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _own(layer: Layer, package: str) -> bool:
    return any((REPO / path / package).exists() for path in layer.paths)


def layer_of(file: Path) -> Layer | None:
    """The layer of ``file``: the one naming the longest path that holds it."""
    holding = [
        (len(path), layer)
        for layer in LAYERS
        for path in layer.paths
        if file == REPO / path or (REPO / path) in file.parents
    ]
    return max(holding, key=lambda pair: pair[0])[1] if holding else None


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.name)
def test_layer_imports_follow_the_rule(layer: Layer) -> None:
    ours = our_packages()
    problems = [
        f"{file.relative_to(REPO)}:{problem}"
        for path in layer.paths
        for file in python_files(REPO / path)
        if layer_of(file) == layer
        for problem in violations(layer, file.read_text(encoding="utf-8"), ours)
    ]
    assert problems == [], "\n".join(problems)


def test_every_python_file_outside_tests_is_in_a_layer() -> None:
    unplaced = [str(file.relative_to(REPO)) for file in python_files(REPO) if not layer_of(file)]
    assert unplaced == [], f"add these to a layer in {Path(__file__).name}: {unplaced}"


@pytest.mark.parametrize(
    ("layer", "source", "expected"),
    [
        (LAYERS[0], "from beyondidentity_cognito import CognitoFederation", "may not import"),
        (LAYERS[0], "def f():\n    import beyondidentity_emulator", "may not import"),
        (LAYERS[1], "from pulumi_beyondidentity._client import Collection", "_client"),
        (LAYERS[1], "from pulumi_beyondidentity import _inputs", "_inputs"),
        (LAYERS[1], "import helpers.cognito_mocks", "may not import"),
        (LAYERS[6], "import aws_standin", "may not import"),
        (LAYERS[2], "from beyondidentity_cognito._args import DEFAULT_PKCE", "_args"),
        (LAYERS[2], "import local_stack", "may not import"),
    ],
)
def test_a_forbidden_import_is_reported(layer: Layer, source: str, expected: str) -> None:
    (problem,) = violations(layer, source, our_packages())
    assert expected in problem


def test_allowed_imports_are_not_reported() -> None:
    source = "import httpx\nfrom pulumi_beyondidentity import Realm, rules\nfrom . import _args\n"
    assert violations(LAYERS[1], source, our_packages()) == []
