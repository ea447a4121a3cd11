"""The plugin's inputs (stack setting name -> value) as ``CognitoFederationArgs``.

A thin adapter: each input is the stack setting of the same name, so it goes through the
setting's own conversion (``StackSetting.convert``) into its argument, and the component
checks the result with the rules the Python API uses. Two things are the wire's, not the
user's, and are undone here: a number arrives as a float (``3600`` as ``3600.0``: the Pulumi
protocol has one number type), and an input wired from another resource arrives as an
``Output`` (passed on as one; the component checks its value once known).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pulumi

from beyondidentity_cognito import STACK_SETTINGS, CognitoFederationArgs, StackSetting

SETTINGS: dict[str, StackSetting] = {s.key: s for s in STACK_SETTINGS}


def whole(value: Any) -> Any:
    """``3600.0`` -> ``3600``; anything else as it is (``3600.5`` is the component's to refuse)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _lifted(value: Any, convert: Callable[[Any], Any]) -> Any:
    """``convert(value)``, or the same applied to the value of an ``Output`` once known."""
    if isinstance(value, pulumi.Output):
        return value.apply(convert)
    return convert(value)


def argument_value(setting: StackSetting, value: Any) -> Any:
    """What the argument of ``setting`` gets for the input ``value``."""
    if setting.kind == "integer":
        value = _lifted(value, whole)
    if setting.convert is not None:
        convert = setting.convert
        value = _lifted(value, lambda known: convert(setting.key, known))
    return value


def unknown_inputs(values: Mapping[str, Any]) -> list[str]:
    """The input names that are no stack setting, sorted."""
    return sorted(set(values) - set(SETTINGS))


def federation_args(values: Mapping[str, Any]) -> CognitoFederationArgs:
    """``CognitoFederationArgs`` from the inputs that are set; the rest keep their defaults.

    :raises pulumi.RunError: a setting's conversion failed (e.g. a file it names cannot be
        read); the message starts with the setting's name.
    """
    arguments = {
        SETTINGS[key].argument: argument_value(SETTINGS[key], value)
        for key, value in values.items()
        if key in SETTINGS and value is not None
    }
    arguments.setdefault("callback_urls", [])  # required: the component reports it missing
    return CognitoFederationArgs(**arguments)
