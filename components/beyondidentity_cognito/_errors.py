"""The error raised when a :class:`CognitoFederation` is given invalid arguments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi


@dataclass(frozen=True)
class Problem:
    """One invalid argument and the rule it breaks."""

    argument: str
    """The argument (a field of ``CognitoFederationArgs``, or a stack setting such as
    ``beyondidentity:region``)."""
    rule: str
    """What the value must be, and the value found."""

    def __str__(self) -> str:
        return f"{self.argument}: {self.rule}"


class CognitoFederationError(pulumi.RunError):
    """Invalid ``CognitoFederation`` arguments, all of them at once.

    A subclass of :class:`pulumi.RunError`, which the Pulumi language host reports as a plain
    error message, without a Python traceback; nothing has been created when it is raised.
    """

    name: str
    """The component's name."""
    problems: tuple[Problem, ...]
    """Every problem found, in argument order."""

    def __init__(self, name: str, problems: Sequence[Problem]) -> None:
        self.name = name
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"CognitoFederation {name!r} has {count} invalid argument"
            f"{'s' if count != 1 else ''}; nothing was created:\n{lines}"
        )
