"""Generic resource behaviour: check, diff, output assembly, preview, refresh.

Each resource declares its input ``Property``s (pulumi-aws wire names) and computed outputs, and
implements four API hooks (create, fetch, update, delete) on plain values. This module turns them
into the provider protocol with the semantics of a bridged Terraform provider:

* ``check`` validates shapes and the provider's value rules, applies defaults (nested ones too)
  and autonames, and refuses properties the stand-in does not implement (so a gap shows up as an error, never as a silently ignored setting);
* ``diff`` compares the new inputs with the previous *outputs* (the SDK's ``DiffRequest`` carries no
  old inputs); ``None``/``""``/``[]``/``{}`` are equal, sets ignore order; an omitted ``computed``
  field keeps its value (Terraform's Optional+Computed); ``replace`` fields force replacement,
  a ``replace_if`` field when its rule says so (a Terraform ``CustomizeDiff``);
* outputs echo the inputs as given (so secrets stay secret and nothing drifts by re-spelling),
  plus live values of omitted computed fields and the computed outputs;
* ``read`` refreshes only the fields recorded in the state and returns matching inputs.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.provider import (
    CheckFailure,
    CheckRequest,
    CheckResponse,
    CreateRequest,
    CreateResponse,
    DeleteRequest,
    DiffRequest,
    DiffResponse,
    PropertyDiff,
    PropertyDiffKind,
    ReadRequest,
    ReadResponse,
    UpdateRequest,
    UpdateResponse,
)

from ._aws import AwsApi, AwsError
from ._hold import hold_after_create
from ._values import (
    UNKNOWN,
    Obj,
    Plain,
    PropertyShape,
    StrMap,
    contains_unknown,
    from_plain,
    is_empty,
    plain_map,
    secret_if,
    to_plain,
)


@dataclass(frozen=True)
class Property:
    """An input property of a pulumi-aws resource, and where each of its rules comes from.

    ``api``: the API member for 1:1 mappings (None when the resource maps it by hand).
    ``replace``: a change forces replacement (Terraform ``ForceNew`` / ``RequiresReplace``).
    ``replace_if``: instead of ``replace``, a change forces replacement only when this says so
    for ``(old, new)`` (a Terraform ``CustomizeDiff``); its docstring words the rule.
    ``computed``: omitted means "keep what AWS has" (no diff), as Optional+Computed in Terraform.
    ``create_only``: sent on create but not on update (the API cannot change it).
    ``sticky``: a refresh keeps the recorded value when the live API omits it (moto drops
    create-only pool settings on ``UpdateUserPool``).
    ``reset``: what an update sends when the program removed the value (the real provider's
    reset), instead of leaving the member out.
    ``source``: where the rules come from: file and attribute in terraform-provider-aws (the
    copy read is named in ``local/aws-rules.md``), or botocore's model for AWS's own ranges.
    ``verified``: False when the rule could not be checked against that source (say why in
    ``source``).
    """

    name: str
    kind: PropertyShape
    api: str | None = None
    replace: bool = False
    computed: bool = False
    required: bool = False
    default: Plain = None
    create_only: bool = False
    sticky: bool = False
    replace_if: Callable[[Plain, Plain], bool] | None = None
    reset: Plain = None
    source: str = ""
    verified: bool = True

    def replaces(self, old: Plain, new: Plain) -> bool:
        """Whether changing this field from ``old`` to ``new`` replaces the resource."""
        return self.replace_if(old, new) if self.replace_if is not None else self.replace


@dataclass(frozen=True)
class Rule:
    """A rule across fields (``ConflictsWith``, ``ExactlyOneOf``, ``ConfigValidators``), for the
    rules table; ``Resource.validate`` enforces it."""

    text: str
    source: str
    verified: bool = True


@dataclass(frozen=True)
class Ctx:
    """What a resource operation needs: the API and the region it runs in."""

    api: AwsApi
    region: str

    async def call(self, operation: str, **params: Any) -> dict[str, Any]:
        return await self.api.cognito(self.region, operation, **params)

    async def service(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """A call to another service of the moto server (``route53``, ``s3``)."""
        return await self.api.call(service, self.region, operation, **params)


def region_of(values: Mapping[str, PropertyValue], default: str) -> str:
    region = to_plain(values.get("region"))
    return region if isinstance(region, str) and region and region != UNKNOWN else default


class Resource(ABC):
    """One pulumi-aws resource type, mapped onto the Cognito API."""

    token: ClassVar[str]
    fields: ClassVar[tuple[Property, ...]]
    outputs: ClassVar[tuple[str, ...]] = ()
    secret_outputs: ClassVar[frozenset[str]] = frozenset()
    autoname: ClassVar[bool] = False
    rules: ClassVar[tuple[Rule, ...]] = ()
    label: ClassVar[str] = ""
    """The real provider's name for the resource in its errors (``Cognito User Pool Domain``)."""

    def subject(self, inputs: Mapping[str, Plain], resource_id: str | None) -> str:
        """What the real provider names the object by in its errors (its ID, once it has one)."""
        return resource_id or ""

    def action(self, verb: str, subject: str) -> str:
        """The real provider's words for a failed operation: ``creating Cognito User Pool (x)``."""
        return f"{verb} {self.label} ({subject})"

    # ---- hooks implemented per resource (plain values keyed by wire names) ----

    def validate(self, inputs: Mapping[str, Plain]) -> list[tuple[str, str]]:
        """Cross-field rules checked at preview time (Terraform ``ConflictsWith`` and the like)."""
        return []

    @abstractmethod
    async def create_live(
        self, ctx: Ctx, inputs: Mapping[str, Plain]
    ) -> tuple[str, dict[str, Plain]]:
        """Create the object; return its ID and the live view (``fetch``'s shape)."""

    @abstractmethod
    async def fetch(
        self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]
    ) -> dict[str, Plain] | None:
        """Live view of fields and computed outputs, or None when the object is gone."""

    @abstractmethod
    async def update_live(
        self, ctx: Ctx, resource_id: str, olds: Mapping[str, Plain], news: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        """Apply ``news`` in place; return the live view."""

    @abstractmethod
    async def delete_live(self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]) -> None:
        """Delete the object; a missing object is not an error (callers also catch NotFound)."""

    # ---- helpers for the hooks ----

    @staticmethod
    def split_id(resource_id: str, separator: str, shape: str) -> tuple[str, str]:
        """``<pool id><separator><rest>`` as its two parts; ``shape`` names them for the error."""
        pool_id, _, rest = resource_id.partition(separator)
        if not rest:
            raise ValueError(f"ID {resource_id!r} is not {shape}")
        return pool_id, rest

    async def fetch_written(
        self, ctx: Ctx, resource_id: str, inputs: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        """The live view of an object the hook has just created or updated: it must be there."""
        live = await self.fetch(ctx, resource_id, inputs)
        assert live is not None, f"{resource_id} is gone right after it was written"
        return live

    def resolve_id(self, resource_id: str) -> str:
        """The resource ID for an import ID (identical unless the resource overrides it)."""
        return resource_id

    @classmethod
    def api_params(
        cls,
        inputs: Mapping[str, Plain],
        *,
        update: bool = False,
        olds: Mapping[str, Plain] | None = None,
    ) -> dict[str, Any]:
        """Request members for the fields with a 1:1 ``api`` mapping.

        On update, create-only fields are left out, and a list or map the program removed is sent
        empty: the real Update* calls reset omitted members, moto merges instead.
        """
        params: dict[str, Any] = {}
        for f in cls.fields:
            if f.api is None or (update and f.create_only):
                continue
            value = inputs.get(f.name)
            if value is None and update and f.computed and olds is not None:
                value = olds.get(f.name)  # as Terraform: an omitted computed field keeps its value
            if value is not None:
                params[f.api] = f.kind.to_api(value)
            elif update and f.reset is not None and olds is not None and olds.get(f.name):
                params[f.api] = f.kind.to_api(f.reset)
            elif update and olds is not None and not f.computed and not is_empty(olds.get(f.name)):
                old = olds.get(f.name)
                if isinstance(old, list):
                    params[f.api] = []
                elif isinstance(old, dict) and isinstance(f.kind, StrMap):
                    params[f.api] = {}
        return params

    @classmethod
    def effective(cls, news: Mapping[str, Plain], olds: Mapping[str, Plain]) -> dict[str, Plain]:
        """The values an update leaves in place: ``news``, plus the kept omitted computed ones."""
        merged = dict(news)
        for f in cls.fields:
            if f.computed and merged.get(f.name) is None and olds.get(f.name) is not None:
                merged[f.name] = olds[f.name]
        return merged

    # ---- protocol ----

    def check(self, request: CheckRequest) -> CheckResponse:
        news = dict(request.new_inputs)
        failures: list[tuple[str, str]] = []
        known = {f.name: f for f in self.fields}
        for key in news:
            if key not in known and not key.startswith("__"):
                failures.append(
                    (key, f"{self.token}: property {key!r} is not implemented by the aws stand-in")
                )
        for f in self.fields:
            value = to_plain(news.get(f.name))
            if value is None:
                if f.default is not None:
                    news[f.name] = from_plain(f.default)
                elif f.required:
                    failures.append((f.name, "missing required property"))
                continue
            if isinstance(f.kind, Obj) and isinstance(value, dict):
                filled = f.kind.with_defaults(value)
                if filled != value:
                    news[f.name] = from_plain(filled)
            failures += f.kind.validate(value, f.name)
        if self.autoname and to_plain(news.get("name")) is None:
            old_name = to_plain(request.old_inputs.get("name"))
            news["name"] = PropertyValue(
                old_name if isinstance(old_name, str) else self._autoname(request)
            )
        if not failures:
            plain = {k: v for k, v in plain_map(news).items() if not contains_unknown(v)}
            failures += self.validate(plain)
        return CheckResponse(
            inputs=news, failures=[CheckFailure(path, reason) for path, reason in failures]
        )

    @staticmethod
    def _autoname(request: CheckRequest) -> str:
        # pulumi-aws's default: the resource name plus a dash and 7 random hex characters,
        # derived from the engine's seed so that a re-run of check gives the same name.
        seed = bytes(request.random_seed or b"") + request.urn.encode()
        digest = hashlib.sha256(seed).hexdigest()
        return f"{request.name}-{digest[:7]}"

    def diff(self, request: DiffRequest) -> DiffResponse:
        olds, news = request.old_state, request.new_inputs
        ignored = {_top_level(path) for path in request.ignore_changes or []}
        detailed: dict[str, PropertyDiff] = {}
        replaces: list[str] = []
        for f in self.fields:
            if f.name in ignored:
                continue
            new = to_plain(news.get(f.name))
            old = to_plain(olds.get(f.name))
            if new is None and f.computed:
                continue
            if not contains_unknown(new) and f.kind.normalize(new) == f.kind.normalize(old):
                continue
            replace = f.replaces(old, new)
            if is_empty(old):
                kind = PropertyDiffKind.ADD_REPLACE if replace else PropertyDiffKind.ADD
            elif is_empty(new):
                kind = PropertyDiffKind.DELETE_REPLACE if replace else PropertyDiffKind.DELETE
            else:
                kind = PropertyDiffKind.UPDATE_REPLACE if replace else PropertyDiffKind.UPDATE
            detailed[f.name] = PropertyDiff(kind, input_diff=True)
            if replace:
                replaces.append(f.name)
        return DiffResponse(
            changes=bool(detailed),
            replaces=replaces,
            diffs=sorted(detailed),
            detailed_diff=detailed,
            delete_before_replace=False,  # as pulumi-aws: opt in with the resource option
        )

    def assemble(
        self,
        inputs: Mapping[str, PropertyValue],
        live: Mapping[str, Plain],
        resource_id: str | None,
    ) -> dict[str, PropertyValue]:
        """Outputs: the inputs as given, live values of omitted computed fields, computed outputs."""
        out: dict[str, PropertyValue] = {}
        for f in self.fields:
            given = inputs.get(f.name)
            if given is not None and given.value is not None:
                out[f.name] = given
            elif f.computed and live.get(f.name) is not None:
                out[f.name] = from_plain(live[f.name])
        for name in self.outputs:
            out[name] = from_plain(live.get(name), secret=name in self.secret_outputs)
        if resource_id is not None:
            out["id"] = PropertyValue(resource_id)
        return out

    def _preview_live(
        self, inputs: Mapping[str, Plain], base: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        live: dict[str, Plain] = {name: UNKNOWN for name in self.outputs}
        for f in self.fields:
            if f.computed and inputs.get(f.name) is None:
                live[f.name] = UNKNOWN
        live.update({k: v for k, v in base.items() if v is not None})
        return live

    def preview_known(self, inputs: Mapping[str, Plain], region: str) -> dict[str, Plain]:
        """Outputs already known before creation (e.g. ``region``); resources may add more."""
        return {"region": region}

    async def create(self, ctx: Ctx, request: CreateRequest) -> CreateResponse:
        inputs = request.properties
        plain = plain_map(inputs)
        if request.preview:
            live = self._preview_live(plain, self.preview_known(plain, ctx.region))
            return CreateResponse(resource_id=None, properties=self.assemble(inputs, live, None))
        resource_id, live = await self.create_live(ctx, plain)
        await hold_after_create(self.token, resource_id)  # tests only: see _hold
        return CreateResponse(resource_id, self.assemble(inputs, live, resource_id))

    async def update(self, ctx: Ctx, request: UpdateRequest) -> UpdateResponse:
        news = request.news
        if request.preview:
            previous = plain_map(request.olds)
            live = {name: previous.get(name) for name in self.outputs}
            for f in self.fields:
                if f.computed and to_plain(news.get(f.name)) is None:
                    live[f.name] = previous.get(f.name)
            return UpdateResponse(self.assemble(news, live, request.resource_id))
        live = await self.update_live(
            ctx, request.resource_id, plain_map(request.olds), plain_map(news)
        )
        return UpdateResponse(self.assemble(news, live, request.resource_id))

    async def delete(self, ctx: Ctx, request: DeleteRequest) -> None:
        try:
            await self.delete_live(ctx, request.resource_id, plain_map(request.properties))
        except AwsError as err:
            if not err.not_found:
                raise

    async def read(self, ctx: Ctx, request: ReadRequest) -> ReadResponse:
        state = request.properties
        try:
            live = await self.fetch(ctx, request.resource_id, plain_map(state))
        except AwsError as err:
            if not err.not_found:
                raise
            live = None
        if live is None:
            return ReadResponse(resource_id=None, properties={}, inputs={})

        if not state:  # import or `Resource.get`: everything comes from the API
            resource_id = self.resolve_id(request.resource_id)
            inputs = {
                f.name: from_plain(live[f.name])
                for f in self.fields
                if not is_empty(live.get(f.name))
            }
            return ReadResponse(resource_id, self.assemble(inputs, live, resource_id), inputs)

        new_state = dict(state)
        changed: dict[str, PropertyValue] = {}
        for f in self.fields:
            current = live.get(f.name)
            if f.name not in state:
                if f.computed and current is not None:
                    new_state[f.name] = from_plain(current)
                continue
            old = state[f.name]
            if current is None and (f.sticky or f.computed):
                continue
            if f.kind.normalize(current) == f.kind.normalize(to_plain(old)):
                continue
            new_state[f.name] = changed[f.name] = secret_if(from_plain(current), old)
        for name in self.outputs:
            new_state[name] = from_plain(live.get(name), secret=name in self.secret_outputs)
        new_state["id"] = PropertyValue(request.resource_id)
        inputs = dict(request.inputs)
        for name, value in changed.items():
            if name in inputs:
                inputs[name] = secret_if(value, inputs[name])
        return ReadResponse(request.resource_id, new_state, inputs)


def _top_level(path: str) -> str:
    for separator in (".", "["):
        path = path.split(separator, 1)[0]
    return path
