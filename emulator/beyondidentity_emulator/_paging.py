"""List pagination: page sizes, opaque page tokens, ``skip`` and ``filter``.

Behaviour (contract §8):

* ``page_size`` omitted or ``0`` → the collection default (realms 20, others 100);
  larger values are clamped to the maximum (realms 200, others 100). A value that
  is not a non-negative integer is a 400 FieldViolation on ``page_size``.
* ``next_page_token`` is present only when more items follow. Tokens are opaque
  to clients: base64url JSON holding the collection scope (collection, realm and
  filter), the sequence number of the last returned item (a cursor, so deleting
  items between pages never skips or repeats any) and the page size, which later
  requests keep unless they pass ``page_size`` again. A token that does not decode
  or was issued for another list or filter is a 400 FieldViolation on
  ``page_token``: "invalid page token". Tokens do not expire.
* ``skip`` (realms only) drops that many items from the start of the page window
  and is not kept by the token, as the spec says.
* ``filter`` (authenticator configs only): the SCIM subset ``attr eq "value"``
  joined with ``and``, over ``id``, ``display_name`` and ``config.type``; anything
  else is a 400 FieldViolation on ``filter``.
* ``total_size`` counts all matching items, not just the page.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._errors import FieldViolation, invalid_parameters

_FILTER_TERM_PREFIX = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_.]*)\s+eq\s+"((?:[^"\\]|\\.)*)"')
FILTERABLE_ATTRIBUTES = ("id", "display_name", "config.type")


@dataclass(frozen=True)
class Page:
    """One page of a list response."""

    items: list[dict[str, Any]]
    total_size: int
    next_page_token: str | None


def _bad(field: str, description: str) -> Exception:
    return invalid_parameters([FieldViolation(field, description)])


def _non_negative_int(query: Mapping[str, str], name: str) -> int | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise _bad(name, "must be a non-negative integer")
    return int(raw)


def _encode_token(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode_token(token: str, scope: str) -> dict[str, Any]:
    try:
        padded = token + "=" * (-len(token) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if (
            isinstance(payload, dict)
            and payload.get("v") == 1
            and payload.get("scope") == scope
            and isinstance(payload.get("after"), int)
            and isinstance(payload.get("size"), int)
            and payload["size"] > 0
        ):
            return payload
    except (ValueError, binascii.Error, UnicodeError):
        pass
    raise _bad("page_token", "invalid page token")


def parse_filter(expression: str | None) -> list[tuple[str, str]]:
    """Parse the supported SCIM filter subset into ``(attribute, value)`` pairs."""
    if expression is None or not expression.strip():
        return []
    terms: list[tuple[str, str]] = []
    rest = expression.strip()
    while True:
        # Terms are matched one at a time, so " and " inside a quoted value stays a value.
        match = _FILTER_TERM_PREFIX.match(rest)
        if match is None or match.group(1) not in FILTERABLE_ATTRIBUTES:
            raise _bad(
                "filter",
                'unsupported filter: use attr eq "value" (joined with "and") over '
                + ", ".join(FILTERABLE_ATTRIBUTES),
            )
        terms.append((match.group(1), re.sub(r"\\(.)", r"\1", match.group(2))))
        rest = rest[match.end() :]
        if not rest.strip():
            return terms
        joined = re.match(r"\s+and\s+", rest)
        if joined is None:
            raise _bad("filter", 'unsupported filter: join terms with "and"')
        rest = rest[joined.end() :]


def _attribute(obj: Mapping[str, Any], path: str) -> Any:
    node: Any = obj
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def paginate(
    entries: Sequence[tuple[int, dict[str, Any]]],
    query: Mapping[str, str],
    *,
    scope: str,
    default_size: int,
    max_size: int,
    allow_skip: bool = False,
    allow_filter: bool = False,
) -> Page:
    """Select one page from ``(sequence, object)`` pairs sorted by sequence."""
    requested = _non_negative_int(query, "page_size")
    skip = _non_negative_int(query, "skip") if allow_skip else None
    terms = parse_filter(query.get("filter")) if allow_filter else []
    if terms:
        scope = f"{scope}?{json.dumps(terms)}"
        entries = [e for e in entries if all(_attribute(e[1], a) == v for a, v in terms)]
    after = 0
    size = default_size
    token = query.get("page_token")
    if token:
        payload = _decode_token(token, scope)
        after, size = payload["after"], payload["size"]
    if requested:
        size = requested
    size = min(size, max_size)
    window = [e for e in entries if e[0] > after]
    if skip:
        window = window[skip:]
    chosen = window[:size]
    next_token = None
    if len(window) > size:
        next_token = _encode_token({"v": 1, "scope": scope, "after": chosen[-1][0], "size": size})
    return Page([obj for _, obj in chosen], len(entries), next_token)
