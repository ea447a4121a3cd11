"""A local, contract-faithful emulator of the Beyond Identity v1 management API.

Serves the management API (tenant, realms, resource servers, applications,
authenticator configs, identities, groups and their members) and per-application
OIDC endpoints, whose sign-in offers the realm's identities, over real HTTP on a
loopback port, for tests and offline development::

    from beyondidentity_emulator import Emulator

    with Emulator(tenant_id="000176d94fd7b4d1", api_token="secret") as emu:
        httpx.get(f"{emu.url}/v1/tenants/{emu.tenant_id}/realms",
                  headers={"Authorization": "Bearer secret"})

Run ``python -m beyondidentity_emulator --help`` for the command line.
"""

from ._clock import Clock, system_clock
from ._faults import Fault, FaultKind, FaultSet
from ._oauth import PKCE_VALUE_RE, basic_credentials, pkce_s256
from ._recording import Exchange, add_exchange_listener, remove_exchange_listener
from ._server import DEFAULT_TEST_USER_EMAIL, Emulator
from ._serving import LoopbackServer, ensure_loopback
from ._store import (
    ADMIN_REALM_NAME,
    MANAGEMENT_API_NAME,
    MANAGEMENT_AUDIENCE,
    MANAGEMENT_SCOPES,
    Collection,
    Seed,
    StateFileError,
    Store,
)
from ._tokens import generate_signing_key

__version__ = "0.1.0"

__all__ = [
    "ADMIN_REALM_NAME",
    "DEFAULT_TEST_USER_EMAIL",
    "MANAGEMENT_API_NAME",
    "MANAGEMENT_AUDIENCE",
    "MANAGEMENT_SCOPES",
    "PKCE_VALUE_RE",
    "Clock",
    "Collection",
    "Emulator",
    "Exchange",
    "Fault",
    "FaultKind",
    "FaultSet",
    "LoopbackServer",
    "Seed",
    "StateFileError",
    "Store",
    "__version__",
    "add_exchange_listener",
    "basic_credentials",
    "ensure_loopback",
    "generate_signing_key",
    "pkce_s256",
    "remove_exchange_listener",
    "system_clock",
]
