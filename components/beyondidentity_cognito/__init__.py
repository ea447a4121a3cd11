"""Beyond Identity passwordless sign-in for Amazon Cognito, as one Pulumi component.

:class:`CognitoFederation` (type token ``beyondidentity:index:CognitoFederation``) turns the
Beyond Identity "Integrate with AWS Cognito" console guide into resources: a Beyond Identity
realm, resource server, hosted-web authenticator config and OIDC application, and a Cognito
user pool, domain, OIDC identity provider and app client, wired together.

Invalid arguments raise one :class:`CognitoFederationError` listing every :class:`Problem`.
:func:`args_from_config` reads the arguments from a project's stack settings (the table
:data:`STACK_SETTINGS`); pass ``argument_names=setting_names()`` so errors name the settings.
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
from ._component import (
    FEDERATION_OUTPUTS,
    TYPE_TOKEN,
    CognitoFederation,
    default_name,
    stack_outputs,
)
from ._errors import CognitoFederationError, Problem
from ._outputs import FederationOutput
from ._stack_settings import STACK_SETTINGS, StackSetting, args_from_config, setting_names
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
    "CognitoFederation",
    "CognitoFederationArgs",
    "CognitoFederationError",
    "FederationOutput",
    "ManagedLoginAsset",
    "Problem",
    "StackSetting",
    "UnknownSettingsError",
    "args_from_config",
    "default_name",
    "setting_names",
    "stack_config_keys",
    "stack_outputs",
    "unknown_setting_problems",
]
