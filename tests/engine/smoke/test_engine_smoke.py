"""Smoke test of the engine built by ``make engine``, driven through the Automation API.

A tiny dynamic resource (provider class in an importable module, so it is pickled by reference)
goes through up -> preview (no changes) -> destroy, once as a local program (CLI -> our language
host -> our executor -> program; provider via our dynamic-provider launcher) and once as an inline
program (the program runs in this process; the provider still via the launcher). The provider
writes a marker file on create and removes it on delete, which proves it ran in the provider
process.
"""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pulumi
import pytest
from helpers.engine_support import (
    engine_env,
    expected_engine_version,
    pulumi_command,
    require_engine,
)
from pulumi import automation as auto

pytestmark = pytest.mark.engine

PROVIDER_MODULE = "engine_smoke_provider"
PROVIDER_SOURCE = textwrap.dedent(
    '''
    """Dynamic resource for the engine smoke test: records itself as a marker file."""
    from __future__ import annotations

    import hashlib
    from pathlib import Path
    from typing import Any

    import pulumi
    from pulumi.dynamic import CreateResult, DiffResult, Resource, ResourceProvider


    class MarkerProvider(ResourceProvider):
        serialize_as_secret_always = False

        def create(self, props: dict[str, Any]) -> CreateResult:
            rid = hashlib.sha256(props["value"].encode()).hexdigest()[:12]
            Path(props["marker_dir"], rid).write_text(props["value"])
            return CreateResult(rid, {**props, "length": float(len(props["value"]))})

        def diff(self, id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
            keys = ("value", "marker_dir")
            changed = any(olds.get(k) != news.get(k) for k in keys)
            return DiffResult(changes=changed, replaces=list(keys) if changed else [])

        def delete(self, id: str, props: dict[str, Any]) -> None:
            Path(props["marker_dir"], id).unlink(missing_ok=True)


    class Marker(Resource, module="smoke", name="Marker"):
        value: pulumi.Output[str]
        length: pulumi.Output[float]

        def __init__(self, name: str, value: str, marker_dir: str) -> None:
            props = {"value": value, "marker_dir": marker_dir, "length": None}
            super().__init__(MarkerProvider(), name, props)
    '''
)

MAIN_SOURCE = textwrap.dedent(
    f"""
    import pulumi
    from {PROVIDER_MODULE} import Marker

    cfg = pulumi.Config()
    marker = Marker("marker", cfg.require("value"), cfg.require("markerDir"))
    pulumi.export("value", marker.value)
    pulumi.export("length", marker.length)
    """
)


def _write_provider_module(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{PROVIDER_MODULE}.py").write_text(PROVIDER_SOURCE, encoding="utf-8")


def _runtime_options() -> dict[str, str]:
    # Run the program and the provider with the interpreter of this test run: its virtualenv
    # when there is one, else PULUMI_PYTHON_CMD (set by engine_env) applies.
    if sys.prefix != sys.base_prefix:
        return {"virtualenv": sys.prefix}
    return {}


def _assert_lifecycle(stack: auto.Stack, marker_dir: Path) -> None:
    up = stack.up(color="never")
    assert up.summary.result == "succeeded"
    assert up.summary.resource_changes == {"create": 2}
    assert up.outputs["value"].value == "hello"
    assert up.outputs["length"].value == 5
    assert len(list(marker_dir.iterdir())) == 1, "create() did not run in the provider"

    preview = stack.preview(color="never", expect_no_changes=True)
    assert set(preview.change_summary) == {auto.OpType.SAME}

    down = stack.destroy(color="never")
    assert down.summary.result == "succeeded"
    assert down.summary.resource_changes == {"delete": 2}
    assert list(marker_dir.iterdir()) == [], "delete() did not run in the provider"


@pytest.fixture
def engine() -> Path:
    return require_engine()


def test_version_is_stamped(engine: Path) -> None:
    cmd = pulumi_command(engine)
    assert cmd.version is not None
    assert f"v{cmd.version}" == expected_engine_version()


def test_local_program_with_dynamic_resource(engine: Path, tmp_path: Path) -> None:
    program = tmp_path / "program"
    _write_provider_module(program)
    (program / "__main__.py").write_text(MAIN_SOURCE, encoding="utf-8")
    (program / "Pulumi.yaml").write_text(
        json.dumps(  # JSON is YAML
            {
                "name": "engine-smoke",
                "runtime": {"name": "python", "options": _runtime_options()},
            }
        ),
        encoding="utf-8",
    )
    marker_dir = tmp_path / "markers"
    marker_dir.mkdir()

    stack = auto.create_or_select_stack(
        "local",
        work_dir=str(program),
        opts=auto.LocalWorkspaceOptions(
            env_vars=engine_env(tmp_path, engine),
            pulumi_command=pulumi_command(engine),
            secrets_provider="passphrase",
        ),
    )
    stack.set_all_config(
        {"value": auto.ConfigValue("hello"), "markerDir": auto.ConfigValue(str(marker_dir))}
    )
    _assert_lifecycle(stack, marker_dir)


@pytest.fixture
def provider_on_sys_path(tmp_path: Path) -> Iterator[Path]:
    """The provider module, importable here (inline program) and in the provider process."""
    modules = tmp_path / "modules"
    _write_provider_module(modules)
    sys.path.insert(0, str(modules))
    try:
        yield modules
    finally:
        sys.path.remove(str(modules))
        sys.modules.pop(PROVIDER_MODULE, None)


def test_inline_program_with_dynamic_resource(
    engine: Path, tmp_path: Path, provider_on_sys_path: Path
) -> None:
    marker_dir = tmp_path / "markers"
    marker_dir.mkdir()
    module = importlib.import_module(PROVIDER_MODULE)

    def program() -> None:
        marker = module.Marker("marker", "hello", str(marker_dir))
        pulumi.export("value", marker.value)
        pulumi.export("length", marker.length)

    stack = auto.create_or_select_stack(
        "inline",
        project_name="engine-smoke-inline",
        program=program,
        opts=auto.LocalWorkspaceOptions(
            env_vars=engine_env(tmp_path, engine, pythonpath=[provider_on_sys_path]),
            pulumi_command=pulumi_command(engine),
            secrets_provider="passphrase",
            project_settings=auto.ProjectSettings(
                name="engine-smoke-inline", runtime=auto.ProjectRuntimeInfo(name="python")
            ),
        ),
    )
    _assert_lifecycle(stack, marker_dir)
