"""The check every string of the arguments passes: no control characters."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_beyondidentity.rules import control_problem

from ._args import CognitoFederationArgs
from ._checks import Checks, Context, is_plain
from ._wording import Place


def check_control_characters(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    """:func:`~pulumi_beyondidentity.rules.control_problem` for every plain string in the
    arguments (list items, object keys and values, nested records, the branding settings
    document), except where another rule already refused the value: a rule that refused it
    (a pattern, say) says enough."""
    reported = {p.argument for p in c.problems}
    for item in dataclasses.fields(a):
        for place, rule in _control_problems(getattr(a, item.name), c.place(item.name)):
            if place.shown not in reported:
                c.fail(place, rule)


def _control_problems(value: Any, place: Place) -> list[tuple[Place, str]]:
    if not is_plain(value):
        return []
    if isinstance(value, str):
        problem = control_problem(value)
        return [(place, problem)] if problem is not None else []
    found: list[tuple[Place, str]] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            found += _control_problems(getattr(value, item.name), place.part(item.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            problem = control_problem(key)
            if problem is not None:
                found.append((place.key(key), "the key " + problem))
            found += _control_problems(item, place.key(key))
    elif isinstance(value, Sequence) and not isinstance(value, bytes):
        for index, item in enumerate(value):
            found += _control_problems(item, place.item(index))
    return found
