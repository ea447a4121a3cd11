"""Plain values, PropertyValue conversion and the field kinds used to map pulumi-aws inputs.

Resource properties travel as ``PropertyValue``s. The stand-in converts them to *plain* Python
values (``None``, ``bool``, ``float``, ``str``, ``list``, ``dict``; secrets unwrapped, unknowns as the
engine's sentinel string) to validate, compare and build AWS requests, and converts API answers back.

A ``PropertyShape`` describes one property's shape: how to validate it, how to normalise it for comparison
(``None``, ``""``, ``[]`` and ``{}`` all mean "not set", sets are order-insensitive), and how to
translate it to and from the Cognito API (camelCase wire names <-> PascalCase API members,
numbers as ``int`` in requests and ``float`` in properties).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from pulumi.provider.experimental.property_value import Computed, PropertyValue
from pulumi.runtime import rpc

from ._checks import Check

Plain: TypeAlias = "bool | float | str | list[Plain] | dict[str, Plain] | None"

UNKNOWN: str = rpc.UNKNOWN
"""The engine's marker for a value not known yet (during preview). It arrives as a plain string."""


def to_plain(value: PropertyValue | None) -> Plain:
    """Convert a PropertyValue to a plain value: secrets unwrapped, unknowns as ``UNKNOWN``."""
    if value is None:
        return None
    inner = value.value
    if inner is None or isinstance(inner, (bool, float, str)):
        return inner
    if isinstance(inner, Computed):
        return UNKNOWN
    if isinstance(inner, Mapping):
        return {key: to_plain(item) for key, item in inner.items()}
    if isinstance(inner, Sequence) and not isinstance(inner, str):
        return [to_plain(item) for item in inner]
    raise TypeError(f"unsupported property value {type(inner).__name__} (assets and resource refs)")


def from_plain(value: object, *, secret: bool = False) -> PropertyValue:
    """Convert a plain value (ints allowed) to a PropertyValue; ``secret`` marks the top level."""
    result: PropertyValue
    if value is None or isinstance(value, (bool, str)):
        result = PropertyValue(value)
    elif isinstance(value, (int, float)):
        result = PropertyValue(float(value))  # PropertyValue refuses int
    elif isinstance(value, Mapping):
        result = PropertyValue({str(k): from_plain(v) for k, v in value.items()})
    elif isinstance(value, (list, tuple)):
        result = PropertyValue([from_plain(v) for v in value])
    else:
        raise TypeError(f"cannot convert {type(value).__name__} to a property value")
    return result.with_secret(True) if secret else result


def contains_unknown(value: Plain) -> bool:
    if isinstance(value, str):
        return value == UNKNOWN
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    return False


def is_empty(value: Plain) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _type_name(value: Plain) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "list" if isinstance(value, list) else "object"


class PropertyShape:
    """Shape of one property. Subclasses override the four conversions."""

    def validate(self, value: Plain, path: str) -> list[tuple[str, str]]:
        """Return ``(property path, reason)`` failures; unset and unknown values pass."""
        if value is None or value == UNKNOWN:
            return []
        problems = self._problems(value, path)
        if not problems:
            problems = [
                (path, reason)
                for check in self.value_checks()
                if (reason := check.problem(value, path)) is not None
            ]
        return problems

    def value_checks(self) -> tuple[Check, ...]:
        """The provider's value rules (lengths, ranges, patterns) beyond the shape."""
        return ()

    def describe(self) -> list[str]:
        """The value rules, in words, for the generated rules table."""
        return [check.describe for check in self.value_checks()]

    def _problems(self, value: Plain, path: str) -> list[tuple[str, str]]:
        """The failures of a set, known ``value`` (subclasses check their shape here)."""
        return []

    def normalize(self, value: Plain) -> Plain:
        """Canonical form for comparisons; every "not set" spelling becomes ``None``."""
        return None if is_empty(value) else value

    def to_api(self, value: Plain) -> Any:
        return value

    def from_api(self, value: Any) -> Plain:
        return None if value is None else value


