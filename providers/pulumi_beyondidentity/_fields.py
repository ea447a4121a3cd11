"""Each resource's properties, declared once.

Everything about a property follows from its one declaration: the provider's ``input_fields``,
``replace_paths`` and ``set_paths``, the normal form ``check`` computes (the contract rule, the
documented default), the request body, the outputs read back from the API, the parameter docs
of the ``*Args`` class and of the resource's ``__init__``, and the tables of
``docs/resources.md`` (``scripts/docs_tables.py``).

Where the declarations are:

* inputs: the annotations of the ``*Args`` dataclass, each
  ``Annotated[<the type users see>, Field(...)]``; a dataclass field without a default is
  required. The keys of a nested object likewise, on its ``TypedDict``. The choices of a
  ``Literal`` in the type are the allowed values.
* outputs that are not inputs: the annotations of the resource class,
  ``Annotated[pulumi.Output[...], Out(...)]``.

Python typing needs two things written out besides: the ``pulumi.Output`` annotations of the
inputs on the resource class, and the keywords of its ``__init__``.
``tests/unit/providers/test_fields.py`` proves they match the declaration, naming any field
declared in one place only.

Adding an input to a resource: its ``Annotated[..., Field(...)]`` line on the ``*Args`` class,
the matching ``pulumi.Output`` annotation and ``__init__`` keyword (the test above says if one
is missing or differs), then ``scripts/docs_tables.py --write`` and a test of its rule.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import inspect
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar, Literal

import pulumi
import pulumi.output

from ._connection import Settings
from ._inputs import Checker, is_unknown

#: A rule of :mod:`.rules`: None when the value passes, else the failure.
ValueRule = Callable[[Any], "str | None"]
#: How an output-only property is read: from the API object and the connection settings.
Reader = Callable[[Mapping[str, Any], Settings], Any]


class ValueType:
    """How a field's value is checked and normalized, and how it is read back from the API."""

    #: How the docs name the type.
    noun: ClassVar[str] = "string"

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        """The normal form of ``raw`` (default filled), recording failures on ``checker``."""
        raise NotImplementedError

    def from_api(self, value: Any, field: Field) -> Any:
        """The output for what the API returned: the documented default when it is absent."""
        return copy.deepcopy(field.default) if value is None else value

    def members(self) -> tuple[Field, ...]:
        """The declared keys of a nested object (none for a plain value)."""
        return ()


@dataclasses.dataclass(frozen=True)
class Text(ValueType):
    """A string: checked by a rule of :mod:`.rules`, a pattern, or the choices of the field."""

    rule: ValueRule | None = None
    pattern: re.Pattern[str] | None = None
    #: The pattern's rule, e.g. ``"must be an id (a UUID)"``.
    wording: str = ""

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        if self.rule is not None:
            return checker.rule(raw, path, self.rule, required=field.required)
        return checker.string(
            raw,
            path,
            required=field.required,
            default=field.default,
            choices=field.choices or None,
            pattern=self.pattern,
            rule=self.wording,
        )


@dataclasses.dataclass(frozen=True)
class Strings(ValueType):
    """A list of unique strings, each checked by ``item_rule`` or the choices of the field."""

    noun: ClassVar[str] = "list of strings"
    item_rule: ValueRule | None = None
    non_empty: bool = False

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        return checker.string_list(
            raw,
            path,
            required=field.required,
            non_empty=self.non_empty,
            default=field.default,
            choices=field.choices or None,
            item_rule=self.item_rule,
        )


@dataclasses.dataclass(frozen=True)
class Whole(ValueType):
    """A whole number (the engine sends floats)."""

    noun: ClassVar[str] = "integer"
    maximum: int | None = None

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        return checker.integer(raw, path, required=field.required, maximum=self.maximum)


@dataclasses.dataclass(frozen=True)
class Flag(ValueType):
    """True or false."""

    noun: ClassVar[str] = "boolean"

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        return checker.boolean(raw, path, default=field.default)


@dataclasses.dataclass(frozen=True)
class Keys(ValueType):
    """An object with a known set of keys whose values are passed on as given."""

    noun: ClassVar[str] = "object"
    keys: tuple[str, ...] = ()

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        obj = checker.mapping(raw, path, required=field.required, allowed=self.keys)
        if isinstance(obj, Mapping):
            checker.plain_text(obj, path)
        return dict(obj) if isinstance(obj, Mapping) else obj


