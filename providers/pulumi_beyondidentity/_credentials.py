"""Proof that the settings reach their tenant, before anything is created.

A token that is missing, malformed, expired, or made for another tenant would otherwise
pass ``pulumi preview`` and fail on the first create, after other resources (Cognito's) were
made. The providers' ``check`` calls :func:`verify_credentials`, which reads the tenant once
per provider process and settings (one cheap GET shared by every resource and thread) and
turns a refusal into a :class:`ConfigurationError` naming what to fix.
"""

from __future__ import annotations

import threading

from ._client import BeyondIdentityClient
from ._connection import Settings, describe_key
from ._errors import (
    AuthError,
    BeyondIdentityError,
    ConfigurationError,
    NotFoundError,
    TransportError,
)

_HOST_KEYS = "beyondidentity:region or beyondidentity:apiUrl (BEYOND_IDENTITY_REGION, _API_URL)"
_outcomes: dict[tuple[str, ...], str | None] = {}
_locks: dict[tuple[str, ...], threading.Lock] = {}
_locks_guard = threading.Lock()


def verify_credentials(client: BeyondIdentityClient) -> None:
    """Read the tenant once per process and settings; later calls reuse the outcome.

    :raises ConfigurationError: the credentials were refused, belong to another tenant,
        or Beyond Identity could not be reached to tell.
    """
    key = client.settings.fingerprint()
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:  # concurrent checks wait for the one request instead of sending their own
        if key not in _outcomes:
            _outcomes[key] = _problem(client)
        problem = _outcomes[key]
    if problem is not None:
        raise ConfigurationError(problem)


def forget_outcomes() -> None:
    """Drop the remembered outcomes (for tests that change credentials in one process)."""
    with _locks_guard:
        _outcomes.clear()


def _problem(client: BeyondIdentityClient) -> str | None:
    settings = client.settings
    try:
        client.get_tenant()
    except AuthError as exc:
        return _refused(settings, exc)
    except NotFoundError:
        return (
            f"Beyond Identity has no tenant {settings.tenant_id} at {settings.api_url}: check "
            f"{describe_key('tenant_id')}, and {_HOST_KEYS}"
        )
    except TransportError as exc:
        return (
            f"cannot reach Beyond Identity at {settings.api_url} to verify the credentials "
            f"({exc}); check {_HOST_KEYS} and the network, then run again"
        )
    except BeyondIdentityError as exc:
        return f"could not verify the Beyond Identity credentials: {exc}"
    return None


def _refused(settings: Settings, exc: AuthError) -> str:
    what = (
        describe_key("api_token")
        if settings.auth_mode == "token"
        else f"{describe_key('client_id')} and {describe_key('client_secret')}"
    )
    if exc.status_code == 403:
        return (
            f"Beyond Identity refused access to tenant {settings.tenant_id} (403 {exc.code}): "
            f"the credentials ({what}) belong to another tenant, or lack the tenants:read "
            f"scope; check {describe_key('tenant_id')} and the credentials"
        )
    return (
        f"Beyond Identity rejected the credentials ({exc.status_code} {exc.code}): {what} "
        "is invalid, expired or revoked; create a new API token in the Beyond Identity console "
        "(or fix the client credentials) and set it as a secret"
    )
