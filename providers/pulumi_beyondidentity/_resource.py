"""Helpers shared by the resource classes (program side)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any


def resource_props(
    label: str,
    args: Any,
    keywords: Mapping[str, Any],
    *,
    required: Sequence[str],
    outputs: Sequence[str],
) -> dict[str, Any]:
    """A fresh props dict from an ``*Args`` dataclass or keyword arguments.

    Output-only properties are seeded with None so the resource exposes them.
    A fresh dict each time: the SDK inserts ``__provider`` into it.
    """
    given = {k: v for k, v in keywords.items() if v is not None}
    if args is not None:
        if given:
            raise TypeError(f"{label}: pass either args or keyword arguments, not both")
        given = {
            f.name: getattr(args, f.name)
            for f in dataclasses.fields(args)
            if getattr(args, f.name) is not None
        }
    for name in required:
        if name not in given:
            raise TypeError(f"{label}: missing required property '{name}'")
    props: dict[str, Any] = {name: None for name in keywords}
    props.update(given)
    props.update({name: None for name in outputs if name not in props})
    return props
