"""The shared machinery of the dynamic providers.

A provider subclass only names its resource's declared fields (:mod:`._fields`: each
field's rule, default, whether a change replaces, whether a list is unordered, its API
name), its API collection, and what only it has (cross-field rules, a delete hint).
This class turns that into ``check``, ``diff``, ``create``, ``read``, ``update`` and
``delete``; :class:`ViewProvider` into a read-only view of another resource's object.

Provider instances carry no state into Pulumi: ``__getstate__`` is empty, so
the pickled ``__provider`` is a reference to the class alone (stable across
code edits and checkouts, and free of credentials). Settings come from
``configure()`` (the stack config, in the provider process) or the
environment, and the API client is shared by every thread of the process.
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pulumi.dynamic import (
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from ._connection import ConfigGetter, Settings
from ._errors import (
    AlreadyExistsError,
    AuthError,
    BeyondIdentityError,
    ConflictError,
    NotFoundError,
)
from ._fields import Fields
from ._inputs import Checker, canonical, changed_paths
from ._operation import ADOPT_IDS_KEY, OperationSettings
from ._plain_errors import install as install_plain_errors
from ._spec import KindSpec

if TYPE_CHECKING:
    # The client stack (httpx, tenacity) is for the provider process only: a program
    # process declares resources and never imports it (see docs/performance.md, item 3).
    from ._client import BeyondIdentityClient, Collection

logger = logging.getLogger("pulumi_beyondidentity")

_clients: dict[tuple[Any, ...], BeyondIdentityClient] = {}
_clients_lock = threading.Lock()
# Ids of objects holding a natural key that creates of this process met: each
# take-over hint lists all of them, so the last one printed covers the whole run.
_holders: set[str] = set()

F = TypeVar("F", bound=Callable[..., Any])


def shared_client(
    settings: Settings, operation_timeout: float | None = None
) -> BeyondIdentityClient:
    """The process-wide client for these settings: one pool and one token per process."""
    from ._client import BeyondIdentityClient
    from ._retry import RetryPolicy

    timeout = operation_timeout or RetryPolicy.total_timeout
    key = (*settings.fingerprint(), timeout)
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = BeyondIdentityClient(
                settings, retry=RetryPolicy(total_timeout=timeout)
            )
        return client


def plain_errors(method: F) -> F:
    """Re-raise client errors without the internal call chain.

    The dynamic-provider server prints the traceback of any exception; for an
    error Beyond Identity reported (a user-fixable problem) the message is
    what matters, so the stack is cut to the provider method itself.
    """

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except AuthError as exc:
            # A refused write (a token revoked during the run, or a delete, which no check
            # precedes) says what the check would have said.
            from ._credentials import refused_write

            provider = args[0]
            settings = (
                provider.client.settings if isinstance(provider, BeyondIdentityProvider) else None
            )
            if settings is None:
                raise exc.with_traceback(None) from None
            raise refused_write(settings, exc).with_traceback(None) from None
        except BeyondIdentityError as exc:
            raise exc.with_traceback(None) from None

    return wrapper  # type: ignore[return-value]


def _ensure_log_handler() -> None:
    # The provider process has no Pulumi log channel; stderr reaches the engine's diagnostics.
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("beyondidentity: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


class BeyondIdentityProvider(ResourceProvider):
    """Base class of the Beyond Identity dynamic providers; not used directly."""

    serialize_as_secret_always = False  # nothing secret is ever captured (see module doc)

    #: The resource's declared properties (see :mod:`._fields`); the class attributes below
    #: are derived from it.
    fields: ClassVar[Fields]
    #: Human name of the resource, for messages.
    label: ClassVar[str] = ""
    #: Top-level input properties, in documentation order.
    input_fields: ClassVar[tuple[str, ...]] = ()
    #: Property paths whose change needs a new object.
    replace_paths: ClassVar[tuple[str, ...]] = ()
    #: Property paths of lists the API treats as unordered sets.
    set_paths: ClassVar[frozenset[str]] = frozenset()
    #: The kind's API facts: path, envelope, natural key, id rule, delete behaviour.
    spec: ClassVar[KindSpec]
    #: Whether the objects live inside a realm (everything but realms; from the spec).
    realm_scoped: ClassVar[bool] = True
    #: Whether a replacement must delete the old object first (unique names; from the spec).
    delete_before_replace: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "fields" in cls.__dict__:
            cls.label = cls.fields.label
            cls.input_fields = cls.fields.input_names
            cls.replace_paths = cls.fields.replace_paths()
            cls.set_paths = cls.fields.set_paths()
        if "spec" in cls.__dict__:
            cls.realm_scoped = cls.spec.realm_scoped
            cls.delete_before_replace = cls.spec.delete_before_replace

    def __init__(self) -> None:
        self._config: ConfigGetter | None = None
        self._configured = False
        self._client: BeyondIdentityClient | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    # -- what subclasses describe ------------------------------------------------

    def normalize(self, raw: Mapping[str, Any], checker: Checker) -> dict[str, Any]:
        """The normal form of the inputs (defaults filled), recording failures."""
        values = {f.name: f.normalize(checker, raw.get(f.name), f.name) for f in self.fields.inputs}
        self.check_together(values, checker)
        return values

    def check_together(self, values: Mapping[str, Any], checker: Checker) -> None:
        """Rules across fields, on the normalized values (none unless a resource has some)."""

    def collection(self, client: BeyondIdentityClient) -> Collection[Any]:
        """The client collection holding these objects."""
        return client.collection(self.spec)

    def to_api(self, inputs: Mapping[str, Any]) -> dict[str, Any]:
        """The request body (inside the envelope) for create and update; a dotted API name
        (``traits.username``) goes into the nested object it names."""
        body: dict[str, Any] = {}
        for f in self.fields.inputs:
            if f.in_body and inputs.get(f.name) is not None:
                *parents, leaf = (f.api_name or f.name).split(".")
                node = body
                for parent in parents:
                    node = node.setdefault(parent, {})
                node[leaf] = inputs[f.name]
        return body

    def outputs(self, obj: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
        """The resource outputs for an API object: normalized inputs plus server fields."""
        outs = {f.name: f.from_api(obj) for f in self.fields.inputs}
        outs.update({o.name: o.from_api(obj, settings) for o in self.fields.outputs})
        return outs

    def blocked_delete_hint(self, obj_id: str) -> str:
        """What to do when Beyond Identity refuses a delete with 409."""
        return self.spec.blocked_delete_hint.format(id=obj_id)

    # -- configuration -------------------------------------------------------------

    def configure(self, req: ConfigureRequest) -> None:
        """Take Beyond Identity settings from the stack configuration (provider process only)."""
        _ensure_log_handler()
        install_plain_errors()
        with self._lock:
            self._config = req.config.get
            self._configured = True
            self._client = None

    @property
    def client(self) -> BeyondIdentityClient:
        """The API client, resolved on first use from stack config or the environment."""
        with self._lock:
            if self._client is None:
                operation = OperationSettings.resolve(config=self._config)
                self._client = shared_client(
                    Settings.resolve(config=self._config), operation.operation_timeout
                )
            return self._client

    # -- check and diff: no API calls but the one cached proof of the credentials ----

    def _accepts(self, key: str) -> bool:
        return key in self.input_fields or (key == "adopt_id" and self.fields.adoptable)

    def _inputs(self, props: Mapping[str, Any]) -> Mapping[str, Any]:
        return {k: v for k, v in props.items() if self._accepts(k)}

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate and normalize inputs; in the provider process, also prove the credentials
        when this step will write.

        Check runs for every resource in ``preview`` and before any create or update in
        ``up``. A step that will write (a create: no ``olds``; or inputs that differ, as
        ``diff`` compares them) proves the credentials once its inputs passed their rules,
        so a missing, refused or wrong-tenant credential stops the run before anything is
        written; an unchanged resource sends nothing. The proof is one GET of the tenant
        per CLI run (see :mod:`._credentials`); direct callers that never ran ``configure``
        (unit tests) stay offline.
        """
        checker = Checker()
        inputs = self.normalize(self._inputs(news), checker)
        for key in news:
            if not key.startswith("__") and not self._accepts(key):
                checker.fail(
                    key, f"is not an input of {self.label}; use {', '.join(self.input_fields)}"
                )
        if self.fields.adoptable:
            adopt = checker.string(
                news.get("adopt_id"),
                "adopt_id",
                pattern=self.spec.id_pattern,
                rule=self.spec.id_wording,
            )
            if adopt is not None:
                inputs["adopt_id"] = adopt
        if self._configured and not checker.failures and self.will_write(olds, inputs):
            from ._credentials import verify_credentials

            verify_credentials(self.client)
        # Hidden inputs (``__owner`` from earlier versions of this package, ``__provider``)
        # are dropped: never inputs, never diffed (see _normal), so old states plan nothing.
        return CheckResult(inputs, checker.failures)

    def will_write(self, olds: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
        """Whether a step from the old inputs to these (checked) ones writes: a create, or
        a change ``diff`` would report."""
        if not any(k in self.input_fields for k in olds):
            return True
        return bool(changed_paths(self._normal(olds), self._normal(inputs)))

    def _normal(self, props: Mapping[str, Any]) -> dict[str, Any]:
        # Lenient: state written by older versions may lack defaults; failures do not matter here.
        fields = {k: v for k, v in props.items() if k in self.input_fields}
        return canonical(self.normalize(fields, Checker()), self.set_paths)  # type: ignore[no-any-return]

    def _forces_replace(self, path: str) -> bool:
        bare = path.split("[", 1)[0]
        return any(
            bare == r or bare.startswith(r + ".") or r.startswith(bare + ".")
            for r in self.replace_paths
        )

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Compare normalized inputs; unordered lists as sets; immutable fields replace."""
        paths = changed_paths(self._normal(olds), self._normal(news))
        replaces = sorted(
            {p.split(".", 1)[0].split("[", 1)[0] for p in paths if self._forces_replace(p)}
        )
        return DiffResult(
            changes=bool(paths),
            replaces=replaces,
            delete_before_replace=self.delete_before_replace if replaces else None,
        )

    # -- CRUD -----------------------------------------------------------------------

    def _checked(self, props: Mapping[str, Any]) -> dict[str, Any]:
        checker = Checker()
        inputs = self.normalize(self._inputs(props), checker)
        if checker.failures:
            raise BeyondIdentityError(
                f"invalid {self.label} inputs: " + "; ".join(f.reason for f in checker.failures)
            )
        return inputs

    def _realm(self, props: Mapping[str, Any]) -> str | None:
        return str(props["realm_id"]) if self.realm_scoped and props.get("realm_id") else None

    def _outs(self, obj: Mapping[str, Any], props: Mapping[str, Any]) -> dict[str, Any]:
        outs = self.outputs(obj, self.client.settings)
        if props.get("adopt_id"):
            outs["adopt_id"] = props["adopt_id"]
        return outs

    @plain_errors
    def create(self, props: dict[str, Any]) -> CreateResult:
        """Create the object (or adopt ``adopt_id``) and return complete outputs."""
        inputs = self._checked(props)
        collection = self.collection(self.client)
        realm_id = self._realm(inputs)
        adopt_id = props.get("adopt_id")
        if adopt_id:
            obj: Mapping[str, Any] = self._adopt(collection, str(adopt_id), realm_id, inputs)
        else:
            try:
                obj = collection.create(self.to_api(inputs), realm_id=realm_id)
            except AlreadyExistsError as exc:
                obj = self._adopt_listed(collection, exc, realm_id, inputs)
        return CreateResult(str(obj["id"]), self._outs(obj, props))

    def _adopt_listed(
        self,
        collection: Collection[Any],
        taken: AlreadyExistsError,
        realm_id: str | None,
        inputs: dict[str, Any],
    ) -> Mapping[str, Any]:
        """Adopt the holder of the natural key only when the stack settings list its id.

        Nothing else can show that the holder is this stack's: Beyond Identity objects carry
        no mark of who made them, and an interrupted run's pending create in the checkpoint
        cannot tell "that create committed" from "someone made it since". So an unlisted
        holder stops the create with the evidence and the one command, for a person to judge.
        """
        operation = OperationSettings.resolve(config=self._config)
        if taken.existing_id in operation.adopt_ids:
            logger.warning(
                "%s %s: taking over the existing object %s (listed in %s)",
                self.label,
                taken.natural_key,
                taken.existing_id,
                ADOPT_IDS_KEY[0],
            )
            return self._adopt(collection, taken.existing_id, realm_id, inputs)
        with _clients_lock:
            _holders.add(taken.existing_id)
            ids = ",".join(sorted(_holders | operation.adopt_ids))
        raise BeyondIdentityError(refusal(self.label, taken, ids)) from None

    def _adopt(
        self,
        collection: Collection[Any],
        adopt_id: str,
        realm_id: str | None,
        inputs: dict[str, Any],
    ) -> Mapping[str, Any]:
        where = f" in realm {realm_id}" if realm_id else ""
        try:
            current: Mapping[str, Any] = collection.get(adopt_id, realm_id=realm_id)
        except NotFoundError:
            raise BeyondIdentityError(
                f"adopt_id {adopt_id}: no {self.label} with that id{where}; check the id "
                "(and realm_id), or remove adopt_id to create a new one"
            ) from None
        if current.get("is_managed"):
            raise BeyondIdentityError(
                f"adopt_id {adopt_id}: this {self.label} is managed by Beyond Identity and cannot be "
                "brought under Pulumi management"
            )
        declared = self._normal(inputs)
        found = self._normal(self.outputs(current, self.client.settings))
        clashes = [
            p for p in changed_paths(found, declared) if self._forces_replace(p) and p != "realm_id"
        ]
        if clashes:
            details = ", ".join(
                f"{p} (is {_at(found, p)!r}, declared {_at(declared, p)!r})" for p in clashes
            )
            raise BeyondIdentityError(
                f"adopt_id {adopt_id}: the existing {self.label} differs in fields that cannot change "
                f"in place: {details}; declare the existing values or create a new object"
            )
        if changed_paths(found, declared):
            return collection.update(adopt_id, self.to_api(inputs), realm_id=realm_id)  # type: ignore[no-any-return]
        return current

    @plain_errors
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Current outputs and inputs, for refresh.

        Only a 404 means the object is gone (and leaves the state); any other failure
        or unusable answer raises, and the state keeps the resource.
        """
        obj = self.collection(self.client).find(id_, realm_id=self._realm(props))
        if obj is None:
            logger.warning(
                "%s %s no longer exists in Beyond Identity; it is removed from the stack state "
                "(run `pulumi up` to create it again)",
                self.label,
                id_,
            )
            return ReadResult(None, {})
        outs = self._outs(obj, props)
        inputs = {k: outs.get(k) for k in self.input_fields if outs.get(k) is not None}
        if props.get("adopt_id"):
            inputs["adopt_id"] = props["adopt_id"]
        return ReadResult(id_, outs, inputs)

    @plain_errors
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """PATCH the declared fields (nested objects whole) and return complete outputs."""
        self._refuse_managed(id_, olds, "change")
        inputs = self._checked(news)
        obj = self.collection(self.client).update(
            id_, self.to_api(inputs), realm_id=self._realm(inputs)
        )
        return UpdateResult(self._outs(obj, news))

    @plain_errors
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Delete the object; an object already gone counts as deleted."""
        self._refuse_managed(id_, props, "delete")
        self.before_delete(id_, props)
        try:
            self.collection(self.client).delete(id_, realm_id=self._realm(props))
        except ConflictError as exc:
            raise BeyondIdentityError(
                f"Beyond Identity refused to delete {self.label} {id_}: {exc.api_message} "
                f"(409 {exc.code}). To fix: {self.blocked_delete_hint(id_)}. Or keep the object by "
                "setting the `retain_on_delete` resource option."
            ) from None

    def before_delete(self, id_: str, props: Mapping[str, Any]) -> None:
        """Refuse a delete that would take more than this object with it (none by default)."""

    def _refuse_managed(self, id_: str, props: Mapping[str, Any], action: str) -> None:
        if props.get("is_managed"):
            raise BeyondIdentityError(
                f"{self.label} {id_} is managed by Beyond Identity; Pulumi will not {action} it"
            )


class ViewProvider(BeyondIdentityProvider):
    """Base of the providers that expose another resource's object and never change it.

    ``create``, ``read`` and ``update`` read the object; ``delete`` leaves it alone. Every
    input should replace, so ``update`` only runs if the engine asks anyway. No ``adopt_id``.
    """

    #: The input holding the id of the object shown.
    id_input: ClassVar[str] = ""

    def _read_object(self, inputs: Mapping[str, Any]) -> Mapping[str, Any]:
        obj_id, realm_id = inputs[self.id_input], self._realm(inputs)
        try:
            return self.collection(self.client).get(obj_id, realm_id=realm_id)  # type: ignore[no-any-return]
        except NotFoundError:
            what = self.id_input.removesuffix("_id").replace("_", " ")
            raise BeyondIdentityError(
                f"{what} {obj_id} does not exist in realm {realm_id}"
            ) from None

    @plain_errors
    def create(self, props: dict[str, Any]) -> CreateResult:
        """Read the object (nothing is created in Beyond Identity)."""
        obj = self._read_object(self._checked(props))
        return CreateResult(str(obj["id"]), self.outputs(obj, self.client.settings))

    @plain_errors
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Read the object again (nothing is changed in Beyond Identity)."""
        obj = self._read_object(self._checked(news))
        return UpdateResult(self.outputs(obj, self.client.settings))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Nothing to delete: the object belongs to another resource."""


def refusal(label: str, taken: AlreadyExistsError, ids: str) -> str:
    """Why a create stopped at an unrecorded holder of its natural key, and what to do."""
    where = f" in realm {taken.realm_id}" if taken.realm_id else ""
    created = f", created {taken.created}" if taken.created else ""
    return (
        f"{label} with {taken.natural_key} already exists{where} (id {taken.existing_id}"
        f"{created}), but this stack does not manage it. Nothing was created and it was not "
        "touched. It may be this stack's: if the engine warned above that an earlier `pulumi up` "
        f"was interrupted while creating this {label} (`pulumi stack history` shows when), that "
        "run may have made it before it died"
        + (" (compare its start with the create time)" if taken.created else "")
        + "; or it was made elsewhere, by another team or tool. Look at it first. If it is this "
        f"stack's, take it over with: pulumi up --config {ADOPT_IDS_KEY[0]}={ids}  (or set "
        f"{ADOPT_IDS_KEY[1]}={ids}). If it is not, give this {label} another name (or delete "
        "the other object, if it is unused), then run pulumi up again."
    )


def _at(tree: Any, path: str) -> Any:
    for part in path.split("."):
        tree = tree.get(part) if isinstance(tree, Mapping) else None
    return tree
