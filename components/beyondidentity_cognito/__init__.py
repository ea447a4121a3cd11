"""Beyond Identity passwordless sign-in for Amazon Cognito, as one Pulumi component.

:class:`CognitoFederation` (type token ``beyondidentity:index:CognitoFederation``) turns the
Beyond Identity "Integrate with AWS Cognito" console guide into resources: a Beyond Identity
realm, resource server, hosted-web authenticator config and OIDC application, and a Cognito
user pool, domain, OIDC identity provider and app client, wired together.

Invalid arguments raise one :class:`CognitoFederationError` listing every :class:`Violation`
(formerly ``Problem``, still importable under that name with a deprecation warning); a value
wired from another resource (an ``Output``) is checked once known, with the same wording.
:func:`args_from_config` reads the arguments from a project's stack settings (the table
:data:`STACK_SETTINGS`), :func:`args_from_settings` from values keyed by setting name (a
program in another language); pass ``argument_names=setting_names()`` so errors name the settings.
A key it does not know in its namespace or in ``beyondidentity`` raises
:class:`UnknownSettingsError` (:func:`unknown_setting_problems` makes the same check for
programs that build their arguments themselves).
The component's outputs are listed in :data:`FEDERATION_OUTPUTS`; :func:`stack_outputs` names
the ones a stack exports.
"""

from ._args import (
    DEFAULT_ACCESS_TOKEN_VALIDITY,
    DEFAULT_ACCESS_TOKEN_VALIDITY_UNIT,
    DEFAULT_APPLICATION_DISPLAY_NAME,
    DEFAULT_ATTRIBUTE_MAPPING,
    DEFAULT_AUTH_SESSION_VALIDITY,
    DEFAULT_AUTHENTICATOR_DISPLAY_NAME,
    DEFAULT_DELETION_PROTECTION,
    DEFAULT_ID_TOKEN_VALIDITY,
    DEFAULT_ID_TOKEN_VALIDITY_UNIT,
    DEFAULT_IDENTITY_PROVIDER_NAME,
    DEFAULT_MANAGED_LOGIN_VERSION,
    DEFAULT_MFA_CONFIGURATION,
    DEFAULT_OAUTH_SCOPES,
    DEFAULT_PKCE,
    DEFAULT_PREVENT_USER_EXISTENCE_ERRORS,
    DEFAULT_REFRESH_TOKEN_VALIDITY,
    DEFAULT_REFRESH_TOKEN_VALIDITY_UNIT,
    DEFAULT_RESOURCE_SERVER_DISPLAY_NAME,
    DEFAULT_RESOURCE_SERVER_IDENTIFIER,
    DEFAULT_RESOURCE_SERVER_SCOPES,
    DEFAULT_SUBJECT_FIELD,
    DEFAULT_TOKEN_EXPIRES_AFTER,
    CognitoFederationArgs,
    ManagedLoginAsset,
)
from ._choices import (
    AuthenticationMethod,
    DeletionProtection,
    ManagedLoginVersion,
    MfaConfiguration,
    Pkce,
    PreventUserExistenceErrors,
    RealmClassification,
    SubjectField,
    TimeUnit,
    UserPoolTier,
)
from ._component import (
    FEDERATION_OUTPUTS,
    TYPE_TOKEN,
    CognitoFederation,
    default_name,
    stack_outputs,
)
from ._errors import CognitoFederationError, Violation
from ._outputs import FederationOutput
from ._stack_settings import (
    STACK_SETTINGS,
    StackSetting,
    args_from_config,
    args_from_settings,
    setting_names,
)
from ._unknown_settings import UnknownSettingsError, stack_config_keys, unknown_setting_problems

__all__ = [
    "DEFAULT_ACCESS_TOKEN_VALIDITY",
    "DEFAULT_ACCESS_TOKEN_VALIDITY_UNIT",
    "DEFAULT_APPLICATION_DISPLAY_NAME",
    "DEFAULT_ATTRIBUTE_MAPPING",
    "DEFAULT_AUTHENTICATOR_DISPLAY_NAME",
    "DEFAULT_AUTH_SESSION_VALIDITY",
    "DEFAULT_DELETION_PROTECTION",
    "DEFAULT_IDENTITY_PROVIDER_NAME",
    "DEFAULT_ID_TOKEN_VALIDITY",
    "DEFAULT_ID_TOKEN_VALIDITY_UNIT",
    "DEFAULT_MANAGED_LOGIN_VERSION",
    "DEFAULT_MFA_CONFIGURATION",
    "DEFAULT_OAUTH_SCOPES",
    "DEFAULT_PKCE",
    "DEFAULT_PREVENT_USER_EXISTENCE_ERRORS",
    "DEFAULT_REFRESH_TOKEN_VALIDITY",
    "DEFAULT_REFRESH_TOKEN_VALIDITY_UNIT",
    "DEFAULT_RESOURCE_SERVER_DISPLAY_NAME",
    "DEFAULT_RESOURCE_SERVER_IDENTIFIER",
    "DEFAULT_RESOURCE_SERVER_SCOPES",
    "DEFAULT_SUBJECT_FIELD",
    "DEFAULT_TOKEN_EXPIRES_AFTER",
    "FEDERATION_OUTPUTS",
    "STACK_SETTINGS",
    "TYPE_TOKEN",
    "AuthenticationMethod",
    "CognitoFederation",
    "CognitoFederationArgs",
    "CognitoFederationError",
    "DeletionProtection",
    "FederationOutput",
    "ManagedLoginAsset",
    "ManagedLoginVersion",
    "MfaConfiguration",
    "Pkce",
    "PreventUserExistenceErrors",
    "RealmClassification",
    "StackSetting",
    "SubjectField",
    "TimeUnit",
    "UnknownSettingsError",
    "UserPoolTier",
    "Violation",
    "args_from_config",
    "args_from_settings",
    "default_name",
    "setting_names",
    "stack_config_keys",
    "stack_outputs",
    "unknown_setting_problems",
]


def __getattr__(name: str) -> object:
    # ``Problem`` was this record's name until it was renamed (the providers' rules are
    # "problems" too); old imports keep working, with a warning.
    if name == "Problem":
        import warnings

        warnings.warn(
            "beyondidentity_cognito.Problem is now Violation", DeprecationWarning, stacklevel=2
        )
        return Violation
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
