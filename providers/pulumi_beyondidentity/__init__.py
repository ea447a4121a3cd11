"""Beyond Identity as Pulumi resources, and the API client behind them.

Resources (dynamic, type tokens ``pulumi-python:dynamic/beyondidentity:<Name>``):
:class:`Realm`, :class:`ResourceServer`, :class:`AuthenticatorConfig`,
:class:`Application`, :class:`ApplicationCredentials`, :class:`Identity`, :class:`Group`. Their providers read the ``beyondidentity:*`` stack
configuration (or ``BEYOND_IDENTITY_*`` environment variables); :data:`CONFIG_KEYS` lists
those settings.

Client: :class:`BeyondIdentityClient` with :class:`Settings`, for scripts and
tests that talk to the v1 management API directly (``client.collection(REALM)``: each
kind's spec is in its module, and ``ALL_KINDS`` in :mod:`._registry` lists them);
:func:`resolve_hosts` for the tenant's hosts. The dynamic providers behind the resources
(``RealmProvider``...) stay importable from their modules. :mod:`pulumi_beyondidentity.rules`: the value rules shared by the providers,
the ``CognitoFederation`` component and the local stand-ins.
"""

from . import rules
from ._client import BeyondIdentityClient, Collection
from ._errors import (
    AlreadyExistsError,
    APIError,
    AuthError,
    BeyondIdentityError,
    ConfigurationError,
    ConflictError,
    CreateRecoveryError,
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
from ._settings import REGIONS, Hosts, Settings, resolve_hosts
from ._version import __version__
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
    "rules",
]
