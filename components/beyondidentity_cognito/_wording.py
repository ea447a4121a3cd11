"""How the caller names the arguments, so every message names them in the caller's words.

A Python program writes ``domain_prefix``; a stack (or a program in another language) sets
``domainPrefix``. The checks write each message with the names of a :class:`Wording` from the
start: the place a problem is at (``callbackUrls[0]``) and any other argument a rule mentions
("must not be set together with domainPrefix").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """Where a value sits in the arguments: its field, and its name in the caller's words."""

    field: str | None
    """The ``CognitoFederationArgs`` field (``callback_urls``); None for a setting outside the
    arguments, such as ``beyondidentity:region``."""
    shown: str
    """What the caller calls it: ``callback_urls[0]``, or ``callbackUrls[0]`` for settings."""

    def item(self, index: int) -> Place:
        """The list item ``index`` of this value."""
        return Place(self.field, f"{self.shown}[{index}]")

    def key(self, key: object) -> Place:
        """The entry ``key`` of this mapping."""
        return Place(self.field, f"{self.shown}[{key!r}]")

    def part(self, name: str) -> Place:
        """The attribute ``name`` of this record (``[0].category``)."""
        return Place(self.field, f"{self.shown}.{name}")


@dataclass(frozen=True)
class Wording:
    """The caller's name for each argument; an argument not in ``names`` keeps its own."""

    names: Mapping[str, str] = field(default_factory=dict)
    """Field -> the caller's name, e.g. ``{"domain_prefix": "domainPrefix"}``."""

    def __call__(self, argument: str) -> str:
        """The caller's name of ``argument``."""
        return self.names.get(argument, argument)

    def place(self, argument: str) -> Place:
        """The place of the whole ``argument``."""
        return Place(argument, self(argument))

    @property
    def noun(self) -> str:
        """What the caller calls its values: ``setting`` when they are renamed, ``argument``."""
        return "setting" if self.names else "argument"


ARGUMENTS = Wording()
"""The arguments named as ``CognitoFederationArgs`` names them."""
