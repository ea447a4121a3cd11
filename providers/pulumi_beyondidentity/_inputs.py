"""Validation and normalization of resource inputs, shared by ``check`` and ``diff``.

The engine hands dynamic providers protobuf values: every number arrives as a
float, and during preview any value (of any type) may be the unknown sentinel.
A :class:`Checker` turns raw inputs into their normal form (documented API
defaults filled in, integers restored) and collects one failure per problem,
naming the property path and the fix. The same normal form is computed from
API responses, so state, refresh and diff all compare like with like.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pulumi.dynamic import CheckFailure
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from .rules import REALM_ID_RE, UUID_RE, control_problem, quote, url_problem

__all__ = ["REALM_ID_RE", "UUID_RE", "Checker", "canonical", "changed_paths", "is_unknown"]


def is_unknown(value: Any) -> bool:
    """True for a value the engine does not know yet (during preview).

    The dynamic-provider server deserializes ``check`` and ``diff`` inputs with
    ``keep_unknowns=True``, which turns the wire sentinel into ``Unknown()``
    objects; the bare sentinel string is accepted too, for direct callers.
    """
    return isinstance(value, Unknown) or (isinstance(value, str) and value == UNKNOWN)


def contains_unknown(value: Any) -> bool:
    """True when the value or anything nested in it is unknown."""
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(v) for v in value)
    return False


class Checker:
    """Collects check failures while normalizing values.

    Each method returns the normalized value, the unknown sentinel unchanged,
    or None when the value is absent or invalid (after recording a failure).
    """

    def __init__(self) -> None:
        self.failures: list[CheckFailure] = []

    def fail(self, path: str, reason: str) -> None:
        """Record a problem with the property at ``path``."""
        self.failures.append(CheckFailure(path, f"{path} {reason}"))

    def _absent(self, raw: Any, path: str, required: bool) -> Any:
        """For a value that is None (recorded when ``required``) or unknown (kept)."""
        if raw is None and required:
            self.fail(path, "is required")
        return raw

    def string(
        self,
        raw: Any,
        path: str,
        *,
        required: bool = False,
        default: str | None = None,
        non_empty: bool = False,
        pattern: re.Pattern[str] | None = None,
        rule: str = "",
        choices: Sequence[str] | None = None,
    ) -> Any:
        """A string, one of ``choices`` or matching ``pattern`` (whose ``rule`` says how)."""
        if raw is None or (raw == "" and default is not None):
            if required:
                self.fail(path, "is required" + (f" ({rule})" if rule else ""))
            return default
        if is_unknown(raw):
            return raw
        if not isinstance(raw, str):
            self.fail(path, f"must be a string; got {_kind(raw)}")
            return None
        if choices is not None and raw not in choices:
            self.fail(path, f"must be one of {', '.join(choices)}; got {quote(raw)}")
            return None
        problem = control_problem(raw) or ("must not be empty" if non_empty and not raw else None)
        if problem is None and pattern is not None and not pattern.fullmatch(raw):
            problem = f"{rule or 'has an invalid format'}; got {quote(raw)}"
        return self._verdict(raw, path, problem)

    def _verdict(self, value: Any, path: str, problem: str | None) -> Any:
        """``value`` when there is no problem; else None, with the problem recorded."""
        if problem is None:
            return value
        self.fail(path, problem)
        return None

    def rule(
        self, raw: Any, path: str, problem: Callable[[Any], str | None], *, required: bool = True
    ) -> Any:
        """A value checked by one of :mod:`.rules` (``problem`` returns the failure or None)."""
        if raw is None or is_unknown(raw):
            return self._absent(raw, path, required)
        return self._verdict(raw, path, control_problem(raw) or problem(raw))

    def integer(
        self,
        raw: Any,
        path: str,
        *,
        required: bool = False,
        minimum: int = 0,
        maximum: int | None = None,
    ) -> Any:
        """An integer; the engine's floats are turned back into ints."""
        if raw is None or is_unknown(raw):
            return self._absent(raw, path, required)
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.fail(path, f"must be a whole number; got {_kind(raw)}")
            return None
        if isinstance(raw, float) and not raw.is_integer():
            self.fail(path, f"must be a whole number; got {raw}")
            return None
        value = int(raw)
        if value < minimum or (maximum is not None and value > maximum):
            bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
            self.fail(path, f"must be {bound}; got {value}")
            return None
        return value

    def boolean(self, raw: Any, path: str, *, default: bool | None = None) -> Any:
        """A boolean."""
        if raw is None:
            return default
        if is_unknown(raw) or isinstance(raw, bool):
            return raw
        self.fail(path, f"must be true or false; got {_kind(raw)}")
        return default

    def string_list(
        self,
        raw: Any,
        path: str,
        *,
        required: bool = False,
        non_empty: bool = False,
        default: list[str] | None = None,
        choices: Sequence[str] | None = None,
        item_rule: Callable[[Any], str | None] | None = None,
    ) -> Any:
        """A list of unique strings, each one of ``choices`` and passing ``item_rule``.

        ``required``: the list must be given (it may be empty unless ``non_empty``).
        ``item_rule``: one of :mod:`.rules`, applied to every entry.
        """
        if raw is None:
            if required:
                self.fail(path, "is required")
            return list(default) if default is not None else None
        if is_unknown(raw):
            return raw
        if not isinstance(raw, list | tuple):
            self.fail(path, f"must be a list; got {_kind(raw)}")
            return None
        out: list[Any] = []
        for i, entry in enumerate(raw):
            value = self._list_entry(entry, f"{path}[{i}]", out, choices, item_rule)
            if value is not None:
                out.append(value)
        if non_empty and not raw:
            self.fail(path, "must list at least one value")
        return out

    def _list_entry(
        self,
        entry: Any,
        path: str,
        before: list[Any],
        choices: Sequence[str] | None,
        item_rule: Callable[[Any], str | None] | None,
    ) -> Any:
        if is_unknown(entry):
            return entry
        value = self.string(entry, path, required=True, non_empty=True, choices=choices)
        if value is None:
            return None
        problem = item_rule(value) if item_rule is not None else None
        if problem is None and value in before:
            problem = f"repeats {quote(value)}; list each value once"
        return self._verdict(value, path, problem)

    def mapping(
        self, raw: Any, path: str, *, required: bool = False, allowed: Iterable[str]
    ) -> Any:
        """A dict whose keys are all in ``allowed``; returns it (or the unknown sentinel)."""
        if raw is None:
            if required:
                self.fail(path, "is required")
            return None
        if is_unknown(raw):
            return raw
        if not isinstance(raw, Mapping):
            self.fail(path, f"must be an object; got {_kind(raw)}")
            return None
        allowed_set = set(allowed)
        for key in raw:
            if key not in allowed_set:
                self.fail(
                    f"{path}.{key}",
                    f"is not a supported property; use {', '.join(sorted(allowed_set))}",
                )
        return raw

    def plain_text(self, value: Any, path: str) -> None:
        """Every string in ``value`` (list items, object keys and values too) passes
        :func:`~.rules.control_problem`; a failure is recorded at its own path."""
        if isinstance(value, str):
            problem = control_problem(value)
            if problem is not None:
                self.fail(path, problem)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                self.plain_text(key, f"{path} (a key)")
                self.plain_text(item, f"{path}.{key}")
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                self.plain_text(item, f"{path}[{index}]")

    def url(
        self, path: str, value: str, *, origin_only: bool = False, allow_custom_scheme: bool = False
    ) -> str | None:
        """An absolute URL: https, or http on a loopback host (or a custom app scheme)."""
        problem = url_problem(value, custom_scheme=allow_custom_scheme, origin=origin_only)
        if problem is not None:
            self.fail(path, problem)
            return None
        return value


def _kind(value: Any) -> str:
    return (
        "a list"
        if isinstance(value, list | tuple)
        else "an object"
        if isinstance(value, Mapping)
        else type(value).__name__
    )


def canonical(value: Any, set_paths: frozenset[str], path: str = "") -> Any:
    """A comparable form: integral floats as ints, None-valued keys dropped,
    and lists at ``set_paths`` sorted (the API defines no order for them).
    Unknown values become the sentinel string, so they can be compared and sorted."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, Mapping):
        return {
            k: canonical(v, set_paths, f"{path}.{k}" if path else str(k))
            for k, v in value.items()
            if v is not None
        }
    if isinstance(value, list | tuple):
        items = [canonical(v, set_paths, path) for v in value]
        if path in set_paths:
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return items
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def changed_paths(old: Any, new: Any, path: str = "") -> list[str]:
    """Dotted paths whose canonical values differ; unknown new values count as changed."""
    if is_unknown(new):
        return [path]
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        out: list[str] = []
        for key in sorted(set(old) | set(new)):
            sub = f"{path}.{key}" if path else str(key)
            out.extend(changed_paths(old.get(key), new.get(key), sub))
        return out
    if isinstance(new, list) and contains_unknown(new):
        return [path]
    return [] if old == new else [path]
