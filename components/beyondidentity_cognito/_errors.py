"""The error raised when a :class:`CognitoFederation` is given invalid arguments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from ._wording import ARGUMENTS, Wording


@dataclass(frozen=True)
class Violation:
    """One invalid value and the rule it breaks, in the caller's words.

    (Formerly ``Problem``; that name is kept as a deprecated alias.)
    """

    argument: str
    """Where the value is, as the caller wrote it: a field of ``CognitoFederationArgs``
    (``callback_urls[0]``), a stack setting (``callbackUrls[0]``, ``beyondidentity:region``)."""
    rule: str
    """What the value must be, and the value found."""
    field: str | None = None
    """The ``CognitoFederationArgs`` field the value belongs to; None for a setting outside
    the arguments (``beyondidentity:region``, an unknown key)."""

    def __str__(self) -> str:
        return f"{self.argument}: {self.rule}"


class CognitoFederationError(pulumi.RunError):
    """Invalid ``CognitoFederation`` arguments, all of them at once.

    A subclass of :class:`pulumi.RunError`, which the Pulumi language host reports as a plain
    error message, without a Python traceback. Raised by the constructor before anything is
    registered; or, for a value wired from another resource (an ``Output``), once the value is
    known, before any resource receives it (``known_later``).
    """

    name: str
    """The component's name."""
    problems: tuple[Violation, ...]
    """Every problem found, in argument order, named in the caller's words."""

    def __init__(
        self,
        name: str,
        problems: Sequence[Violation],
        wording: Wording = ARGUMENTS,
        *,
        known_later: bool = False,
    ) -> None:
        self.name = name
        self.problems = tuple(problems)
        if known_later:
            # One line per problem: what the engine prints under the failed resource.
            super().__init__("\n".join(f"CognitoFederation {name!r}: {p}" for p in problems))
            return
        count = len(self.problems)
        what = wording.noun + ("s" if count != 1 else "")
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"CognitoFederation {name!r} has {count} invalid {what}; nothing was created:\n{lines}"
        )
