"""The error raised when a :class:`CognitoFederation` is given invalid arguments."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi

# A rule's text ends with the value found ("...; got 'x'"): only the part before it names
# arguments, so a value that happens to spell an argument name is shown as written.
_VALUE_PART = "; got "
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


@dataclass(frozen=True)
class Problem:
    """One invalid argument and the rule it breaks."""

    argument: str
    """The argument (a field of ``CognitoFederationArgs``, with ``[index]`` for a list item),
    or a stack setting such as ``beyondidentity:region``. In a :class:`CognitoFederationError`
    raised with ``argument_names`` it is the name the user wrote instead (e.g. ``domainPrefix``)."""
    rule: str
    """What the value must be, and the value found."""

    def __str__(self) -> str:
        return f"{self.argument}: {self.rule}"

    def renamed(self, names: Mapping[str, str]) -> Problem:
        """This problem in the user's words: every argument in ``names`` replaced by its name
        there, in the label (``callback_urls[0]`` -> ``callbackUrls[0]``) and in the rule."""
        if not names:
            return self

        def swap(match: re.Match[str]) -> str:
            return names.get(match[0], match[0])

        head, found, tail = self.rule.partition(_VALUE_PART)
        return Problem(
            _IDENTIFIER.sub(swap, self.argument, count=1),
            _IDENTIFIER.sub(swap, head) + found + tail,
        )


class CognitoFederationError(pulumi.RunError):
    """Invalid ``CognitoFederation`` arguments, all of them at once.

    A subclass of :class:`pulumi.RunError`, which the Pulumi language host reports as a plain
    error message, without a Python traceback; nothing has been created when it is raised.
    """

    name: str
    """The component's name."""
    problems: tuple[Problem, ...]
    """Every problem found, in argument order, named as in ``argument_names`` where given."""

    def __init__(
        self,
        name: str,
        problems: Sequence[Problem],
        argument_names: Mapping[str, str] | None = None,
    ) -> None:
        names = dict(argument_names or {})
        self.name = name
        self.problems = tuple(p.renamed(names) for p in problems)
        count = len(self.problems)
        what = "setting" if names else "argument"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"CognitoFederation {name!r} has {count} invalid {what}"
            f"{'s' if count != 1 else ''}; nothing was created:\n{lines}"
        )