@dataclasses.dataclass(frozen=True)
class Nested(ValueType):
    """An object whose keys are declared, each with its ``Field``, on a ``TypedDict``."""

    noun: ClassVar[str] = "object"
    shape: type
    #: Keys the API ignores: named and refused, so nobody thinks they do something.
    deprecated: tuple[str, ...] = ()
    #: ``(key, reason)``: an absent object is reported as this key missing.
    when_absent: tuple[str, str] | None = None

    def members(self) -> tuple[Field, ...]:
        return declared(self.shape)

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        if raw is None and self.when_absent is not None:
            key, reason = self.when_absent
            checker.fail(f"{path}.{key}", reason)
            return None
        if isinstance(raw, Mapping) and any(k in raw for k in self.deprecated):
            for key in (k for k in self.deprecated if k in raw):
                checker.fail(
                    f"{path}.{key}", "is deprecated and ignored by Beyond Identity; remove it"
                )
            raw = {k: v for k, v in raw.items() if k not in self.deprecated}
        members = self.members()
        obj = checker.mapping(raw, path, required=field.required, allowed=[m.name for m in members])
        if obj is None or is_unknown(obj):
            return obj
        return self.normalize_members(checker, obj, path, members)

    @staticmethod
    def normalize_members(
        checker: Checker, obj: Mapping[str, Any], path: str, members: tuple[Field, ...]
    ) -> dict[str, Any]:
        """The normal form of each member; an optional member left unset is left out."""
        out = {}
        for member in members:
            value = member.normalize(checker, obj.get(member.name), f"{path}.{member.name}")
            if value is not None or member.required:
                out[member.name] = value
        return out

    def from_api(self, value: Any, field: Field) -> Any:
        # Only the declared keys: what the API adds (a client secret) stays out of this output.
        return self.normalize(Checker(), value or {}, field.name, field)


@dataclasses.dataclass(frozen=True)
class ByType(Nested):
    """An object whose first member, ``type``, says which others apply (their ``Field.only``)."""

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        tag, *others = self.members()
        obj = checker.mapping(
            raw, path, required=field.required, allowed=[tag.name, *(m.name for m in others)]
        )
        if obj is None or is_unknown(obj):
            return obj
        chosen = tag.normalize(checker, obj.get(tag.name), f"{path}.{tag.name}")
        if chosen is None or is_unknown(chosen):
            return {tag.name: chosen}
        for member in others:
            if chosen not in member.only and member.name in obj:
                checker.fail(f"{path}.{member.name}", f"does not apply to type {chosen}; remove it")
        applicable = tuple(
            dataclasses.replace(m, required=chosen in m.required_for)
            for m in others
            if chosen in m.only
        )
        return {tag.name: chosen, **self.normalize_members(checker, obj, path, applicable)}


@dataclasses.dataclass(frozen=True)
class Field:
    """One input property: its documentation, rule, default and how changes apply."""

    doc: str
    value_type: ValueType = Text()
    #: Must be given (derived from the dataclass default on ``*Args`` classes).
    required: bool = False
    #: The documented API default, filled in by ``check`` (and read back when absent).
    default: Any = None
    #: A change needs a new object.
    replaces: bool = False
    #: A list the API treats as a set: order is never a change.
    unordered: bool = False
    #: The allowed values (from the ``Literal`` of the type when not given).
    choices: tuple[str, ...] = ()
    #: An empty value means unset (ids the API returns as ``""``).
    blank_is_unset: bool = False
    #: Sent in the request body (False: it is part of the URL).
    in_body: bool = True
    #: The API's name for it, where it differs; dotted for a key of a nested API object
    #: (``traits.username``).
    api_name: str = ""
    #: For members of a :class:`ByType` object: the types it applies to, and requires it.
    only: tuple[str, ...] = ()
    required_for: tuple[str, ...] = ()
    name: str = ""

    def normalize(self, checker: Checker, raw: Any, path: str) -> Any:
        """The normal form of ``raw``; failures are recorded under ``path``."""
        if self.blank_is_unset:
            raw = raw or None
        return self.value_type.normalize(checker, raw, path, self)

    def from_api(self, obj: Mapping[str, Any]) -> Any:
        """This property's output, read from an API object."""
        value: Any = obj
        for part in (self.api_name or self.name).split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return self.value_type.from_api((value or None) if self.blank_is_unset else value, self)

    def paths(self, prefix: str = "") -> Iterator[tuple[str, Field]]:
        """``(path, field)`` of this field and of every nested member, in declaration order."""
        path = f"{prefix}{self.name}"
        yield path, self
        for member in self.value_type.members():
            yield from member.paths(path + ".")