@dataclass(frozen=True)
class Str(PropertyShape):
    """A string; ``fold`` maps it to the form the provider compares (a ``StateFunc``)."""

    choices: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    fold: Callable[[str], str] | None = None

    def _problems(self, value: Plain, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, str):
            return [(path, f"expected a string, got {_type_name(value)}")]
        if self.choices and value not in self.choices:
            quoted = " ".join(f'"{c}"' for c in self.choices)
            return [(path, f"expected {path} to be one of [{quoted}], got {value}")]
        return []

    def value_checks(self) -> tuple[Check, ...]:
        return self.checks

    def describe(self) -> list[str]:
        words = [f"one of {', '.join(self.choices)}"] if self.choices else []
        return words + super().describe()

    def normalize(self, value: Plain) -> Plain:
        if isinstance(value, str) and value and self.fold is not None and value != UNKNOWN:
            return self.fold(value)
        return super().normalize(value)

    def from_api(self, value: Any) -> Plain:
        return None if value is None else str(value)


@dataclass(frozen=True)
class Bool(PropertyShape):
    def _problems(self, value: Plain, path: str) -> list[tuple[str, str]]:
        if isinstance(value, bool):
            return []
        return [(path, f"expected a boolean, got {_type_name(value)}")]

    def from_api(self, value: Any) -> Plain:
        return None if value is None else bool(value)


@dataclass(frozen=True)
class Num(PropertyShape):
    """An integer-valued number: ``float`` in properties, ``int`` in API requests."""

    checks: tuple[Check, ...] = ()

    def value_checks(self) -> tuple[Check, ...]:
        return self.checks

    def _problems(self, value: Plain, path: str) -> list[tuple[str, str]]:
        if isinstance(value, bool) or not isinstance(value, float):
            return [(path, f"expected a number, got {_type_name(value)}")]
        if not value.is_integer():
            return [(path, f"expected a whole number, got {value}")]
        return []

    def normalize(self, value: Plain) -> Plain:
        return None if value is None else value

    def to_api(self, value: Plain) -> Any:
        return None if value is None else int(value)  # type: ignore[arg-type]

    def from_api(self, value: Any) -> Plain:
        return None if value is None else float(value)


@dataclass(frozen=True)
class StrList(PropertyShape):
    """A list of strings; ``ordered=False`` (a Terraform set) compares without order/duplicates."""

    ordered: bool = False
    choices: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    item_checks: tuple[Check, ...] = ()

    def _problems(self, value: Plain, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, list):
            return [(path, f"expected a list of strings, got {_type_name(value)}")]
        failures: list[tuple[str, str]] = []
        item = Str(self.choices, self.item_checks)
        for index, entry in enumerate(value):
            failures += item.validate(entry, f"{path}[{index}]")
        return failures

    def value_checks(self) -> tuple[Check, ...]:
        return self.checks

    def describe(self) -> list[str]:
        words = [f"each one of {', '.join(self.choices)}"] if self.choices else []
        words += [f"each {check.describe}" for check in self.item_checks]
        return words + super().describe()

    def normalize(self, value: Plain) -> Plain:
        if is_empty(value) or not isinstance(value, list):
            return None if is_empty(value) else value
        if self.ordered:
            return list(value)
        return list(sorted({json.dumps(v) for v in value}))

    def from_api(self, value: Any) -> Plain:
        return None if value is None else [str(v) for v in value]


@dataclass(frozen=True)
class StrMap(PropertyShape):
    def _problems(self, value: Plain, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, dict):
            return [(path, f"expected a map of strings, got {_type_name(value)}")]
        failures: list[tuple[str, str]] = []
        for key, item in value.items():
            failures += Str().validate(item, f"{path}.{key}")
        return failures

    def from_api(self, value: Any) -> Plain:
        return None if value is None else {str(k): str(v) for k, v in value.items()}


@dataclass(frozen=True)
class Attr:
    """A member of an object kind: wire name, API member name, kind."""

    name: str
    api: str
    kind: PropertyShape
    required: bool = False
    default: Plain = None


