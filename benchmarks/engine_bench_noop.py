"""A dynamic resource that does nothing: the engine's own cost per resource.

Its provider answers every call at once (create returns its inputs as outputs), so an
operation on N of them measures the engine, the program and the dynamic-provider process
alone. It lives in a module of its own (copied next to the benchmark program) so the
engine's pickled ``__provider`` is a reference to this class, as for the Beyond Identity
providers, not a copy of its code.
"""

from __future__ import annotations

import uuid
from typing import Any

import pulumi
from pulumi.dynamic import (
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)


class NoopProvider(ResourceProvider):
    """Answers at once: random ids, outputs = inputs, a diff when inputs differ."""

    # As the Beyond Identity providers: the pickled ``__provider`` holds no secret, so it is
    # stored in plain (the SDK's default encrypts it, 240 more bytes per copy).
    serialize_as_secret_always = False

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(uuid.uuid4().hex, dict(props))

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = {k for k in news if not k.startswith("__") and olds.get(k) != news[k]}
        return DiffResult(changes=bool(changed))

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(dict(news))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_, props)


class Noop(Resource):
    """A no-op resource holding ``props`` as its outputs."""

    def __init__(
        self, name: str, props: dict[str, Any], opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(NoopProvider(), name, props, opts)
