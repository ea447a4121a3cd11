"""Proof that the settings reach their tenant, before anything is written.

A token that is missing, malformed, expired, or made for another tenant would otherwise
pass ``pulumi preview`` and fail on the first write, after other resources (Cognito's) were
made. The providers' ``check`` calls :func:`verify_credentials` for a step that will write
(a create, or inputs that changed), which reads the tenant once per CLI run and settings
(one cheap GET shared by every resource and thread of a provider process, and by the
processes of one CLI run through :mod:`._proof`) and turns a refusal into a
:class:`CredentialsRefusedError` (or a :class:`ConfigurationError`) naming what to fix. A
write refused with 401 or 403 later (a token revoked during the run, or a delete, which no
``check`` precedes) gives the same message through :func:`refused_write`.
"""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING

from . import _proof
from ._connection import Settings, describe_key
from ._errors import (
    AuthError,
    BeyondIdentityError,
    ConfigurationError,
    CredentialsRefusedError,
    NotFoundError,
    TransportError,
)

if TYPE_CHECKING:
    from ._client import BeyondIdentityClient

_HOST_KEYS = "beyondidentity:region or beyondidentity:apiUrl (BEYOND_IDENTITY_REGION, _API_URL)"
_outcomes: dict[tuple[str, ...], BeyondIdentityError | None] = {}
_locks: dict[tuple[str, ...], threading.Lock] = {}
_locks_guard = threading.Lock()


def verify_credentials(client: BeyondIdentityClient) -> None:
    """Read the tenant once per process and settings (or accept the proof another provider
    process of the same CLI run shared); later calls reuse the outcome.

    :raises CredentialsRefusedError: Beyond Identity refused the credentials (401/403).
    :raises ConfigurationError: the tenant does not exist at that host, or Beyond Identity
        could not be reached to tell.
    """
    settings = client.settings
    key = settings.fingerprint()
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:  # concurrent checks wait for the one request instead of sending their own
        if key not in _outcomes:
            if _proof.proven(settings):
                _outcomes[key] = None
            else:
                _outcomes[key] = _problem(client)
                if _outcomes[key] is None:
                    _proof.share(settings)
        problem = _outcomes[key]
    if problem is not None:
        raise copy.copy(problem)  # a fresh instance: threads raise it at once


def refused_write(settings: Settings, exc: AuthError) -> BeyondIdentityError:
    """The error for a write Beyond Identity refused with 401 or 403: the credentials
    message of the check, saying that nothing was applied (when that is known)."""
    if exc.may_have_been_applied:
        return exc
    return CredentialsRefusedError(
        f"{exc.method} {exc.path} failed: {exc.status_code} {exc.code}: "
        f"{_refusal(settings, exc, 'the scope this request needs')}. Nothing was applied in "
        "Beyond Identity",
        status_code=exc.status_code,
    )


def forget_outcomes() -> None:
    """Drop the remembered outcomes (for tests that change credentials in one process)."""
    with _locks_guard:
        _outcomes.clear()


def _problem(client: BeyondIdentityClient) -> BeyondIdentityError | None:
    settings = client.settings
    try:
        client.get_tenant()
    except AuthError as exc:
        return _refused(settings, exc)
    except NotFoundError:
        return ConfigurationError(
            f"Beyond Identity has no tenant {settings.tenant_id} at {settings.api_url}: check "
            f"{describe_key('tenant_id')}, and {_HOST_KEYS}"
        )
    except TransportError as exc:
        return ConfigurationError(
            f"cannot reach Beyond Identity at {settings.api_url} to verify the credentials "
            f"({exc}); check {_HOST_KEYS} and the network, then run again"
        )
    except BeyondIdentityError as exc:
        return ConfigurationError(f"could not verify the Beyond Identity credentials: {exc}")
    return None


def _refused(settings: Settings, exc: AuthError) -> CredentialsRefusedError:
    return CredentialsRefusedError(_refusal(settings, exc), status_code=exc.status_code)


def _refusal(settings: Settings, exc: AuthError, scope: str = "the tenants:read scope") -> str:
    what = (
        describe_key("api_token")
        if settings.auth_mode == "token"
        else f"{describe_key('client_id')} and {describe_key('client_secret')}"
    )
    if exc.status_code == 403:
        return (
            f"Beyond Identity refused access to tenant {settings.tenant_id} (403 {exc.code}): "
            f"the credentials ({what}) belong to another tenant, or lack {scope}; "
            f"check {describe_key('tenant_id')} and the credentials"
        )
    return (
        f"Beyond Identity rejected the credentials ({exc.status_code} {exc.code}): {what} "
        "is invalid, expired or revoked; create a new API token in the Beyond Identity console "
        "(or fix the client credentials) and set it as a secret"
    )
