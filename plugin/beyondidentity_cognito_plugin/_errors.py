"""The component's errors as Pulumi input-property errors: one line per setting, no traceback.

The provider host turns any other exception from ``Construct`` into ``Unexpected <class ...>``
plus a Python traceback. An ``InputPropertiesError`` instead travels as a gRPC status whose
details name each property and its reason, and the engine prints it as the error of the
component, one ``property <setting> ... has a problem: <rule>`` line per problem.
"""

from __future__ import annotations

import re

import pulumi

from beyondidentity_cognito import CognitoFederationError

from ._inputs import SETTINGS

# The setting a message of a setting's conversion starts with: "key[0].file: ...".
_SETTING_PATH = re.compile(r"^(?P<path>(?P<key>\w+)(?:\[\d+\]|\.\w+)*): (?P<reason>.+)$", re.DOTALL)


def unknown_inputs_error(name: str, unknown: list[str]) -> pulumi.InputPropertiesError:
    """The inputs no stack setting is called (a YAML or SDK check would normally catch them)."""
    return pulumi.InputPropertiesError(
        f"CognitoFederation {name!r} got {len(unknown)} unknown input(s); nothing was created",
        [
            {"property_path": key, "reason": "is not a setting of CognitoFederation"}
            for key in unknown
        ],
    )


def cause(error: BaseException) -> BaseException:
    """The error a user should read: a ``CognitoFederationError`` or ``RunError`` the chain
    holds (an apply's error reaches the host wrapped), else ``error`` itself."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, pulumi.RunError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return error


def input_error(error: BaseException) -> pulumi.InputPropertiesError | None:
    """``error`` as an input-properties error, or None when it is no user's mistake."""
    found = cause(error)
    if isinstance(found, CognitoFederationError):
        summary = str(found).split("\n", 1)[0].rstrip(":")
        return pulumi.InputPropertiesError(
            summary,
            [{"property_path": p.argument, "reason": p.rule} for p in found.problems],
        )
    if isinstance(found, pulumi.RunError):
        match = _SETTING_PATH.match(str(found))
        if match and match["key"] in SETTINGS:
            return pulumi.InputPropertiesError(
                "CognitoFederation: invalid setting; nothing was created",
                [{"property_path": match["path"], "reason": match["reason"]}],
            )
        return pulumi.InputPropertiesError(str(found))
    return None
