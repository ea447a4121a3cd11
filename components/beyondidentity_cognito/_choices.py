"""The choice arguments' values, as ``Literal`` types (``typing.get_args`` gives the tuple).

Where the providers own a choice (the subject field, authentication methods, realm
classification) the providers' declarations are the source: the providers state them as
inline ``Literal`` annotations and public tuples (``SUBJECT_FIELDS``, ...), not as named types,
so the types are restated here and a unit test proves each equals the providers' tuple. The
others are Cognito's (botocore ``cognito-idp`` 2016-04-18) or the component's own.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

Pkce = Literal["disabled", "s256"]
"""PKCE Beyond Identity requires of Cognito; Cognito is a confidential client, so no ``plain``."""
SubjectField = Literal["id", "email", "username", "external_id"]
"""``pulumi_beyondidentity.application.SUBJECT_FIELDS``."""
AuthenticationMethod = Literal["webauthn_passkey", "software_passkey", "email_one_time_password"]
"""``pulumi_beyondidentity.authenticator_config.AUTHENTICATION_METHODS``."""
RealmClassification = Literal["SECURE_CUSTOMER", "SECURE_WORKFORCE"]
"""``pulumi_beyondidentity.realm.CLASSIFICATIONS``."""
DeletionProtection = Literal["ACTIVE", "INACTIVE"]
"""Cognito ``DeletionProtectionType``."""
MfaConfiguration = Literal["OFF", "OPTIONAL", "ON"]
"""Cognito ``UserPoolMfaType``."""
UserPoolTier = Literal["LITE", "ESSENTIALS", "PLUS"]
"""Cognito ``UserPoolTierType``."""
TimeUnit = Literal["seconds", "minutes", "hours", "days"]
"""Cognito ``TimeUnitsType``."""
PreventUserExistenceErrors = Literal["ENABLED", "LEGACY"]
"""Cognito ``PreventUserExistenceErrorTypes``."""
ManagedLoginVersion = Literal[1, 2]
"""1: the classic hosted UI; 2: managed login."""


def choices(literal: Any) -> tuple[Any, ...]:
    """The values of a ``Literal`` type, in the order it lists them."""
    return get_args(literal)
