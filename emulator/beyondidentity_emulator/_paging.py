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
* ``skip`` (realms, identities, groups and the member listings: the operations that
  document it) drops that many items from the start of the page window
  and is not kept by the token, as the spec says.
* ``filter``: the SCIM subset ``attr eq "value"`` joined with ``and`` over the
  list's :class:`FilterSpec` attributes; anything else is a 400 FieldViolation on
  ``filter``. Authenticator configs: ``id``, ``display_name`` and ``config.type``;
  identities: ``traits.username`` only (ListIdentities: "Currently, the only supported
  filter is ``traits.username eq "$USERNAME"``"), compared case-insensitively because
  usernames are case-insensitive (Traits_v0.username; RFC 7644 §3.4.2.2 compares
  ``eq`` by the attribute's case-exactness). ListIdentities' token keeps its filter:
  a request with the token may omit ``filter``, and one that sends a different
  filter is a 400 ("The filter is also maintained by the page token but it may not
  be overridden").
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
class FilterSpec:
    """What a list's ``filter`` may name, how values compare, and whether tokens keep it."""

    attributes: tuple[str, ...]
    case_insensitive: frozenset[str] = frozenset()
    kept_by_token: bool = False

    def matches(self, obj: Mapping[str, Any], terms: Sequence[tuple[str, str]]) -> bool:
        """Whether ``obj`` satisfies every ``(attribute, value)`` term."""
        for name, value in terms:
            actual = _attribute(obj, name)
            if name in self.case_insensitive and isinstance(actual, str):
                if actual.casefold() != value.casefold():
                    return False
            elif actual != value:
                return False
        return True


AUTHENTICATOR_CONFIG_FILTER = FilterSpec(FILTERABLE_ATTRIBUTES)


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


def parse_filter(
    expression: str | None, attributes: tuple[str, ...] = FILTERABLE_ATTRIBUTES
) -> list[tuple[str, str]]:
    """Parse the supported SCIM filter subset into ``(attribute, value)`` pairs."""
    if expression is None or not expression.strip():
        return []
    terms: list[tuple[str, str]] = []
    rest = expression.strip()
    while True:
        # Terms are matched one at a time, so " and " inside a quoted value stays a value.
        match = _FILTER_TERM_PREFIX.match(rest)
        if match is None or match.group(1) not in attributes:
            raise _bad(
                "filter",
                'unsupported filter: use attr eq "value" (joined with "and") over '
                + ", ".join(attributes),
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
    filters: FilterSpec | None = None,
) -> Page:
    """Select one page from ``(sequence, object)`` pairs sorted by sequence."""
    requested = _non_negative_int(query, "page_size")
    skip = _non_negative_int(query, "skip") if allow_skip else None
    token = query.get("page_token")
    terms = _terms(query, filters, scope, token)
    if terms and filters is not None:
        scope = f"{scope}?{json.dumps(terms)}"
        entries = [e for e in entries if filters.matches(e[1], terms)]
    after = 0
    size = default_size
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


def _terms(
    query: Mapping[str, str], filters: FilterSpec | None, scope: str, token: str | None
) -> list[tuple[str, str]]:
    """The request's filter terms; with a token that keeps its filter, the token's."""
    if filters is None:
        return []
    expression = query.get("filter")
    if token and filters.kept_by_token and not (expression or "").strip():
        kept = _decode_token_loosely(token)
        prefix = f"{scope}?"
        if kept.startswith(prefix):
            try:
                return [(str(a), str(v)) for a, v in json.loads(kept[len(prefix) :])]
            except (ValueError, TypeError):
                pass  # not a token of ours: _decode_token refuses it
    return parse_filter(expression, filters.attributes)


def _decode_token_loosely(token: str) -> str:
    """The scope a token claims, or ``""`` (full checks follow in :func:`_decode_token`)."""
    try:
        padded = token + "=" * (-len(token) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        return ""
    scope = payload.get("scope") if isinstance(payload, dict) else None
    return scope if isinstance(scope, str) else ""
