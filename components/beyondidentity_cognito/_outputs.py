"""The outputs of ``CognitoFederation``, declared once: as its annotated attributes.

Each output is a ``pulumi.Output[...]`` annotation on the class, with its docstring under it.
From those annotations come the outputs the component registers, the ones the project's stack
exports (``__main__.py``, named in camelCase) and the docs' outputs table
(``scripts/docs_tables.py``); a test checks that they agree.
"""

from __future__ import annotations

import inspect
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FederationOutput:
    """One output of :class:`CognitoFederation`."""

    attribute: str
    """The component's attribute, e.g. ``user_pool_id``."""
    stack_output: str | None
    """The name the project's stack exports it under (``userPoolId``); None when it does not."""


def camel_case(attribute: str) -> str:
    """``user_pool_id`` -> ``userPoolId``: a stack output's name."""
    first, *rest = attribute.split("_")
    return first + "".join(word.capitalize() for word in rest)


def declared_outputs(cls: type, *, not_exported: Collection[str]) -> tuple[FederationOutput, ...]:
    """The ``pulumi.Output`` annotations of ``cls``, in the order they are declared.

    ``not_exported`` names the outputs a stack does not export.
    """
    return tuple(
        FederationOutput(name, None if name in not_exported else camel_case(name))
        for name, annotation in inspect.get_annotations(cls).items()
        if str(annotation).startswith("pulumi.Output[")
    )


def output_values(component: Any, outputs: tuple[FederationOutput, ...]) -> dict[str, Any]:
    """``{attribute: value}`` of every output, for ``register_outputs``."""
    return {output.attribute: getattr(component, output.attribute) for output in outputs}