@dataclasses.dataclass(frozen=True)
class Out:
    """An output-only property: its documentation and how it is read from the API."""

    doc: str
    read: Reader | None = None
    #: Stored only encrypted in the state (``additional_secret_outputs``).
    secret: bool = False
    name: str = ""

    def from_api(self, obj: Mapping[str, Any], settings: Settings) -> Any:
        """This output, read from an API object."""
        return obj.get(self.name) if self.read is None else self.read(obj, settings)


_F = typing.TypeVar("_F", bound=Callable[..., Any])
#: The docs of the derived outputs, by getter (see :func:`derived`).
_DERIVED: dict[Callable[..., Any], str] = {}


def derived(doc: str) -> Callable[[_F], _F]:
    """Mark a property's getter as a derived output: computed in the program from stored
    outputs (or the stack settings), never kept in the state; documented with ``doc``."""

    def mark(getter: _F) -> _F:
        _DERIVED[getter] = doc
        return getter

    return mark


def derived_outputs(resource: type) -> tuple[tuple[str, str], ...]:
    """``(name, doc)`` of a resource class's derived outputs, bases first."""
    found: dict[str, str] = {}
    for cls in reversed(resource.__mro__):
        for name, attr in vars(cls).items():
            if isinstance(attr, property) and attr.fget in _DERIVED:
                found[name] = _DERIVED[attr.fget]
    return tuple(found.items())


def _metadata(hint: Any, cls: type[Any]) -> Any:
    if typing.get_origin(hint) is typing.Annotated:
        return next((m for m in hint.__metadata__ if isinstance(m, cls)), None)
    return None


def _literal_choices(hint: Any) -> tuple[str, ...]:
    """The values of the first ``Literal`` inside a type, or ``()``."""
    if typing.get_origin(hint) is Literal:
        return tuple(typing.get_args(hint))
    for arg in typing.get_args(hint):
        found = _literal_choices(arg)
        if found:
            return found
    return ()


_PULUMI_NAMES = {"Output": pulumi.Output, "T": pulumi.output.T}


def type_hints(obj: Any) -> dict[str, Any]:
    """``typing.get_type_hints`` with extras (``pulumi.Input`` holds the reference "Output[T]")."""
    return typing.get_type_hints(obj, localns=_PULUMI_NAMES, include_extras=True)


@functools.cache
def declared(shape: type) -> tuple[Field, ...]:
    """The ``Field`` declarations of an ``*Args`` dataclass or a ``TypedDict``, in order."""
    hints = type_hints(shape)
    defaults = (
        {f.name: f.default for f in dataclasses.fields(shape)}
        if dataclasses.is_dataclass(shape)
        else {}
    )
    fields = []
    for name, hint in hints.items():
        field = _metadata(hint, Field)
        if field is None:
            raise TypeError(f"{shape.__name__}.{name}: declare it as Annotated[<type>, Field(...)]")
        required = field.required
        if name in defaults:
            if field.required:
                raise TypeError(f"{shape.__name__}.{name}: required means no default value")
            required = defaults[name] is dataclasses.MISSING
        choices = field.choices or _literal_choices(typing.get_args(hint)[0])
        fields.append(dataclasses.replace(field, name=name, required=required, choices=choices))
    return tuple(fields)


def declared_outputs(resource: type) -> tuple[Out, ...]:
    """The ``Out`` declarations of a resource class and its bases (bases first)."""
    return tuple(
        dataclasses.replace(out, name=name)
        for name, hint in own_annotations(resource).items()
        if (out := _metadata(hint, Out)) is not None
    )


