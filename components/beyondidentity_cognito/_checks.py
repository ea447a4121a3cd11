"""The vocabulary of the argument checks: one accumulator, one check signature.

Every check is a :data:`Check`: it gets the :class:`Checks` it reports to, the arguments and
the :class:`Context` of the run, reports each broken rule against the value it concerns and
carries on, so one run lists every problem. Values not known when the program runs
(``Output``s, awaitables) are skipped here; the component checks them again once known.
Warnings (advice that does not stop the run) are reported the same way, next to the problems.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from pulumi_beyondidentity import Hosts
from pulumi_beyondidentity.rules import text_problem, url_problem

from ._args import CognitoFederationArgs
from ._errors import Violation
from ._wording import ARGUMENTS, Place, Wording

# Cognito's RedirectUrlType bound for callback and logout URLs.
MAX_URL_LENGTH = 1024

Rule = Callable[[Any], str | None]
"""A rule of :mod:`pulumi_beyondidentity.rules`' kind: the problem with a value, or None."""


@dataclass(frozen=True)
class Context:
    """What the checks need besides the arguments."""

    default_name: str
    """``<project>-<stack>-<component name>``: the realm, pool and client name by default."""
    hosts: Hosts
    """The Beyond Identity host settings of the stack (their problems are reported too)."""


def text_rule(pattern: re.Pattern[str], rule: str, *, max_len: int | None = None) -> Rule:
    """:func:`~pulumi_beyondidentity.rules.text_problem` with this pattern and wording."""
    return functools.partial(text_problem, pattern=pattern, rule=rule, max_len=max_len)


def is_plain(value: Any) -> bool:
    """True for a value known when the program runs (not an ``Output`` or awaitable)."""
    return not (hasattr(value, "apply") or hasattr(value, "__await__"))


def has_outputs(value: Any) -> bool:
    """True when ``value`` is, or holds (in a list or mapping), a value not known yet."""
    if not is_plain(value):
        return True
    if isinstance(value, Mapping):
        return any(has_outputs(v) for v in value.values())
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return any(has_outputs(v) for v in value)
    return False


def whole(value: Any) -> TypeGuard[int]:
    """True for an integer that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


Where = str | Place
"""A field of the arguments (the whole value) or a place inside one."""


class Checks:
    """Accumulates problems and warnings, in the caller's words; each method checks one kind
    of value. Methods skip values not known yet."""

    def __init__(self, wording: Wording = ARGUMENTS) -> None:
        self.wording = wording
        self.problems: list[Violation] = []
        self.warnings: list[str] = []

    def name(self, argument: str) -> str:
        """The caller's name of ``argument``, for a rule that mentions it."""
        return self.wording(argument)

    def place(self, where: Where) -> Place:
        return self.wording.place(where) if isinstance(where, str) else where

    def fail(self, where: Where, rule: str) -> None:
        place = self.place(where)
        self.problems.append(Violation(place.shown, rule, place.field))

    def fail_setting(self, setting: str, rule: str) -> None:
        """A problem with a setting outside the arguments (``beyondidentity:region``)."""
        self.problems.append(Violation(setting, rule))

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def choice(self, where: Where, value: Any, choices: Sequence[Any]) -> bool:
        """One of ``choices``; True if it is (False for a value not known yet)."""
        if not is_plain(value):
            return False
        if isinstance(value, bool) or value not in choices:
            shown = ", ".join(str(c) for c in choices)
            self.fail(where, f"must be one of {shown}; got {value!r}")
            return False
        return True

    def boolean(self, where: Where, value: Any) -> None:
        if is_plain(value) and not isinstance(value, bool):
            self.fail(where, f"must be true or false; got {value!r}")

    def rule(self, where: Where, value: Any, problem: Rule) -> bool:
        """A plain value checked by one of ``pulumi_beyondidentity.rules``; True if it passed."""
        if not is_plain(value):
            return False
        found = problem(value)
        if found is not None:
            self.fail(where, found)
        return found is None

    def text(self, where: Where, value: Any, shape: Rule = text_problem) -> bool:
        """A non-empty string (of the ``shape`` a :func:`text_rule` gives).

        True only for a plain string that passed, so callers run their follow-up rules on
        strings alone; an ``Output`` is neither reported nor followed up.
        """
        return self.rule(where, value, shape)

    def items(
        self,
        where: Where,
        value: Any,
        *,
        min_items: int = 0,
        max_items: int | None = None,
        what: str = "values",
    ) -> list[tuple[Place, Any]]:
        """The plain items of a list with their places (``arg[0]``), after checking its shape."""
        if not is_plain(value):
            return []
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            self.fail(where, f"must be a list of {what}; got {value!r}")
            return []
        if len(value) < min_items:
            self.fail(
                where,
                f"must list at least {min_items} {what}" if min_items > 1 else f"must list {what}",
            )
        if max_items is not None and len(value) > max_items:
            self.fail(where, f"must list at most {max_items} {what}; got {len(value)}")
        return self._unique_items(self.place(where), value)

    def _unique_items(self, place: Place, value: Sequence[Any]) -> list[tuple[Place, Any]]:
        seen: set[Any] = set()
        plain: list[tuple[Place, Any]] = []
        for index, item in enumerate(value):
            if not is_plain(item):
                continue
            if isinstance(item, str) and item in seen:
                self.fail(place.item(index), f"duplicates an earlier entry {item!r}")
                continue
            if isinstance(item, str):
                seen.add(item)
            plain.append((place.item(index), item))
        return plain

    def redirect_url(self, where: Where, value: Any) -> None:
        """Cognito's CallbackURLs/LogoutURLs rule: absolute, no fragment, https except loopback."""
        if self.text(where, value):
            self.rule(
                where,
                value,
                lambda v: url_problem(v, custom_scheme=True, max_len=MAX_URL_LENGTH),
            )

    def web_url(self, where: Where, value: Any, *, prefix: bool = False) -> None:
        """An https URL (http only on loopback); with ``prefix``, a path must end in '/'."""
        if self.text(where, value):
            self.rule(where, value, lambda v: url_problem(v, origin=prefix, query=False))


Check = Callable[[Checks, CognitoFederationArgs, Context], None]
"""Every check's signature: report to ``Checks`` what is wrong with the arguments."""
