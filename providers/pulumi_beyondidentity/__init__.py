"""Beyond Identity as Pulumi resources, and the API client behind them.

Resources (dynamic, type tokens ``pulumi-python:dynamic/beyondidentity:<Name>``):
:class:`Realm`, :class:`ResourceServer`, :class:`AuthenticatorConfig`,
:class:`Application`, :class:`ApplicationCredentials`, :class:`Identity`, :class:`Group`. Their providers read the ``beyondidentity:*`` stack
configuration (or ``BEYOND_IDENTITY_*`` environment variables); :data:`CONFIG_KEYS` lists
those settings.

Client: :class:`BeyondIdentityClient` with :class:`Settings`, for scripts and
tests that talk to the v1 management API directly (``client.collection(REALM)``: each
kind's spec is in its module, and ``ALL_KINDS`` in :mod:`._registry` lists them);
:func:`resolve_hosts` for the tenant's hosts, :func:`resolve_tenant` for its id. The dynamic providers behind the resources
(``RealmProvider``...) stay importable from their modules. :mod:`pulumi_beyondidentity.rules`: the value rules shared by the providers,
the ``CognitoFederation`` component and the local stand-ins.

Every name is imported on first use (PEP 562): ``import pulumi_beyondidentity`` costs next to
nothing, a program pays for the resources it declares, and only a provider process pays for
the client (docs/performance.md, "A quick start").
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time __getattr__ imports each name
    from . import rules
    from ._client import BeyondIdentityClient, Collection
    from ._connection import REGIONS, Hosts, Settings, resolve_hosts, resolve_tenant
    from ._errors import (
        AlreadyExistsError,
        APIError,
        AuthError,
        BeyondIdentityError,
        ConfigurationError,
        ConflictError,
        CreateRecoveryError,
        CredentialsRefusedError,
        DeadlineExceededError,
        FieldViolation,
        InvalidInputError,
        MalformedResponseError,
        NotFoundError,
        RateLimitedError,
        ServerError,
        TransportError,
        UpdateOutcomeUnknownError,
    )
    from ._operation import CONFIG_KEYS
    from ._registry import ALL_KINDS
    from ._retry import RetryPolicy
    from .application import (
        Application,
        ApplicationArgs,
        ProtocolConfigArgs,
        TokenConfigurationArgs,
    )
    from .application_credentials import (
        ApplicationCredentials,
        ApplicationCredentialsArgs,
    )
    from .authenticator_config import (
        AuthenticationMethodArgs,
        AuthenticatorConfig,
        AuthenticatorConfigArgs,
        AuthenticatorSettingsArgs,
    )
    from .group import Group, GroupArgs
    from .identity import Identity, IdentityArgs
    from .realm import Realm, RealmArgs
    from .resource_server import ResourceServer, ResourceServerArgs

__all__ = [
    "ALL_KINDS",
    "CONFIG_KEYS",
    "REGIONS",
    "APIError",
    "AlreadyExistsError",
    "Application",
    "ApplicationArgs",
    "ApplicationCredentials",
    "ApplicationCredentialsArgs",
    "AuthError",
    "AuthenticationMethodArgs",
    "AuthenticatorConfig",
    "AuthenticatorConfigArgs",
    "AuthenticatorSettingsArgs",
    "BeyondIdentityClient",
    "BeyondIdentityError",
    "Collection",
    "ConfigurationError",
    "ConflictError",
    "CreateRecoveryError",
    "CredentialsRefusedError",
    "DeadlineExceededError",
    "FieldViolation",
    "Group",
    "GroupArgs",
    "Hosts",
    "Identity",
    "IdentityArgs",
    "InvalidInputError",
    "MalformedResponseError",
    "NotFoundError",
    "ProtocolConfigArgs",
    "RateLimitedError",
    "Realm",
    "RealmArgs",
    "ResourceServer",
    "ResourceServerArgs",
    "RetryPolicy",
    "ServerError",
    "Settings",
    "TokenConfigurationArgs",
    "TransportError",
    "UpdateOutcomeUnknownError",
    "__version__",
    "resolve_hosts",
    "resolve_tenant",
    "rules",
]

# The module that defines each public name, imported when the name is first read; the client
# (httpx, tenacity) only by the names that need it, so a program never loads it.
_HOMES: dict[str, str] = {
    "rules": ".rules",
    **dict.fromkeys(["BeyondIdentityClient", "Collection"], "._client"),
    **dict.fromkeys(
        ["REGIONS", "Hosts", "Settings", "resolve_hosts", "resolve_tenant"], "._connection"
    ),
    **dict.fromkeys(
        [
            "AlreadyExistsError",
            "APIError",
            "AuthError",
            "BeyondIdentityError",
            "ConfigurationError",
            "ConflictError",
            "CreateRecoveryError",
            "CredentialsRefusedError",
            "DeadlineExceededError",
            "FieldViolation",
            "InvalidInputError",
            "MalformedResponseError",
            "NotFoundError",
            "RateLimitedError",
            "ServerError",
            "TransportError",
            "UpdateOutcomeUnknownError",
        ],
        "._errors",
    ),
    "CONFIG_KEYS": "._operation",
    "ALL_KINDS": "._registry",
    "RetryPolicy": "._retry",
    **dict.fromkeys(
        ["Application", "ApplicationArgs", "ProtocolConfigArgs", "TokenConfigurationArgs"],
        ".application",
    ),
    **dict.fromkeys(
        ["ApplicationCredentials", "ApplicationCredentialsArgs"], ".application_credentials"
    ),
    **dict.fromkeys(
        [
            "AuthenticationMethodArgs",
            "AuthenticatorConfig",
            "AuthenticatorConfigArgs",
            "AuthenticatorSettingsArgs",
        ],
        ".authenticator_config",
    ),
    **dict.fromkeys(["Group", "GroupArgs"], ".group"),
    **dict.fromkeys(["Identity", "IdentityArgs"], ".identity"),
    **dict.fromkeys(["Realm", "RealmArgs"], ".realm"),
    **dict.fromkeys(["ResourceServer", "ResourceServerArgs"], ".resource_server"),
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(home, __name__)
    value = module if name == "rules" else getattr(module, name)
    globals()[name] = value  # later reads skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