@dataclass(frozen=True)
class Obj(PropertyShape):
    """A nested object (Terraform's MaxItems=1 block, flattened by pulumi-aws)."""

    attrs: tuple[Attr, ...] = field(default_factory=tuple)

    def _by_name(self) -> dict[str, Attr]:
        return {a.name: a for a in self.attrs}

    def _problems(self, value: Plain, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, dict):
            return [(path, f"expected an object, got {_type_name(value)}")]
        failures: list[tuple[str, str]] = []
        attrs = self._by_name()
        for key, item in value.items():
            if key not in attrs:
                known = ", ".join(sorted(attrs))
                failures.append(
                    (f"{path}.{key}", f"unknown or unsupported property (known: {known})")
                )
            else:
                failures += attrs[key].kind.validate(item, f"{path}.{key}")
        for attr in self.attrs:
            if attr.required and value.get(attr.name) is None:
                failures.append((f"{path}.{attr.name}", "missing required property"))
        return failures

    def with_defaults(self, value: Plain) -> Plain:
        """``value`` with the members' defaults filled in (Terraform ``Default`` in a block)."""
        if not isinstance(value, dict):
            return value
        filled = dict(value)
        for attr in self.attrs:
            if attr.default is not None and filled.get(attr.name) is None:
                filled[attr.name] = attr.default
        return filled

    def describe(self) -> list[str]:
        words: list[str] = []
        for attr in self.attrs:
            rules = attr.kind.describe()
            if attr.default is not None:
                rules.append(f"default `{attr.default}`")
            if rules:
                words.append(f"`{attr.name}`: {', '.join(rules)}")
        return words

    def normalize(self, value: Plain) -> Plain:
        if not isinstance(value, dict):
            return None if is_empty(value) else value
        attrs = self._by_name()
        result: dict[str, Plain] = {}
        for key, item in value.items():
            kind = attrs[key].kind if key in attrs else PropertyShape()
            norm = kind.normalize(item)
            if norm is not None:
                result[key] = norm
        return result or None

    def to_api(self, value: Plain) -> Any:
        if not isinstance(value, dict):
            return None
        result: dict[str, Any] = {}
        for attr in self.attrs:
            item = value.get(attr.name)
            if item is not None:
                result[attr.api] = attr.kind.to_api(item)
        return result

    def from_api(self, value: Any) -> Plain:
        if value is None:
            return None
        result: dict[str, Plain] = {}
        for attr in self.attrs:
            item = attr.kind.from_api(value.get(attr.api))
            if item is not None:
                result[attr.name] = item
        return result


@dataclass(frozen=True)
class ObjList(PropertyShape):
    """A list of objects; ``ordered=False`` (a Terraform set) compares without order."""

    item: Obj = field(default_factory=Obj)
    ordered: bool = False
    checks: tuple[Check, ...] = ()

    def value_checks(self) -> tuple[Check, ...]:
        return self.checks

    def describe(self) -> list[str]:
        return super().describe() + self.item.describe()

    def _problems(self, value: Plain, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, list):
            return [(path, f"expected a list of objects, got {_type_name(value)}")]
        failures: list[tuple[str, str]] = []
        for index, item in enumerate(value):
            failures += self.item.validate(item, f"{path}[{index}]")
        return failures

    def normalize(self, value: Plain) -> Plain:
        if not isinstance(value, list):
            return None if is_empty(value) else value
        items = [self.item.normalize(v) for v in value]
        if not items:
            return None
        if self.ordered:
            return items
        return sorted(json.dumps(v, sort_keys=True) for v in items)  # type: ignore[return-value]

    def to_api(self, value: Plain) -> Any:
        if not isinstance(value, list):
            return None
        return [self.item.to_api(v) for v in value]

    def from_api(self, value: Any) -> Plain:
        if value is None:
            return None
        return [self.item.from_api(v) for v in value]


def attrs(*items: tuple[str, str, PropertyShape] | Attr) -> tuple[Attr, ...]:
    """Shorthand: ``attrs(("name", "Name", Str()), ...)``."""
    return tuple(i if isinstance(i, Attr) else Attr(*i) for i in items)


def plain_map(values: Mapping[str, PropertyValue]) -> dict[str, Plain]:
    return {key: to_plain(value) for key, value in values.items()}


def secret_if(value: PropertyValue, *sources: PropertyValue | None) -> PropertyValue:
    """Mark ``value`` secret when any source (e.g. the previous state) held a secret."""
    if any(s is not None and s.contains_secret() for s in sources):
        return value.with_secret(True)
    return value


def join_paths(paths: Iterable[str]) -> str:
    return ", ".join(sorted(paths))
