"""The plugin's schema is the component's declarations: every setting, every output, their docs."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from beyondidentity_cognito import (
    FEDERATION_OUTPUTS,
    STACK_SETTINGS,
    TYPE_TOKEN,
    CognitoFederationArgs,
)
from beyondidentity_cognito_plugin import PYTHON_SDK_PACKAGE, package_schema

REPO = Path(__file__).resolve().parents[3]
RESOURCE = package_schema()["resources"][TYPE_TOKEN]
ARGUMENTS = {f.name for f in dataclasses.fields(CognitoFederationArgs)}


def test_the_inputs_are_the_stack_settings_in_order() -> None:
    assert list(RESOURCE["inputProperties"]) == [s.key for s in STACK_SETTINGS]
    assert RESOURCE["requiredInputs"] == ["callbackUrls"]


def test_each_input_has_the_type_of_its_setting() -> None:
    for setting in STACK_SETTINGS:
        assert RESOURCE["inputProperties"][setting.key]["type"] == setting.kind, setting.key
    assert RESOURCE["inputProperties"]["callbackUrls"]["items"] == {"type": "string"}
    assert RESOURCE["inputProperties"]["attributeMapping"]["additionalProperties"] == {
        "type": "string"
    }


def test_the_outputs_are_the_components_in_camel_case() -> None:
    names = [o.stack_output for o in FEDERATION_OUTPUTS if o.stack_output]
    assert set(names) <= set(RESOURCE["properties"])
    assert len(RESOURCE["properties"]) == len(FEDERATION_OUTPUTS)
    assert RESOURCE["properties"]["managedLoginVersion"]["type"] == "integer"
    # Declared `pulumi.Output[str | None]`: not required.
    assert "dnsRecordFqdn" not in RESOURCE["required"]
    assert "userPoolId" in RESOURCE["required"]


def test_the_realms_people_are_maps_in_and_out() -> None:
    # A group's members are a list inside each item: item values are not all strings.
    any_value = {"$ref": "pulumi.json#/Any"}
    for key in ("identities", "groups"):
        items = RESOURCE["inputProperties"][key]["items"]
        assert items == {"type": "object", "additionalProperties": any_value}, key
    # `pulumi.Output[dict[str, str]]`: username (or group name) -> id.
    for name in ("identityIds", "groupIds"):
        assert RESOURCE["properties"][name]["type"] == "object", name
        assert RESOURCE["properties"][name]["additionalProperties"] == {"type": "string"}


def test_every_property_is_documented_from_its_docstring() -> None:
    properties = {**RESOURCE["inputProperties"], **RESOURCE["properties"]}
    assert all(p["description"].strip() for p in properties.values())
    token = RESOURCE["inputProperties"]["tokenExpiresAfter"]["description"]
    assert token.startswith("Lifetime of Beyond Identity's tokens in seconds")


def test_descriptions_name_settings_not_python_arguments() -> None:
    """``custom_domain`` in a docstring reads `customDomain` in the schema (what a YAML,
    TypeScript or Go program sets); reST literals become Markdown code spans."""
    text = " ".join(
        p["description"]
        for p in (*RESOURCE["inputProperties"].values(), *RESOURCE["properties"].values())
    )
    assert "``" not in text
    renamed = set(re.findall(r"`([a-z]+(?:_[a-z]+)+)`", text)) & ARGUMENTS
    assert renamed == set()
    assert "`customDomain`" in RESOURCE["inputProperties"]["domainPrefix"]["description"]


def test_the_package_is_named_after_the_type_token_and_versioned_as_the_distribution() -> None:
    schema = package_schema()
    assert schema["name"] == TYPE_TOKEN.split(":")[0] == "beyondidentity"
    assert schema["version"] == "0.1.0"


def test_a_generated_python_sdk_would_not_shadow_our_import_packages() -> None:
    ours = {"pulumi_beyondidentity", "beyondidentity_cognito", "beyondidentity_cognito_plugin"}
    assert package_schema()["language"]["python"]["packageName"] == PYTHON_SDK_PACKAGE
    assert PYTHON_SDK_PACKAGE not in ours


def test_the_plugins_requirements_pin_what_the_project_pins() -> None:
    def pins(path: Path) -> set[str]:
        lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
        return {line for line in lines if "==" in line}

    assert pins(REPO / "plugin" / "requirements.txt") == pins(REPO / "requirements.txt")
