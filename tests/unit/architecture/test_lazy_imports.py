"""What a process loads when it imports our packages (docs/performance.md, "A quick start").

``import pulumi_beyondidentity`` resolves its names on first use (PEP 562), so a process that
needs a few of them does not pay for the rest: the policy pack reads ``REGIONS`` and ``rules``
without the API client (httpx, tenacity) or the resource classes. Each check runs in a fresh
interpreter, where ``sys.modules`` shows what the import really loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
CLIENT = ("httpx", "tenacity", "pulumi_beyondidentity._client", "pulumi_beyondidentity._retry")


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after ``statement`` and not before it."""
    script = (
        "import json, sys\n"
        "before = set(sys.modules)\n"
        f"{statement}\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO / "policy",  # the pack's package, as `pulumi policy` runs it
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_importing_the_package_loads_only_its_version() -> None:
    loaded = loaded_after("import pulumi_beyondidentity")
    # The standard library's typing aside: not even the Pulumi SDK.
    assert top_level(loaded) <= {"pulumi_beyondidentity", "typing", "_typing", "collections"}
    assert {m for m in loaded if m.startswith("pulumi_")} == {
        "pulumi_beyondidentity",
        "pulumi_beyondidentity._version",
    }


@pytest.mark.parametrize(
    ("statement", "wanted"),
    [
        ("from pulumi_beyondidentity import REGIONS", "pulumi_beyondidentity._connection"),
        ("from pulumi_beyondidentity import rules", "pulumi_beyondidentity.rules"),
        ("import pulumi_beyondidentity.rules", "pulumi_beyondidentity.rules"),
        ("from pulumi_beyondidentity import CONFIG_KEYS", "pulumi_beyondidentity._operation"),
        ("from pulumi_beyondidentity import NotFoundError", "pulumi_beyondidentity._errors"),
        ("import beyondidentity_cognito_policy", "beyondidentity_cognito_policy._rules"),
    ],
)
def test_light_names_do_not_load_the_client_or_the_resources(statement: str, wanted: str) -> None:
    loaded = loaded_after(statement)
    assert wanted in loaded
    assert not [m for m in loaded if m.startswith(CLIENT)]
    assert "pulumi_beyondidentity.application" not in loaded
    assert "pulumi_beyondidentity._registry" not in loaded


def test_a_resource_class_loads_its_module_not_the_others() -> None:
    loaded = loaded_after("from pulumi_beyondidentity import Realm")
    assert "pulumi_beyondidentity.realm" in loaded
    others = {"application", "identity", "group", "resource_server", "authenticator_config"}
    assert not {f"pulumi_beyondidentity.{name}" for name in others} & loaded


def test_every_public_name_resolves_to_its_definition() -> None:
    import importlib

    import pulumi_beyondidentity as package

    for name in package.__all__:
        value = getattr(package, name)
        if name == "rules":
            assert value is importlib.import_module("pulumi_beyondidentity.rules")
        elif name != "__version__":
            home = importlib.import_module(package._HOMES[name], package.__name__)
            assert value is getattr(home, name), name
    assert set(package.__all__) <= set(dir(package))
    assert set(package._HOMES) | {"__version__"} == set(package.__all__)


def test_star_import_gives_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from pulumi_beyondidentity import *", namespace)
    import pulumi_beyondidentity as package

    assert set(package.__all__) <= set(namespace)
    assert namespace["Application"] is package.Application


def test_an_unknown_name_is_an_attribute_error() -> None:
    import pulumi_beyondidentity as package

    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        _ = package.Nope
    with pytest.raises(ImportError):
        exec("from pulumi_beyondidentity import Nope", {})