def own_annotations(resource: type) -> dict[str, Any]:
    """The annotations of a resource class and of its bases, but Pulumi's own."""
    found: dict[str, Any] = {}
    for cls in reversed(resource.__mro__):
        if cls.__module__.partition(".")[0] not in ("pulumi", "builtins"):
            found.update(inspect.get_annotations(cls, eval_str=True))
    return found


@dataclasses.dataclass(frozen=True)
class Fields:
    """Every declared property of one resource."""

    label: str
    #: The inputs, without ``adopt_id`` (which the provider base class handles).
    inputs: tuple[Field, ...]
    outputs: tuple[Out, ...]
    #: Whether the resource takes ``adopt_id``.
    adoptable: bool
    #: ``(name, doc)`` of the outputs computed in the program, never stored (:func:`derived`).
    derived: tuple[tuple[str, str], ...] = ()

    @property
    def input_names(self) -> tuple[str, ...]:
        """Names of the inputs, in declaration order."""
        return tuple(f.name for f in self.inputs)

    def field(self, path: str) -> Field:
        """The declaration of the input or nested key at ``path`` (``config.type``)."""
        return next(f for p, f in self.all_paths() if p == path)

    def all_paths(self) -> Iterator[tuple[str, Field]]:
        """``(path, field)`` of every input and nested key."""
        for field in self.inputs:
            yield from field.paths()

    def replace_paths(self) -> tuple[str, ...]:
        """Paths whose change needs a new object."""
        return tuple(path for path, f in self.all_paths() if f.replaces)

    def set_paths(self) -> frozenset[str]:
        """Paths of unordered lists."""
        return frozenset(path for path, f in self.all_paths() if f.unordered)

    def secret_outputs(self) -> list[str]:
        """Outputs stored only encrypted."""
        return [o.name for o in self.outputs if o.secret]


def declare(label: str, args: type, resource: type) -> Fields:
    """Read a resource's declaration, and complete the docs of ``args`` and ``resource``."""
    fields = declared(args)
    inputs = tuple(f for f in fields if f.name != "adopt_id")
    found = Fields(
        label,
        inputs,
        declared_outputs(resource),
        len(inputs) < len(fields),
        derived_outputs(resource),
    )
    _document(found, fields, args, resource)
    return found


def _document(found: Fields, fields: tuple[Field, ...], args: type, resource: type) -> None:
    # Generated from the declaration, the parameter docs cannot drift from it.
    params = "\n".join(f":param {f.name}: {describe(f, found.label)}" for f in fields)
    args.__doc__ = f"{args.__doc__ or ''}\n\n{params}\n"
    init = resource.__dict__.get("__init__")
    if init is not None:
        init.__doc__ = (
            f"{init.__doc__ or ''}\n\n:param resource_name: the Pulumi name of the resource.\n"
            f":param args: the arguments, as a :class:`{args.__name__}` (or as the keywords below).\n"
            f":param opts: options for the resource.\n{params}\n"
        )
    for path, field in found.all_paths():
        if isinstance(field.value_type, Nested) and "Keys of" not in (
            field.value_type.shape.__doc__ or ""
        ):
            keys = "\n".join(
                f"* ``{k.name}``: {describe(k, found.label)}" for k in field.value_type.members()
            )
            shape = field.value_type.shape
            shape.__doc__ = f"{shape.__doc__ or ''}\n\nKeys of ``{path}``:\n\n{keys}\n"


def describe(field: Field, label: str) -> str:
    """The field's documentation with what its declaration implies (required, default...)."""
    notes = [field.doc.rstrip(".") + "."]
    if field.choices:
        notes.append(f"One of {', '.join(f'``{c}``' for c in field.choices)}.")
    if field.required:
        notes.append("Required.")
    if field.only:
        notes.append(f"For type {', '.join(field.only)}.")
    if field.required_for:
        notes.append(f"Required for {', '.join(field.required_for)}.")
    if isinstance(field.default, str):
        notes.append(f"Default: ``{field.default}``.")
    if field.unordered:
        notes.append("Unordered.")
    if field.replaces:
        notes.append(f"Changing it replaces the {label}.")
    return " ".join(notes)
