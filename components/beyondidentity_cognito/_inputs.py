"""Argument values as resource inputs, whether known now or wired from another resource."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import pulumi

from ._checks import has_outputs

T = TypeVar("T")
U = TypeVar("U")


def as_list(value: pulumi.Input[Sequence[T]]) -> pulumi.Input[list[T]]:
    """A list input: a plain sequence as a list, an ``Output`` as it is."""
    if isinstance(value, Sequence):
        return list(value)
    return pulumi.Output.from_input(cast(Any, value)).apply(list)


def derived(value: pulumi.Input[T], make: Callable[[T], U]) -> pulumi.Input[U]:
    """``make(value)``: now for a plain value, once known for an ``Output`` (or a list holding
    one)."""
    if not has_outputs(value):
        return make(value)  # type: ignore[arg-type]  # plain: T itself, not an awaitable
    return pulumi.Output.from_input(value).apply(make)


def output(value: Any) -> pulumi.Output[Any]:
    """Any input as an ``Output``."""
    return pulumi.Output.from_input(value)
