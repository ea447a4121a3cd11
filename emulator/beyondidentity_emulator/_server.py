"""The :class:`Emulator`: state, routes and a uvicorn server on a loopback port."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from starlette.routing import BaseRoute

from ._admin import AdminApi
from ._app import build_app
from ._auth import BearerAuthenticator
from ._clock import Clock, system_clock
from ._directory import DirectoryApi
from ._faults import FaultSet
from ._ids import TENANT_ID_RE, new_tenant_id
from ._management import ManagementApi
from ._oidc import OidcApi, issuer_url
from ._recording import Counters, Exchange, RequestLog
from ._serving import LoopbackServer, ensure_loopback
from ._store import Store
from ._tokens import TokenSigner, generate_signing_key

DEFAULT_TEST_USER_EMAIL = "test.user@example.com"
_DROP_MESSAGE = "ASGI callable returned without completing response."


class _IntentionalDropFilter(logging.Filter):
    """Hide uvicorn's complaint about responses the drop_after_commit fault cuts on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != _DROP_MESSAGE


logging.getLogger("uvicorn.error").addFilter(_IntentionalDropFilter())


class Emulator:
    """A Beyond Identity tenant emulated over real HTTP on a loopback port.

    Management API and per-application OIDC endpoints share one base URL
    (:attr:`url`). ``port=0`` picks a free port at :meth:`start`. Without
    ``tenant_id`` or ``api_token`` random ones are generated. ``state_file`` makes
    the state survive restarts (an existing file is loaded and must belong to
    ``tenant_id``). ``test_user_email`` is the identity the ``authorize`` endpoint
    logs in. ``clock`` (Unix seconds) drives every timestamp and token lifetime;
    it can also be replaced later through :attr:`clock`. ``signing_key`` (a private
    RSA JWK dict with a ``kid``) skips key generation for a new state; a key loaded
    from ``state_file`` takes precedence. ``accept_repeated_keys`` makes realm creates and
    renames accept a name another realm has, and resource-server creates an identifier
    another server of the realm has (by default both answer 409, a choice the contract
    does not document: clients must be safe either way), and group creates and renames a
    name another group of the realm has; identity usernames stay unique either way (the spec
    documents that 409). ``virtual_test_identity`` lets ``/authorize`` sign in a built-in
    identity with ``test_user_email`` in a realm that has no identity (see ``_sign_in``);
    once a realm has identities, only they sign in.
    """

    def __init__(
        self,
        tenant_id: str | None = None,
        api_token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        state_file: str | os.PathLike[str] | None = None,
        test_user_email: str = DEFAULT_TEST_USER_EMAIL,
        *,
        clock: Clock | None = None,
        signing_key: Mapping[str, Any] | None = None,
        max_recorded_requests: int = 10_000,
        accept_repeated_keys: bool = False,
        virtual_test_identity: bool = True,
    ) -> None:
        host = ensure_loopback(host)  # before anything is written to a state file
        tenant_id = tenant_id or new_tenant_id()
        if not TENANT_ID_RE.match(tenant_id):
            raise ValueError(f"tenant_id must be 16 lowercase hex characters, got {tenant_id!r}")
        self.tenant_id: str = tenant_id
        self.api_token: str = api_token or secrets.token_urlsafe(32)
        self.test_user_email = test_user_email
        self.clock: Clock = clock or system_clock
        self.accept_repeated_keys = accept_repeated_keys
        self.virtual_test_identity = virtual_test_identity
        self.store: Store = self._open_store(state_file, signing_key)
        self.faults: FaultSet = FaultSet()
        self._log = RequestLog(max_recorded_requests)
        self._counters = Counters()
        signer = TokenSigner(self.store.signing_key, self._now)
        self._oidc = OidcApi(
            store=self.store,
            signer=signer,
            clock=self._now,
            counters=self._counters,
            base_url=lambda: self.url,
            test_user_email=test_user_email,
            virtual_test_identity=virtual_test_identity,
        )
        app = build_app(
            self._routes(signer),
            faults=self.faults,
            log=self._log,
            counters=self._counters,
            clock=self._now,
        )
        self._server = LoopbackServer(app, host, port, name="emulator")

    def _open_store(
        self, state_file: str | os.PathLike[str] | None, signing_key: Mapping[str, Any] | None
    ) -> Store:
        key_source = dict(signing_key) if signing_key is not None else None
        return Store(
            self.tenant_id,
            clock=self._now,
            signing_key_factory=(lambda: dict(key_source)) if key_source else generate_signing_key,
            state_file=state_file,
        )

    def _routes(self, signer: TokenSigner) -> list[BaseRoute]:
        """The management API, the OIDC endpoints and the ``/__emulator/`` admin surface."""
        auth = BearerAuthenticator(
            tenant_id=self.tenant_id,
            api_token=self.api_token,
            signer=signer,
            is_revoked=self._oidc.is_revoked,
        )
        admin = AdminApi(
            api_token=self.api_token,
            store=self.store,
            faults=self.faults,
            log=self._log,
            counters=self._counters,
            info=self.info,
            reset=self.reset,
        )
        repeats = self.accept_repeated_keys
        management = ManagementApi(self.store, auth, self._now, accept_repeated_keys=repeats)
        directory = DirectoryApi(self.store, auth, self._now, accept_repeated_keys=repeats)
        return [
            *management.routes(),
            *directory.routes(),
            *self._oidc.routes(),
            *admin.routes(),
        ]

    def _now(self) -> float:
        # Indirection so replacing ``emulator.clock`` later reaches every component.
        return self.clock()

    # --- lifecycle --------------------------------------------------------------------

    def start(self) -> Emulator:
        """Serve in a background thread; return once connections are accepted."""
        if self._server.running:
            raise RuntimeError("the emulator is already running")
        # The server keeps its port for restarts, so URLs and issuers stay valid.
        self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving and wait for the server thread (idempotent)."""
        self._server.stop()

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        return self._server.running

    def __enter__(self) -> Emulator:
        if not self._server.running:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- addresses and seeded identifiers ------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port (``0`` until the first :meth:`start` when it was chosen randomly)."""
        return self._server.port

    @property
    def url(self) -> str:
        """Base URL of both the management API and the OIDC endpoints (no trailing slash)."""
        if self._server.port == 0:
            raise RuntimeError("the emulator has no port yet; call start() first")
        host = self._server.host
        return f"http://{f'[{host}]' if ':' in host else host}:{self._server.port}"

    @property
    def admin_realm_id(self) -> str:
        """ID of the seeded "Beyond Identity Admin" realm."""
        return self.store.seed.admin_realm_id

    @property
    def management_resource_server_id(self) -> str:
        """ID of the managed "Beyond Identity Management API" resource server."""
        return self.store.seed.management_resource_server_id

    @property
    def management_application_id(self) -> str:
        """ID of the managed "Beyond Identity Management API" application."""
        return self.store.seed.management_application_id

    @property
    def management_client_id(self) -> str:
        """Client ID of the Management API application."""
        return self.store.seed.management_client_id

    @property
    def management_client_secret(self) -> str:
        """Client secret of the Management API application."""
        return self.store.seed.management_client_secret

    @property
    def management_issuer(self) -> str:
        """OIDC issuer URL of the Management API application."""
        return self.issuer(self.admin_realm_id, self.management_application_id)

    @property
    def management_token_url(self) -> str:
        """Token endpoint for client-credentials tokens of the Management API application."""
        return f"{self.management_issuer}/token"

    def issuer(self, realm_id: str, application_id: str) -> str:
        """Return the OIDC issuer URL of an application."""
        return issuer_url(self.url, self.tenant_id, realm_id, application_id)

    def info(self) -> dict[str, Any]:
        """Return what the CLI prints at start (and ``GET /__emulator/info`` answers)."""
        return {
            "url": self.url,
            "tenant_id": self.tenant_id,
            "admin_realm_id": self.admin_realm_id,
            "management_application_id": self.management_application_id,
            "management_client_id": self.management_client_id,
            "management_client_secret": self.management_client_secret,
            "management_token_url": self.management_token_url,
        }

    # --- test helpers ----------------------------------------------------------------------------

    @property
    def requests(self) -> list[Exchange]:
        """The recorded exchanges, oldest first (see :class:`Exchange`)."""
        return self._log.entries()

    def clear_requests(self) -> None:
        """Forget the recorded exchanges."""
        self._log.clear()

    @property
    def counters(self) -> dict[str, int]:
        """Requests per ``"<METHOD> <route template>"`` plus ``"token_requests"`` (tokens issued)."""
        return self._counters.snapshot()

    def clear_counters(self) -> None:
        """Zero all counters."""
        self._counters.clear()

    def add_identity(
        self, realm_id: str, email: str | None = None, **fields: str
    ) -> dict[str, Any]:
        """Add an identity to a realm without validation (OpenAPI shape); return it.

        It blocks realm deletion with 409 and is offered by the sign-in page. ``fields``
        may set ``username``, ``display_name``, ``external_id`` and ``status``.
        """
        return self.store.add_identity(realm_id, email=email, **fields)

    def reset(self) -> None:
        """Return to the seeded tenant, keeping tenant ID, keys and managed credentials.

        Also clears faults, recorded requests, counters, pending authorization
        codes, referential tokens and revocations.
        """
        self.store.reset()
        self.faults.clear()
        self._log.clear()
        self._counters.clear()
        self._oidc.clear()
