"""One list of outputs: the class's ``Output`` annotations, what the component registers, what
the stack exports and the docs' outputs table all agree with ``FEDERATION_OUTPUTS``."""

from __future__ import annotations

import inspect
import re
import runpy
from pathlib import Path
from typing import Any

import docs_tables
import pulumi
import pytest
from helpers.cognito_mocks import FakeCloud, run_program

from beyondidentity_cognito import FEDERATION_OUTPUTS, CognitoFederation, CognitoFederationArgs

ROOT = Path(__file__).resolve().parents[3]
WHERE = "components/beyondidentity_cognito/_component.py"
STACK_OUTPUTS = [o.stack_output for o in FEDERATION_OUTPUTS if o.stack_output is not None]


def test_every_annotation_of_the_class_is_a_listed_output() -> None:
    annotations = inspect.get_annotations(CognitoFederation)
    not_outputs = [n for n, a in annotations.items() if not str(a).startswith("pulumi.Output[")]
    assert not not_outputs, (
        f"CognitoFederation annotates {not_outputs} without pulumi.Output[...]: an attribute "
        f"annotated on the class is an output; declare it as pulumi.Output[...] in {WHERE}"
    )
    listed = [o.attribute for o in FEDERATION_OUTPUTS]
    assert listed == list(annotations), (
        f"FEDERATION_OUTPUTS {listed} differs from the class's annotations {list(annotations)}"
    )
    assert len(set(STACK_OUTPUTS)) == len(STACK_OUTPUTS), "two outputs share a stack name"


def test_every_output_is_documented_under_its_annotation() -> None:
    documented = docs_tables.attribute_docs()
    missing = [o.attribute for o in FEDERATION_OUTPUTS if not documented.get(o.attribute)]
    assert not missing, f"document these outputs with a docstring under their annotation: {missing}"


def test_stack_output_names_are_the_attributes_in_camel_case() -> None:
    by_attribute = {o.attribute: o.stack_output for o in FEDERATION_OUTPUTS}
    assert by_attribute["user_pool_id"] == "userPoolId"
    assert by_attribute["resource_server_id"] is None  # the component's alone
    assert "dnsRecordFqdn" in STACK_OUTPUTS


def test_the_component_registers_exactly_the_listed_outputs(
    cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    registered: list[dict[str, Any]] = []
    original = CognitoFederation.register_outputs

    def record(self: CognitoFederation, outputs: dict[str, Any]) -> None:
        registered.append(outputs)
        original(self, outputs)

    monkeypatch.setattr(CognitoFederation, "register_outputs", record)
    deployed = run_program(
        lambda: CognitoFederation(
            "login",
            CognitoFederationArgs(domain_prefix="bi-demo", callback_urls=["http://localhost:3000"]),
        )
    )
    [outputs] = registered
    listed = [o.attribute for o in FEDERATION_OUTPUTS]
    assert list(outputs) == listed, (
        f"register_outputs got {list(outputs)}; FEDERATION_OUTPUTS lists {listed}"
    )
    # Every output attribute the component sets is listed (none set but left unregistered).
    set_outputs = set(deployed.outputs) - {"urn"}  # the resource's own
    assert set_outputs == set(listed), set_outputs ^ set(listed)


def test_the_stack_exports_exactly_the_listed_stack_outputs(
    cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported: list[str] = []
    monkeypatch.setattr(pulumi, "export", lambda name, value: exported.append(name))
    pulumi.runtime.set_all_config(
        {
            "beyondidentity-cognito:domainPrefix": "bi-demo",
            "beyondidentity-cognito:callbackUrls": '["http://localhost:3000"]',
        }
    )
    run_program(
        lambda: runpy.run_path(str(ROOT / "__main__.py"), run_name="__main__")["federation"]
    )
    assert exported == STACK_OUTPUTS, (
        f"__main__.py exports {exported}; FEDERATION_OUTPUTS names {STACK_OUTPUTS}"
    )


def test_the_docs_outputs_table_lists_the_stack_outputs() -> None:
    table = docs_tables.outputs_table()
    rows = re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)
    assert rows == STACK_OUTPUTS, (
        f"the outputs table lists {rows}; FEDERATION_OUTPUTS names {STACK_OUTPUTS}"
    )
    readme = (ROOT / "README.md").read_text()
    assert table in readme, "README.md's outputs table is stale: run scripts/docs_tables.py --write"
