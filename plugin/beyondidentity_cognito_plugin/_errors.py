"""The component's errors as Pulumi input-property errors: one line per setting, no traceback.

The provider host turns any other exception from ``Construct`` into ``Unexpected <class ...>``
plus a Python traceback. An ``InputPropertiesError`` instead travels as a gRPC status whose
details name each property and its reason, and the engine prints it as the error of the
component, one ``property <setting> ... has a problem: <rule>`` line per problem.
"""

from __future__ import annotations

import re

import pulumi

from beyondidentity_cognito import (
    STACK_SETTINGS,
    CognitoFederationError,
    UnknownSettingsError,
    Violation,
)

# A message of a setting's own conversion (reading the files it names): "key[0].file: ...".
_SETTING_PATH = re.compile(r"^(?P<path>(?P<key>\w+)(?:\[\d+\]|\.\w+)*): (?P<reason>.+)$", re.DOTALL)
_KEYS = frozenset(s.key for s in STACK_SETTINGS)


def cause(error: BaseException) -> BaseException:
    """The error a user should read: the first ``RunError`` in ``error``'s chain (a check of a
    value once known reaches the host wrapped in the registration's error), else ``error``."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, pulumi.RunError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return error


def _properties(message: str, problems: tuple[Violation, ...]) -> pulumi.InputPropertiesError:
    return pulumi.InputPropertiesError(
        message, [{"property_path": p.argument, "reason": p.rule} for p in problems]
    )


def _count(problems: tuple[Violation, ...], what: str) -> str:
    return f"{len(problems)} {what}{'s' if len(problems) != 1 else ''}"


def input_error(name: str, error: BaseException) -> pulumi.InputPropertiesError | None:
    """``error`` as an input-properties error of component ``name``, or None when it is no
    user's mistake (a bug keeps its traceback)."""
    found = cause(error)
    if isinstance(found, CognitoFederationError):
        # Its own summary when raised before anything was registered; a check of a value
        # known later has none (its message is the problems themselves).
        summary = str(found).split("\n", 1)[0]
        if not summary.endswith("nothing was created:"):
            summary = f"CognitoFederation {name!r} has {_count(found.problems, 'invalid setting')}:"
        return _properties(summary.removesuffix(":"), found.problems)
    if isinstance(found, UnknownSettingsError):
        what = _count(found.problems, "unknown setting")
        return _properties(f"CognitoFederation {name!r} has {what}", found.problems)
    if isinstance(found, pulumi.RunError):
        match = _SETTING_PATH.match(str(found))
        if match and match["key"] in _KEYS:
            return pulumi.InputPropertiesError(
                f"CognitoFederation {name!r} has 1 invalid setting",
                [{"property_path": match["path"], "reason": match["reason"]}],
            )
        return pulumi.InputPropertiesError(f"CognitoFederation {name!r}: {found}")
    return None
