"""The package schema other Pulumi languages see, built from the component's declarations.

Nothing here lists a setting, an output or a description: the inputs are
``beyondidentity_cognito.STACK_SETTINGS`` (named as the stack settings are, typed by their
``kind``, described by the docstrings of the ``CognitoFederationArgs`` fields they fill), the
outputs are ``FEDERATION_OUTPUTS`` (described by the docstrings of the ``CognitoFederation``
attributes). A new setting or output of the component is in the schema, and so in every
generated SDK, without a change here.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
from importlib import metadata
from typing import Any

from beyondidentity_cognito import (
    FEDERATION_OUTPUTS,
    STACK_SETTINGS,
    TYPE_TOKEN,
    CognitoFederation,
    CognitoFederationArgs,
    StackSetting,
    setting_names,
)

from ._docs import attribute_docs, markdown

PACKAGE = TYPE_TOKEN.split(":")[0]
"""The package name: the first part of the component's type token (``beyondidentity``)."""
DISTRIBUTION = "beyondidentity-cognito"
"""The Python distribution holding the component; its version is the package's."""
# The generated Python SDK would default to `pulumi_beyondidentity`, the name of our providers'
# import package: a Python program that added it would shadow one with the other. Python
# programs import the component itself (`from beyondidentity_cognito import ...`).
PYTHON_SDK_PACKAGE = "beyondidentity_cognito_sdk"
_SCALARS = {"str": "string", "int": "integer", "bool": "boolean", "float": "number"}


def output_name(attribute: str) -> str:
    """``user_pool_id`` -> ``userPoolId``: an output's property name."""
    first, *rest = attribute.split("_")
    return first + "".join(word.capitalize() for word in rest)


def _names() -> dict[str, str]:
    """Every Python name a description may mention -> the property that carries it."""
    outputs = {o.attribute: output_name(o.attribute) for o in FEDERATION_OUTPUTS}
    return {**outputs, **setting_names()}


def _annotations() -> dict[str, str]:
    return {f.name: str(f.type) for f in dataclasses.fields(CognitoFederationArgs)}


def _type(setting: StackSetting) -> dict[str, Any]:
    """The schema type of a setting: its ``kind``; list items and map values are strings,
    except a list the setting converts (files to read, identities, groups), whose items are
    maps the setting's conversion checks (``{category, file}``, ``{username, email}``,
    ``{displayName, members: [...]}``), so their values may be of any type."""
    if setting.kind == "array":
        item: dict[str, Any] = {"type": "string"}
        if setting.convert is not None:
            item = {"type": "object", "additionalProperties": {"$ref": "pulumi.json#/Any"}}
        return {"type": "array", "items": item}
    if setting.kind == "object":
        return {"type": "object", "additionalProperties": {"type": "string"}}
    return {"type": setting.kind}


def _description(setting: StackSetting, docs: dict[str, str], names: dict[str, str]) -> str:
    text = docs.get(setting.argument, "")
    if setting.convert is not None and setting.convert.__doc__:
        # A setting that names files: what it reads, then what the component gets.
        read = inspect.cleandoc(setting.convert.__doc__)
        text = f"Paths relative to the program's directory. {read} {text}"
    return markdown(text, names)


def input_properties() -> dict[str, dict[str, Any]]:
    """Every stack setting as an input property, in ``STACK_SETTINGS`` order."""
    docs, names = attribute_docs(CognitoFederationArgs), _names()
    return {
        s.key: {**_type(s), "description": _description(s, docs, names)} for s in STACK_SETTINGS
    }


def required_inputs() -> list[str]:
    """The settings whose argument has no default."""
    required = {
        f.name
        for f in dataclasses.fields(CognitoFederationArgs)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    return [s.key for s in STACK_SETTINGS if s.argument in required]


def _output_type(annotation: str) -> tuple[dict[str, Any], bool]:
    """``pulumi.Output[str | None]`` -> (``{"type": "string"}``, optional);
    ``pulumi.Output[dict[str, str]]`` -> a map of strings (e.g. ``identityIds``)."""
    inner = annotation.removeprefix("pulumi.Output[").removesuffix("]")
    parts = [part.strip() for part in inner.split("|")]
    optional = "None" in parts
    (value,) = [part for part in parts if part != "None"]
    if value.startswith("dict[str, ") and value.endswith("]"):
        mapped = value.removeprefix("dict[str, ").removesuffix("]")
        return {"type": "object", "additionalProperties": {"type": _SCALARS[mapped]}}, optional
    return {"type": _SCALARS[value]}, optional


def output_properties() -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every output (``FEDERATION_OUTPUTS``) as a property; and those never None."""
    docs, names = attribute_docs(CognitoFederation), _names()
    annotations = inspect.get_annotations(CognitoFederation)
    properties: dict[str, dict[str, Any]] = {}
    required: list[str] = []
    for output in FEDERATION_OUTPUTS:
        kind, optional = _output_type(str(annotations[output.attribute]))
        name = output_name(output.attribute)
        properties[name] = {**kind, "description": markdown(docs[output.attribute], names)}
        if not optional:
            required.append(name)
    return properties, required


def package_schema() -> dict[str, Any]:
    """The package schema (Pulumi package schema, JSON form) of ``beyondidentity``."""
    outputs, required_outputs = output_properties()
    doc = inspect.getdoc(CognitoFederation) or ""
    summary = doc.split("\n\n", 1)[0]
    return {
        "name": PACKAGE,
        "version": metadata.version(DISTRIBUTION),
        "description": summary,
        "language": {"python": {"packageName": PYTHON_SDK_PACKAGE}},
        "resources": {
            TYPE_TOKEN: {
                "isComponent": True,
                "description": markdown(doc.split("## Example Usage")[0], _names()),
                "inputProperties": input_properties(),
                "requiredInputs": required_inputs(),
                "properties": outputs,
                "required": required_outputs,
            }
        },
    }


def schema_json() -> str:
    """:func:`package_schema` as the JSON text ``GetSchema`` returns."""
    return json.dumps(package_schema(), indent=2)
