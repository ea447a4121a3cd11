"""Beyond Identity as Pulumi resources, and the API client behind them.

Resources (dynamic, type tokens ``pulumi-python:dynamic/beyondidentity:<Name>``):
:class:`Realm`, :class:`ResourceServer`, :class:`AuthenticatorConfig`,
:class:`Application`, :class:`ApplicationCredentials`. Their providers read the ``beyondidentity:*`` stack
configuration (or ``BEYOND_IDENTITY_*`` environment variables); :data:`CONFIG_KEYS` lists
those settings.

Client: :class:`BeyondIdentityClient` with :class:`Settings`, for scripts and
tests that talk to the v1 management API directly; :func:`resolve_hosts` for the
tenant's hosts. :mod:`pulumi_beyondidentity.rules`: the value rules shared by the providers,
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
from ._provider import BeyondIdentityProvider
from ._retry import RetryPolicy
from ._settings import REGIONS, Hosts, Settings, resolve_hosts
from ._version import __version__
from .application import (
    Application,
    ApplicationArgs,
    ApplicationProvider,
    ProtocolConfigArgs,
    TokenConfigurationArgs,
)
from .application_credentials import (
    ApplicationCredentials,
    ApplicationCredentialsArgs,
    ApplicationCredentialsProvider,
)
from .authenticator_config import (
    AuthenticationMethodArgs,
    AuthenticatorConfig,
    AuthenticatorConfigArgs,
    AuthenticatorConfigProvider,
    AuthenticatorSettingsArgs,
)
from .realm import Realm, RealmArgs, RealmProvider
from .resource_server import ResourceServer, ResourceServerArgs, ResourceServerProvider

__all__ = [
    "CONFIG_KEYS",
    "REGIONS",
    "APIError",
    "AlreadyExistsError",
    "Application",
    "ApplicationArgs",
    "ApplicationCredentials",
    "ApplicationCredentialsArgs",
    "ApplicationCredentialsProvider",
    "ApplicationProvider",
    "AuthError",
    "AuthenticationMethodArgs",
    "AuthenticatorConfig",
    "AuthenticatorConfigArgs",
    "AuthenticatorConfigProvider",
    "AuthenticatorSettingsArgs",
    "BeyondIdentityClient",
    "BeyondIdentityError",
    "BeyondIdentityProvider",
    "Collection",
    "ConfigurationError",
    "ConflictError",
    "CreateRecoveryError",
    "DeadlineExceededError",
    "FieldViolation",
    "Hosts",
    "InvalidInputError",
    "MalformedResponseError",
    "NotFoundError",
    "ProtocolConfigArgs",
    "RateLimitedError",
    "Realm",
    "RealmArgs",
    "RealmProvider",
    "ResourceServer",
    "ResourceServerArgs",
    "ResourceServerProvider",
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
