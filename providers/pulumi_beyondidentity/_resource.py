"""The program side of the resources: props from the declared fields."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pulumi
import pulumi.dynamic
from pulumi.dynamic.dynamic import PROVIDER_KEY, serialize_provider

if TYPE_CHECKING:
    from ._provider import BeyondIdentityProvider


class DeclaredResource(pulumi.dynamic.Resource):
    """A Beyond Identity resource: its props come from its provider's declared fields.

    A concrete class's ``__init__`` calls :meth:`_declare` (not ``super().__init__``): the
    SDK records as the resource's ``sourcePosition`` the caller of the third ``__init__``
    on the stack (``Resource``, ``CustomResource``, then the concrete class's), so no
    other ``__init__`` may come between, or every resource would point at this module
    instead of the line that declared it. For the same reason this class has no
    ``__init__`` of its own to call.
    """

    def _declare(
        self,
        provider: BeyondIdentityProvider,
        resource_name: str,
        args: Any,
        opts: pulumi.ResourceOptions | None,
        keywords: Mapping[str, Any],
    ) -> None:
        """Register the resource; ``keywords``: the concrete ``__init__``'s ``locals()``."""
        fields = provider.fields
        names = [*fields.input_names, *(["adopt_id"] if fields.adoptable else [])]
        props = resource_props(
            fields.label,
            args,
            {name: keywords[name] for name in names},
            required=[f.name for f in fields.inputs if f.required],
            outputs=[o.name for o in fields.outputs],
        )
        secrets = fields.secret_outputs()
        if secrets:
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=secrets)
            )
        # What ``pulumi.dynamic.Resource.__init__`` does, without its frame: the provider
        # pickled by the SDK's own function, in plain (it captures nothing: its
        # ``__getstate__`` is empty, and ``serialize_as_secret_always`` is False).
        props[PROVIDER_KEY] = serialize_provider(provider)
        pulumi.CustomResource.__init__(
            self, f"pulumi-python:{self._resource_type_name}", resource_name, props, opts
        )


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
